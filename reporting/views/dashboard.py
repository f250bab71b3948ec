from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.scoping import READERS, STAFF, role_required, visible_campaigns, visible_committees
from conferences.models import Campaign, Committee
from reporting.dashboard import DashboardExporter, dashboard_context
from reporting.results_template import ResultsTemplateExporter
from reporting.views.jobs import export_response


def campaign_and_committee(request, code: str) -> tuple[Campaign, Committee]:
    """The campaign, and the committee in scope the page is about (the user's own by default)."""
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    committees = visible_committees(request.user)
    requested = request.GET.get("committee")
    if requested:
        committee = get_object_or_404(committees, code=requested)
    else:
        # Readers always hold a committee; a superuser without one sees the campaign's.
        committee = request.user.committee or campaign.committee
    return campaign, committee


@role_required(*READERS)
def dashboard(request, code):
    campaign, committee = campaign_and_committee(request, code)
    context = dashboard_context(campaign=campaign, committee=committee)
    return render(request, "reporting/dashboard.html", context)


def _page(code: str, committee: Committee) -> str:
    return f"{reverse('dashboard', args=[code])}?committee={committee.code}"


@role_required(*READERS)
def dashboard_xlsx(request, code):
    campaign, committee = campaign_and_committee(request, code)
    return export_response(
        request,
        kind=DashboardExporter.identifier,
        arguments={"campaign": campaign.code, "committee": committee.code},
        return_url=_page(code, committee),
    )


@role_required(*STAFF)
@require_POST
def results_template_job(request, code):
    """The Excel template through a job; its direct link (views.excel) stays as it is."""
    campaign, committee = campaign_and_committee(request, code)
    return export_response(
        request,
        kind=ResultsTemplateExporter.identifier,
        arguments={"campaign": campaign.code, "committee": committee.code},
        return_url=_page(code, committee),
    )
