from django.shortcuts import get_object_or_404, render

from accounts.scoping import READERS, role_required, visible_campaigns, visible_committees
from conferences.models import Campaign, Committee
from reporting.dashboard import DashboardExporter, dashboard_context
from reporting.views.downloads import attachment


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


@role_required(*READERS)
def dashboard_xlsx(request, code):
    campaign, committee = campaign_and_committee(request, code)
    return attachment(*DashboardExporter(campaign=campaign, committee=committee).render())
