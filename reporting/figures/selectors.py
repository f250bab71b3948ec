"""The one selector behind every figure of a campaign: page, PDF, XLSX, command.

``campaign_figures`` rolls a campaign up over any committee's subtree in a
fixed number of queries (four), whatever the number of units; the results
that count are ``UnitResult.objects.counted``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from conferences.models import Attendance, Campaign, Committee, Conference
from reporting.figures.rates import Ratio, participation, participation_ratios
from reporting.models import OrganisationOutreach, UnitResult
from reporting.models.unit_results import FIGURE_FIELDS, conferences_held


@dataclass(frozen=True)
class OutreachFigures:
    """Propaganda sessions of one organisation (MTTQ, Hội Nông dân …)."""

    organisation: str
    sessions: int
    people: int


@dataclass(frozen=True)
class SiteParticipation:
    """Video-link sites of one conference and who attended there.

    ``at_own_sites`` separates the committee's own sites (the district site)
    from the sites of the units below it (the 14 grassroots sites).
    """

    conference_id: int
    title: str
    date: datetime.date
    level: str
    format: str
    at_own_sites: bool
    sites: int
    participants: int


@dataclass(frozen=True)
class CampaignFigures:
    units_reported: int
    conferences: int
    conferences_online: int
    conferences_in_person: int
    conferences_replay: int
    conferences_other: int
    cell_meetings: int
    people: int
    party_members: Ratio
    non_members: Ratio
    propaganda_sessions: int
    propaganda_people: int
    radio_tv_news: int
    radio_tv_articles: int
    radio_tv_minutes: int
    action_programmes: int
    implementation_plans: int
    outreach: tuple[OutreachFigures, ...]
    # Conference records held in or reaching the subtree, by (level, format).
    events: dict[tuple[str, str], int]
    site_participation: tuple[SiteParticipation, ...]

    @property
    def outreach_sessions(self) -> int:
        return sum(row.sessions for row in self.outreach)

    @property
    def outreach_people(self) -> int:
        return sum(row.people for row in self.outreach)


# The totals that reach CampaignFigures as they are; the head-counts become ratios.
PLAIN_TOTALS = ("units_reported", "conferences", *(f for f in FIGURE_FIELDS if not f.startswith(("party_", "non_"))))


def _sum(expression) -> Coalesce:
    return Coalesce(Sum(expression), 0)


def campaign_figures(*, campaign: Campaign, committee: Committee) -> CampaignFigures:
    totals = _totals(campaign, committee)
    party_members, non_members = participation_ratios(totals)
    return CampaignFigures(
        **{name: totals[name] for name in PLAIN_TOTALS},
        party_members=party_members,
        non_members=non_members,
        outreach=_outreach(campaign, committee),
        events=_events(campaign, committee),
        site_participation=_site_participation(campaign, committee),
    )


def _totals(campaign: Campaign, committee: Committee) -> dict[str, int]:
    """Every summed figure of the results that count, in one aggregate."""
    return UnitResult.objects.counted(campaign=campaign, committee=committee).aggregate(
        units_reported=Count("id"),
        conferences=_sum(conferences_held()),
        **participation(),
        **{field: _sum(field) for field in PLAIN_TOTALS[2:]},
    )


@dataclass(frozen=True)
class PendingFigures:
    """Results sent in but not yet reviewed: shown apart, never counted."""

    units: int
    party_members: Ratio
    non_members: Ratio
    people: int


def pending_figures(*, campaign: Campaign, committee: Committee) -> PendingFigures:
    """The totals of what waits for review in ``committee``'s subtree, in one aggregate."""
    totals = UnitResult.objects.filter(
        campaign=campaign, status=UnitResult.Status.SUBMITTED, unit__path__startswith=committee.path
    ).aggregate(units=Count("id"), people=_sum("people"), **participation())
    party_members, non_members = participation_ratios(totals)
    return PendingFigures(
        units=totals["units"],
        party_members=party_members,
        non_members=non_members,
        people=totals["people"],
    )


def _outreach(campaign: Campaign, committee: Committee) -> tuple[OutreachFigures, ...]:
    rows = (
        OrganisationOutreach.objects.counted(campaign=campaign, committee=committee)
        .values("organisation__order", "organisation__name")
        .annotate(sessions=Sum("sessions"), people=Sum("people"))
        .order_by("organisation__order", "organisation__name")
    )
    return tuple(OutreachFigures(row["organisation__name"], row["sessions"], row["people"]) for row in rows)


def _events(campaign: Campaign, committee: Committee) -> dict[tuple[str, str], int]:
    """Conferences hosted in the subtree, or attended from it; EXISTS keeps the path index usable."""
    attended_from_subtree = Exists(
        Attendance.objects.filter(conference=OuterRef("pk"), unit__path__startswith=committee.path)
    )
    rows = (
        Conference.objects.filter(campaign=campaign)
        .filter(Q(host__path__startswith=committee.path) | attended_from_subtree)
        .values("level", "format")
        .annotate(count=Count("id"))
        .order_by("level", "format")
    )
    return {(row["level"], row["format"]): row["count"] for row in rows}


def _site_participation(campaign: Campaign, committee: Committee) -> tuple[SiteParticipation, ...]:
    rows = (
        Attendance.objects.filter(
            conference__campaign=campaign,
            unit__path__startswith=committee.path,
            site__isnull=False,
        )
        .annotate(at_own_sites=ExpressionWrapper(Q(site__committee=committee), output_field=BooleanField()))
        .values(
            "conference_id",
            "at_own_sites",
            title=F("conference__title"),
            date=F("conference__date"),
            level=F("conference__level"),
            format=F("conference__format"),
        )
        .annotate(
            sites=Count("site", distinct=True),
            participants=Sum(F("party_members_attended") + F("non_members_attended") + F("others")),
        )
        .order_by("conference__date", "conference_id", "-at_own_sites")
    )
    return tuple(SiteParticipation(**row) for row in rows)
