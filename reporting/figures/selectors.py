"""The one selector behind every figure of a campaign: page, PDF, XLSX, command.

``campaign_figures`` rolls a campaign up over any committee's subtree in a
fixed number of queries (four), whatever the number of units.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from conferences.models import Attendance, Campaign, Committee, Conference
from reporting.figures.rates import Ratio, rate_tenths
from reporting.models import OrganisationOutreach, UnitResult


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


SUMMED_FIELDS = (
    "conferences_online",
    "conferences_in_person",
    "conferences_replay",
    "conferences_other",
    "cell_meetings",
    "people",
    "party_members_total",
    "party_members_attended",
    "non_members_total",
    "non_members_attended",
    "propaganda_sessions",
    "propaganda_people",
    "radio_tv_news",
    "radio_tv_articles",
    "radio_tv_minutes",
    "action_programmes",
    "implementation_plans",
)


def counted_results(*, campaign: Campaign, committee: Committee):
    """Unit results of the campaign that count, anywhere in the committee's subtree."""
    return UnitResult.objects.filter(
        campaign=campaign,
        status__in=UnitResult.COUNTED_STATUSES,
        unit__path__startswith=committee.path,
    )


def _sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), 0)


def campaign_figures(*, campaign: Campaign, committee: Committee) -> CampaignFigures:
    totals = counted_results(campaign=campaign, committee=committee).aggregate(
        units_reported=Count("id"),
        conferences=_sum(
            F("conferences_online") + F("conferences_in_person") + F("conferences_replay") + F("conferences_other")
        ),
        party_members_rate=rate_tenths(Sum("party_members_attended"), Sum("party_members_total")),
        non_members_rate=rate_tenths(Sum("non_members_attended"), Sum("non_members_total")),
        **{field: _sum(field) for field in SUMMED_FIELDS},
    )

    outreach = (
        OrganisationOutreach.objects.filter(
            result__campaign=campaign,
            result__status__in=UnitResult.COUNTED_STATUSES,
            result__unit__path__startswith=committee.path,
        )
        .values("organisation__order", "organisation__name")
        .annotate(sessions=Sum("sessions"), people=Sum("people"))
        .order_by("organisation__order", "organisation__name")
    )

    # Hosted in the subtree, or attended from it; EXISTS keeps the path index usable.
    attended_from_subtree = Exists(
        Attendance.objects.filter(conference=OuterRef("pk"), unit__path__startswith=committee.path)
    )
    events = (
        Conference.objects.filter(campaign=campaign)
        .filter(Q(host__path__startswith=committee.path) | attended_from_subtree)
        .values("level", "format")
        .annotate(count=Count("id"))
        .order_by("level", "format")
    )

    site_rows = (
        Attendance.objects.filter(
            conference__campaign=campaign,
            unit__path__startswith=committee.path,
            site__isnull=False,
        )
        .annotate(at_own_sites=ExpressionWrapper(Q(site__committee=committee), output_field=BooleanField()))
        .values(
            "conference_id",
            "conference__title",
            "conference__date",
            "conference__level",
            "conference__format",
            "at_own_sites",
        )
        .annotate(
            sites=Count("site", distinct=True),
            participants=Sum(F("party_members_attended") + F("non_members_attended") + F("others")),
        )
        .order_by("conference__date", "conference_id", "-at_own_sites")
    )

    return CampaignFigures(
        units_reported=totals["units_reported"],
        conferences=totals["conferences"],
        conferences_online=totals["conferences_online"],
        conferences_in_person=totals["conferences_in_person"],
        conferences_replay=totals["conferences_replay"],
        conferences_other=totals["conferences_other"],
        cell_meetings=totals["cell_meetings"],
        people=totals["people"],
        party_members=Ratio(
            totals["party_members_attended"], totals["party_members_total"], totals["party_members_rate"]
        ),
        non_members=Ratio(totals["non_members_attended"], totals["non_members_total"], totals["non_members_rate"]),
        propaganda_sessions=totals["propaganda_sessions"],
        propaganda_people=totals["propaganda_people"],
        radio_tv_news=totals["radio_tv_news"],
        radio_tv_articles=totals["radio_tv_articles"],
        radio_tv_minutes=totals["radio_tv_minutes"],
        action_programmes=totals["action_programmes"],
        implementation_plans=totals["implementation_plans"],
        outreach=tuple(OutreachFigures(row["organisation__name"], row["sessions"], row["people"]) for row in outreach),
        events={(row["level"], row["format"]): row["count"] for row in events},
        site_participation=tuple(
            SiteParticipation(
                conference_id=row["conference_id"],
                title=row["conference__title"],
                date=row["conference__date"],
                level=row["conference__level"],
                format=row["conference__format"],
                at_own_sites=row["at_own_sites"],
                sites=row["sites"],
                participants=row["participants"],
            )
            for row in site_rows
        ),
    )
