from django.urls import path

from reporting.views import dashboard, excel, results

urlpatterns = [
    path("dot-hoc-tap/<slug:code>/tong-hop/", dashboard.dashboard, name="dashboard"),
    path("dot-hoc-tap/<slug:code>/tong-hop.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("dot-hoc-tap/<slug:code>/mau-excel.xlsx", excel.results_template, name="results_template"),
    path("dot-hoc-tap/<slug:code>/nhap-excel/", excel.results_import, name="results_import"),
    path("dot-hoc-tap/<slug:code>/ket-qua/<slug:unit_code>/", results.unit_result, name="unit_result"),
]
