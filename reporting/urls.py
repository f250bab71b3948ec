from django.urls import path

from reporting.views import dashboard, excel, jobs, reports, results

urlpatterns = [
    path("dot-hoc-tap/<slug:code>/tong-hop/", dashboard.dashboard, name="dashboard"),
    path("dot-hoc-tap/<slug:code>/tong-hop.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("dot-hoc-tap/<slug:code>/mau-excel.xlsx", excel.results_template, name="results_template"),
    path("dot-hoc-tap/<slug:code>/mau-excel/tao/", dashboard.results_template_job, name="results_template_job"),
    path("dot-hoc-tap/<slug:code>/nhap-excel/", excel.results_import, name="results_import"),
    path("dot-hoc-tap/<slug:code>/ket-qua/<slug:unit_code>/", results.unit_result, name="unit_result"),
    path("dot-hoc-tap/<slug:code>/bao-cao/", reports.report_page, name="report"),
    path("dot-hoc-tap/<slug:code>/bao-cao/du-thao.pdf", reports.report_preview, name="report_preview"),
    path("dot-hoc-tap/<slug:code>/bao-cao/bang-so-lieu.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("bao-cao/<int:pk>/ban-ky.pdf", reports.signed_report_pdf, name="signed_report_pdf"),
    path("kiem-tra-chu-ky/", reports.verify, name="verify"),
    path("viec/<uuid:pk>/", jobs.job_page, name="job"),
    path("viec/<uuid:pk>/trang-thai.json", jobs.job_status, name="job_status"),
    path("viec/<uuid:pk>/tai-ve/", jobs.job_download, name="job_download"),
]
