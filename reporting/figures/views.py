from django.shortcuts import render

from accounts.scoping import requires
from reporting.figures.dashboard import DashboardExporter, dashboard_context
from reporting.filters import campaign_and_committee, page_url
from reporting.jobs.views import export_response


@requires("can_read_figures")
def dashboard(request, code):
    campaign, committee = campaign_and_committee(request, code)
    context = dashboard_context(campaign=campaign, committee=committee)
    return render(request, "reporting/figures/dashboard.html", context)


@requires("can_read_figures")
def dashboard_xlsx(request, code):
    campaign, committee = campaign_and_committee(request, code)
    return export_response(
        request,
        kind=DashboardExporter.identifier,
        arguments={"campaign": campaign.code, "committee": committee.code},
        return_url=page_url("dashboard", campaign, committee),
    )
