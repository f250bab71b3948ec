"""Each role's first page is their to-do list.

A secretary sees their unit's campaigns with where their result stands and
the days left; staff the results waiting, the units not yet reported in each
running campaign, the conferences of the coming week with steps not done, and
their reports in draft; a leader the reports waiting for a signature and the
ones signed lately. Each list is one query.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scoping import scoped
from conferences.models import Campaign, Committee, Conference
from conferences.models.campaigns import ran_while_existing
from conferences.models.committees import existed_between
from conferences.preparation import applicable_steps
from conferences.selectors import visible_campaigns, visible_conferences
from reporting.models import Report, UnitResult
from reporting.results.selectors import results_waiting

# A campaign stays on the to-do lists until this long after its reporting deadline.
RECENT = datetime.timedelta(days=60)
WEEK = datetime.timedelta(days=7)
LATEST = 10  # a secretary's campaigns shown, the latest deadline first


def secretary_campaigns(user) -> QuerySet[Campaign]:
    """The unit's latest campaigns, each with its result's status and return reason: those that ran while the
    unit existed, and any it has a result in (one query)."""
    unit = user.committee
    own = UnitResult.objects.filter(campaign=OuterRef("pk"), unit=unit)
    return (
        visible_campaigns(user)
        .annotate(
            result_status=Subquery(own.values("status")[:1]), return_reason=Subquery(own.values("return_reason")[:1])
        )
        .filter(ran_while_existing(unit) | Q(result_status__isnull=False))
        .order_by("-reporting_deadline", "code")[:LATEST]
    )


def campaigns_missing(committee: Committee, user, today: datetime.date) -> QuerySet[Campaign]:
    """Running campaigns with how many of the units they asked under ``committee`` have not sent a result
    (one query)."""
    sent = UnitResult.objects.filter(
        campaign=OuterRef(OuterRef("pk")), unit=OuterRef("pk"), status__in=UnitResult.SENT_STATUSES
    )
    owing = (
        Committee.objects.units_under(committee)
        .filter(existed_between(OuterRef("starts_on"), OuterRef("ends_on")))
        .exclude(Exists(sent))
        .order_by()
        .values("depth")  # one group: every unit directly under the committee
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        visible_campaigns(user)
        .filter(starts_on__lte=today, reporting_deadline__gte=today - RECENT)
        .annotate(missing=Coalesce(Subquery(owing, output_field=IntegerField()), 0))
        .filter(missing__gt=0)
        .order_by("reporting_deadline")
    )


def coming_conferences(user, today: datetime.date) -> QuerySet[Conference]:
    """The coming week's conferences, with how many steps the user's committee has done (one query)."""
    done = Count("preparation_steps", filter=Q(preparation_steps__committee=user.committee), distinct=True)
    return (
        visible_conferences(user)
        .filter(date__gte=today, date__lte=today + WEEK)
        .annotate(steps_done=done)
        .select_related("campaign")
        .order_by("date")
    )


def landing_context(user) -> dict:
    today = timezone.localdate()
    context: dict = {"today": today}
    if user.can_edit_results and user.committee_id:
        campaigns = list(secretary_campaigns(user))
        for campaign in campaigns:
            status = campaign.result_status
            campaign.status_label = UnitResult.Status(status).label if status else _("Chưa gửi")
            campaign.days_left = (campaign.reporting_deadline - today).days
            campaign.days_late = -campaign.days_left
            campaign.done = status == UnitResult.Status.ACCEPTED
            campaign.sent = status in UnitResult.SENT_STATUSES  # nothing left to do until staff return it
        context["my_campaigns"] = campaigns
    if user.can_manage:
        context["waiting"] = results_waiting(user).count()
        committee = user.committee
        context["missing"] = list(campaigns_missing(committee, user, today)) if committee else []
        # A committee with no unit below it yet (a district in its first week): what to set up, in order.
        context["first_steps"] = committee is not None and committee.numchild == 0
        context["conferences"] = conferences = list(coming_conferences(user, today))
        for conference in conferences:
            conference.step_count = len(applicable_steps(conference))  # no line test in person, no head-count …
        context["drafts"] = _linked(
            _reports(user).filter(status=Report.Status.DRAFT).select_related("returned_by")[:10]
        )
    if user.can_sign:
        context["to_sign"] = _linked(_reports(user).filter(status=Report.Status.APPROVED))
        signed = _reports(user).filter(status=Report.Status.SIGNED).annotate(has_tables=Q(signed_xlsx__isnull=False))
        context["signed"] = _linked(signed.order_by("-signed_at")[:5])
    return context


def _linked(reports) -> list[Report]:
    """Each report with the address of its page (``page``)."""
    from reporting.documents.views import report_url

    reports = list(reports)
    for report in reports:
        report.page = report_url(report)
    return reports


def _reports(user) -> QuerySet[Report]:
    return scoped(Report.objects.select_related("committee", "campaign", "number"), user, "committee").defer(
        "signed_pdf", "signed_xlsx", "prepared_pdf", "draft", "edits"
    )


@login_required
def home(request):
    return render(request, "reporting/home.html", landing_context(request.user))
