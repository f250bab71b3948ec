from django.urls import path

from reporting.views import dashboard, excel, reports, results

urlpatterns = [
    path("dot-hoc-tap/<slug:code>/tong-hop/", dashboard.dashboard, name="dashboard"),
    path("dot-hoc-tap/<slug:code>/tong-hop.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("dot-hoc-tap/<slug:code>/mau-excel.xlsx", excel.results_template, name="results_template"),
    path("dot-hoc-tap/<slug:code>/nhap-excel/", excel.results_import, name="results_import"),
    path("dot-hoc-tap/<slug:code>/ket-qua/<slug:unit_code>/", results.unit_result, name="unit_result"),
    path("dot-hoc-tap/<slug:code>/bao-cao/", reports.report_page, name="report"),
    path("dot-hoc-tap/<slug:code>/bao-cao/du-thao.pdf", reports.report_preview, name="report_preview"),
    path("dot-hoc-tap/<slug:code>/bao-cao/bang-so-lieu.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("bao-cao/<int:pk>/ban-ky.pdf", reports.signed_report_pdf, name="signed_report_pdf"),
    path("kiem-tra-chu-ky/", reports.verify, name="verify"),
]
