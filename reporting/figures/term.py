"""The figures of a term report: every campaign and conference of a committee's subtree over a period.

``term_figures`` reads them in a fixed number of queries, whatever the number
of campaigns: the campaigns' participation rates in one grouped aggregate,
their other totals in another, the conferences with their sites and delegates
in one annotated query (``conferences.selectors.with_totals``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils import timezone

from conferences.models import (
    Campaign,
    Committee,
    Conference,
    DirectingDocument,
    OnlineChannel,
    PreparationStep,
    Supervision,
    VideoSite,
)
from conferences.preparation import DAYS_BEFORE
from conferences.selectors import LineQuality, action_document_counts, line_quality, with_totals
from reporting.figures.rates import Ratio, participation, participation_ratios
from reporting.models import UnitResult
from reporting.models.unit_results import COUNTED_STATUSES, first_sending


@dataclass(frozen=True)
class Period:
    committee: Committee
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def report_fields(self) -> dict:
        """What makes a report a term report over this period: the committee's, over these days, of no campaign."""
        return {
            "committee": self.committee,
            "campaign": None,
            "period_starts_on": self.starts_on,
            "period_ends_on": self.ends_on,
        }

    def campaigns(self) -> QuerySet[Campaign]:
        """Campaigns studied in the period in the committee's subtree: directed by it, above it or below it,
        running at some time between the period's first and last day."""
        directed = Q(committee__path__startswith=self.committee.path) | Q(
            committee__path__in=self.committee.ancestor_paths()
        )
        return Campaign.objects.filter(directed, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)

    def conferences(self) -> QuerySet[Conference]:
        """Conferences of those campaigns held in the period."""
        return Conference.objects.filter(
            campaign__in=self.campaigns(), date__gte=self.starts_on, date__lte=self.ends_on
        )

    def counted_results(self) -> QuerySet[UnitResult]:
        return UnitResult.objects.filter(
            campaign__in=self.campaigns(), status__in=COUNTED_STATUSES, unit__path__startswith=self.committee.path
        )


@dataclass(frozen=True)
class CampaignRates:
    """One campaign's participation over the subtree: party members, and the others apart."""

    campaign: Campaign
    party_members: Ratio
    non_members: Ratio

    @property
    def is_low(self) -> bool:
        """The party members' rate fell below the campaign's own threshold."""
        return self.party_members.is_below(self.campaign.participation_threshold)


@dataclass(frozen=True)
class SiteRegistry:
    """The video-link sites of the subtree: the committee's own (by hall) and those of the units below."""

    own_halls: tuple[str, ...]
    below: int
    below_units: int
    below_localities: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.own_halls) + self.below


@dataclass(frozen=True)
class TermFigures:
    rates: tuple[CampaignRates, ...]
    sites: SiteRegistry
    conferences: tuple[Conference, ...]  # with site_count and delegates, those held at video-link sites
    line_quality: LineQuality
    supervised_units: int
    supervision_years: tuple[int, ...]
    channels: tuple[OnlineChannel, ...]
    own_programmes: int
    own_plans: int
    below_programmes: int
    below_plans: int
    propaganda_sessions: int
    propaganda_people: int
    preparation: tuple["StepAdherence", ...]

    @property
    def lowest_party_member_rate(self):
        rates = [row.party_members.rate for row in self.rates if row.party_members.rate is not None]
        return min(rates) if rates else None

    @property
    def mean_non_member_rate(self):
        rates = [row.non_members.rate for row in self.rates if row.non_members.rate is not None]
        return sum(rates) / len(rates) if rates else None


def term_figures(period: Period) -> TermFigures:
    counts = action_document_counts(period.committee, period.starts_on, period.ends_on)
    supervision = _supervision(period)
    propaganda = period.counted_results().aggregate(
        sessions=Coalesce(Sum("propaganda_sessions"), 0), people=Coalesce(Sum("propaganda_people"), 0)
    )
    subtree = period.committee.subtree()
    return TermFigures(
        rates=_rates(period),
        sites=_sites(period.committee),
        conferences=tuple(
            conference
            for conference in with_totals(period.conferences(), subtree).order_by("date", "pk")
            if conference.site_count
        ),
        line_quality=line_quality(period.conferences(), subtree),
        supervised_units=supervision["units"],
        supervision_years=supervision["years"],
        channels=tuple(
            OnlineChannel.objects.filter(
                owner__path__startswith=period.committee.path, counted_on__range=(period.starts_on, period.ends_on)
            ).order_by("pk")
        ),
        own_programmes=counts.own_programmes,
        own_plans=counts.own_plans,
        below_programmes=counts.below_programmes,
        below_plans=counts.below_plans,
        propaganda_sessions=propaganda["sessions"],
        propaganda_people=propaganda["people"],
        preparation=preparation_adherence(period),
    )


def _rates(period: Period) -> tuple[CampaignRates, ...]:
    """Each campaign's participation over the subtree, in one grouped aggregate, in the order they began."""
    rows = (
        period.counted_results()
        .values("campaign_id")
        .annotate(**participation())
        .order_by("campaign__starts_on", "campaign_id")
    )
    campaigns = period.campaigns().in_bulk()
    return tuple(CampaignRates(campaigns[row["campaign_id"]], *participation_ratios(row)) for row in rows)


def _sites(committee: Committee) -> SiteRegistry:
    rows = list(
        VideoSite.objects.filter(committee__path__startswith=committee.path, active=True)
        .order_by("committee__path", "name")
        .values("committee_id", "name", "hall", "committee__locality")
    )
    own = [row for row in rows if row["committee_id"] == committee.pk]
    below = [row for row in rows if row["committee_id"] != committee.pk]
    return SiteRegistry(
        own_halls=tuple(row["hall"] or row["name"].removeprefix("Điểm cầu ") for row in own),
        below=len(below),
        below_units=len({row["committee_id"] for row in below}),
        below_localities=tuple(sorted({row["committee__locality"] for row in below if row["committee__locality"]})),
    )


def _supervision(period: Period) -> dict:
    supervisions = Supervision.objects.filter(
        committee=period.committee, held_on__gte=period.starts_on, held_on__lte=period.ends_on
    )
    totals = supervisions.aggregate(units=Count("unit", distinct=True))
    years = (
        supervisions.annotate(year=ExtractYear("held_on")).values_list("year", flat=True).order_by("year").distinct()
    )
    return {"units": totals["units"], "years": tuple(sorted(years))}


def own_documents(period: Period) -> list[DirectingDocument]:
    """The committee's own plans and guidance issued in the period for the campaigns it directs."""
    return list(
        DirectingDocument.objects.filter(
            campaign__committee=period.committee,
            from_superior=False,
            issued_on__gte=period.starts_on,
            issued_on__lte=period.ends_on,
        ).order_by("issued_on", "number")
    )


def late_units(period: Period) -> list[str]:
    """Units directly below the committee that sent a counted result after its campaign's deadline, first sending
    counting (one query)."""
    first_sent = TruncDate(first_sending(), tzinfo=timezone.get_current_timezone())
    return list(
        period.counted_results()
        .filter(unit__depth=period.committee.depth + 1)
        .annotate(sent_on=first_sent)
        .filter(sent_on__gt=F("campaign__reporting_deadline"))
        .order_by("unit__path")
        .values_list("unit__name", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class StepAdherence:
    """How often the committee took one preparation step in time, over the conferences it applies to."""

    step: str
    on_time: int
    conferences: int


def preparation_adherence(period: Period) -> tuple[StepAdherence, ...]:
    """Each checklist step the committee recorded for the period's conferences, done by its due day (two
    aggregates; a step nobody recorded is left out, as nothing is known of it)."""
    conferences = period.conferences()
    expected = conferences.aggregate(
        all=Count("pk"),
        online=Count("pk", filter=Q(format=Conference.Format.ONLINE)),
        upward=Count("pk", filter=Q(level__in=Conference.Level.counting_halls_below())),
    )
    steps = PreparationStep.objects.filter(conference__in=conferences, committee=period.committee)
    done = steps.aggregate(
        **{f"{step}_recorded": Count("pk", filter=Q(step=step)) for step in DAYS_BEFORE},
        **{step: Count("pk", filter=Q(step=step, completed_on__lte=_due(days))) for step, days in DAYS_BEFORE.items()},
    )
    applies = {PreparationStep.Step.LINE_TEST: "online", PreparationStep.Step.HEADCOUNT: "upward"}
    return tuple(
        StepAdherence(step, done[step], expected[applies.get(step, "all")])
        for step in DAYS_BEFORE
        if done[f"{step}_recorded"]
    )


def _due(days_before: int) -> ExpressionWrapper:
    return ExpressionWrapper(F("conference__date") - datetime.timedelta(days=days_before), output_field=DateField())
