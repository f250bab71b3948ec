from django.urls import path

from reporting.documents import stamp_views, term_views, token_views
from reporting.documents import views as documents
from reporting.figures import views as figures
from reporting.jobs import views as jobs
from reporting.results import account_import_views, committee_import_views
from reporting.results import views as results

CAMPAIGN = "dot-hoc-tap/<slug:code>/"
RESULT = f"{CAMPAIGN}ket-qua/<slug:unit_code>/"
REPORT = f"{CAMPAIGN}bao-cao/"
TERM_REPORT = "bao-cao-dinh-ky/<int:pk>/"
# The actions on a report, the same on a campaign's report and on a term report: (path, view, name).
REPORT_ACTIONS = [
    ("sua-doan/", documents.report_edit_view, "edit"),
    ("giu-doan/", documents.report_keep_view, "keep"),
    ("noi-nhan-nguoi-ky/", documents.report_closing_view, "closing"),
    ("cap-nhat/", documents.report_regenerate_view, "regenerate"),
    ("duyet/", documents.report_approve_view, "approve"),
    ("chuyen-du-thao/", documents.report_reopen_view, "reopen"),
    ("tra-lai/", documents.report_send_back_view, "send_back"),
    ("so-van-ban/", documents.report_numbering_view, "numbering"),
    ("ky/", documents.report_sign_view, "sign"),
    ("dinh-chinh/", documents.report_correction_view, "correction"),
    ("du-thao.pdf", documents.report_preview, "preview"),
    ("bang-so-lieu.xlsx", documents.report_xlsx, "xlsx"),
    ("du-thao.docx", documents.report_docx, "docx"),
    ("chuan-bi-ky/", token_views.report_prepare_view, "prepare"),
    ("van-ban-de-ky.pdf", token_views.report_prepared_pdf, "prepared_pdf"),
    ("tai-len-ban-ky/", token_views.report_upload_signed_view, "upload_signed"),
]

urlpatterns = [
    path(f"{CAMPAIGN}tong-hop/", figures.dashboard, name="dashboard"),
    path(f"{CAMPAIGN}tong-hop.xlsx", figures.dashboard_xlsx, name="dashboard_xlsx"),
    path(f"{CAMPAIGN}mau-excel.xlsx", results.results_template, name="results_template"),
    path(f"{CAMPAIGN}nhap-excel/", results.results_import, name="results_import"),
    path(f"{CAMPAIGN}nhap-excel/<uuid:pk>/", results.results_import_preview, name="results_import_preview"),
    path(f"{CAMPAIGN}nhap-excel/<uuid:pk>/xac-nhan/", results.results_import_confirm, name="results_import_confirm"),
    path(f"{CAMPAIGN}mau-excel-co-so-lieu.xlsx", results.results_template_filled, name="results_template_filled"),
    path("cho-duyet/", results.review_queue, name="review_queue"),
    path("tai-khoan/mau-excel.xlsx", account_import_views.account_template_view, name="account_template"),
    path("tai-khoan/nhap-excel/", account_import_views.account_import_view, name="account_import"),
    path("tai-khoan/nhap-excel/<uuid:pk>/", account_import_views.account_import_preview, name="account_import_preview"),
    path("tai-khoan/nhap-excel/<uuid:pk>/luu/", account_import_views.account_import_save, name="account_import_save"),
    path("cap-uy/mau-excel.xlsx", committee_import_views.committee_template_view, name="committee_template"),
    path("cap-uy/nhap-excel/", committee_import_views.committee_import_view, name="committee_import"),
    path(
        "cap-uy/nhap-excel/<uuid:pk>/",
        committee_import_views.committee_import_preview,
        name="committee_import_preview",
    ),
    path(
        "cap-uy/nhap-excel/<uuid:pk>/luu/", committee_import_views.committee_import_save, name="committee_import_save"
    ),
    path("hoi-nghi/<int:pk>/tham-du/mau-excel.xlsx", results.attendance_template_view, name="attendance_template"),
    path("hoi-nghi/<int:pk>/tham-du/nhap-excel/", results.attendance_import_view, name="attendance_import"),
    path(RESULT, results.unit_result, name="unit_result"),
    path(f"{RESULT}luu-nhap/", results.unit_result_save_draft, name="unit_result_save"),
    path(f"{RESULT}gui/", results.unit_result_submit, name="unit_result_submit"),
    path(f"{RESULT}tiep-nhan/", results.unit_result_accept_view, name="unit_result_accept"),
    path(f"{RESULT}tra-lai/", results.unit_result_return_view, name="unit_result_return"),
    path(REPORT, documents.report_page, name="report"),
    path(f"{REPORT}lap-du-thao/", documents.report_start_view, name="report_start"),
    *(path(f"{REPORT}{route}", view, name=f"report_{name}") for route, view, name in REPORT_ACTIONS),
    path("bao-cao-dinh-ky/", term_views.term_report_list, name="term_report_list"),
    path("bao-cao-dinh-ky/tao-moi/", term_views.term_report_new, name="term_report_new"),
    path(TERM_REPORT, documents.report_page, name="term_report"),
    *(path(f"{TERM_REPORT}{route}", view, name=f"term_report_{name}") for route, view, name in REPORT_ACTIONS),
    path("bao-cao/<int:pk>/ban-ky.pdf", documents.signed_report_pdf, name="signed_report_pdf"),
    path("bao-cao/<int:pk>/bang-so-lieu-ban-ky.xlsx", documents.signed_report_xlsx, name="signed_report_xlsx"),
    path("kiem-tra-chu-ky/", documents.verify, name="verify"),
    path("con-dau/", stamp_views.seal_page, name="seal_page"),
    path("con-dau/<slug:code>.png", stamp_views.seal_png, name="seal_png"),
    path("chu-ky-cua-toi/", stamp_views.signature_page, name="signature_page"),
    path("chu-ky-cua-toi.png", stamp_views.signature_png, name="signature_png"),
    path("chu-ky-cua-toi/xoa/", stamp_views.signature_remove, name="signature_remove"),
    path("viec/<uuid:pk>/", jobs.job_page, name="job"),
    path("viec/<uuid:pk>/trang-thai.json", jobs.job_status, name="job_status"),
    path("viec/<uuid:pk>/tai-ve/", jobs.job_download, name="job_download"),
]
