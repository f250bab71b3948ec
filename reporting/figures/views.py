from django.shortcuts import render

from accounts.scoping import requires
from reporting.figures.dashboard import DashboardExporter, dashboard_context
from reporting.filters import campaign_and_committee
from reporting.jobs.views import campaign_export


@requires("can_read_figures")
def dashboard(request, code):
    campaign, committee = campaign_and_committee(request, code)
    context = dashboard_context(campaign=campaign, committee=committee)
    return render(request, "reporting/figures/dashboard.html", context)


@requires("can_read_figures")
def dashboard_xlsx(request, code):
    return campaign_export(request, code, kind=DashboardExporter.identifier, back_to="dashboard")
