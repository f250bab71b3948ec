"""Per-unit figures and completeness of a campaign under one committee.

The units are the committees directly under it; each row rolls up the
unit's whole subtree, so the rows and the committee's totals (from
``reporting.figures.selectors``) always add up. Fixed query counts, whatever the size.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, CharField, Count, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Campaign, Committee
from reporting.figures.rates import Ratio, participation, participation_ratios
from reporting.models import UnitResult
from reporting.models.unit_results import asked_q, conferences_held, first_sending

Status = UnitResult.Status


class Timeliness:
    """Where a unit stands with its report: the dashboard's four groups."""

    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    MISSING = "missing"
    LABELS = {ON_TIME: _("Đúng hạn"), LATE: _("Muộn"), RETURNED: _("Bị trả lại"), MISSING: _("Chưa gửi")}


@dataclass(frozen=True)
class UnitRow:
    committee_id: int
    code: str
    name: str
    short_name: str
    locality: str
    has_units: bool
    timeliness: str
    status: str | None
    submitted_at: datetime.datetime | None
    resent: bool  # sent again after staff returned it
    days_late: int | None
    party_members: Ratio
    non_members: Ratio
    conferences: int
    conferences_online: int
    conferences_replay: int
    conferences_follow_up: int  # held by the unit itself after an online one: in person, replay, other
    cell_meetings: int
    people: int
    below_threshold: bool
    counted: bool  # a counted result in the branch: without one its counts are no one's figures, not zeros

    @property
    def timeliness_label(self) -> str:
        return str(Timeliness.LABELS[self.timeliness])

    @property
    def is_pending(self) -> bool:
        """Sent, but not yet reviewed: its figures are not counted."""
        return self.status == Status.SUBMITTED

    @property
    def review_label(self) -> str:
        """Where the unit's own result stands with staff: counted, waiting, or sent again after a return."""
        if self.status == Status.ACCEPTED:
            label = _("Đã tiếp nhận, được tính")
        elif self.status == Status.SUBMITTED:
            label = _("Chờ duyệt, chưa tính")
        else:
            return ""
        return f"{label} ({_('gửi lại sau khi bị trả lại')})" if self.resent else str(label)


@dataclass(frozen=True)
class Completeness:
    units: int
    reported: Ratio  # on time or late
    counted: Ratio  # accepted: their figures count
    on_time: Ratio
    late: Ratio
    returned: Ratio
    missing: Ratio


def units_with_timeliness(*, campaign: Campaign, committee: Committee):
    """The units directly under ``committee`` asked for the campaign's results (those that existed while it ran)
    and any other that sent one, each with its own result's standing."""
    own = UnitResult.objects.filter(campaign=campaign, unit=OuterRef("pk"))
    sent = Q(result_status__in=UnitResult.SENT_STATUSES)
    return (
        Committee.objects.units_under(committee)
        .filter(asked_q(campaign))
        .annotate(
            result_status=Subquery(own.values("status")[:1]),
            submitted_at=Subquery(own.values("submitted_at")[:1]),
            first_submitted_at=Subquery(own.values(first_sent=first_sending())[:1]),
        )
        .annotate(submitted_on=TruncDate("first_submitted_at", tzinfo=timezone.get_current_timezone()))
        .annotate(
            timeliness=Case(
                When(sent & Q(submitted_on__gt=campaign.reporting_deadline), then=Value(Timeliness.LATE)),
                When(sent, then=Value(Timeliness.ON_TIME)),
                When(result_status=Status.RETURNED, then=Value(Timeliness.RETURNED)),
                default=Value(Timeliness.MISSING),
                output_field=CharField(),
            )
        )
        .order_by("path")
    )


def completeness(*, campaign: Campaign, committee: Committee) -> Completeness:
    """How the units asked stand with their reports: counted by the database in one row for each standing (a
    timeliness and a status, a handful whatever the number of units), added up here."""
    standings = (
        units_with_timeliness(campaign=campaign, committee=committee)
        .order_by()
        .values_list("timeliness", "result_status")
        .annotate(Count("pk"))
    )
    units = {group: 0 for group in (Timeliness.ON_TIME, Timeliness.LATE, Timeliness.RETURNED, Timeliness.MISSING)}
    counted = 0
    for timeliness, status, count in standings:
        units[timeliness] += count
        counted += count if status in UnitResult.COUNTED_STATUSES else 0
    total = sum(units.values())
    return Completeness(
        units=total,
        reported=Ratio.of(units[Timeliness.ON_TIME] + units[Timeliness.LATE], total),
        counted=Ratio.of(counted, total),
        **{group: Ratio.of(count, total) for group, count in units.items()},
    )


def unit_rows(*, campaign: Campaign, committee: Committee) -> list[UnitRow]:
    by_branch = _branch_sums(campaign, committee)
    return [
        _unit_row(unit, by_branch.get(unit.path, {}), campaign)
        for unit in units_with_timeliness(campaign=campaign, committee=committee)
    ]


def _branch_sums(campaign: Campaign, committee: Committee) -> dict[str, dict]:
    """The counted figures of each unit's whole subtree, by the unit's path, in one query."""
    branch_length = (committee.depth + 1) * Committee.steplen
    sums = (
        UnitResult.objects.counted(campaign=campaign, committee=committee)
        .exclude(unit=committee)
        .annotate(branch=Substr("unit__path", 1, branch_length))
        .values("branch")
        .annotate(
            **participation(),
            conferences=Coalesce(Sum(conferences_held()), 0),
            online_held=Sum("conferences_online"),
            replay_held=Sum("conferences_replay"),
            # held by the unit itself after an online one
            follow_up_held=Sum(conferences_held("conferences_in_person", "conferences_replay", "conferences_other")),
            cell_meetings=Sum("cell_meetings"),
            people=Sum("people"),
        )
    )
    return {row["branch"]: row for row in sums}


def _unit_row(unit: Committee, figures: dict, campaign: Campaign) -> UnitRow:
    """One unit, annotated by ``units_with_timeliness``, with its branch's figures (none if it sent nothing)."""
    party_members, non_members = participation_ratios(figures)
    late = unit.timeliness == Timeliness.LATE
    return UnitRow(
        committee_id=unit.pk,
        code=unit.code,
        name=unit.name,
        short_name=unit.display_short_name,
        locality=unit.locality,
        has_units=unit.numchild > 0,
        timeliness=unit.timeliness,
        status=unit.result_status,
        submitted_at=unit.submitted_at,
        resent=bool(unit.submitted_at and unit.first_submitted_at and unit.submitted_at > unit.first_submitted_at),
        days_late=(unit.submitted_on - campaign.reporting_deadline).days if late else None,
        party_members=party_members,
        non_members=non_members,
        conferences=figures.get("conferences", 0),
        conferences_online=figures.get("online_held", 0),
        conferences_replay=figures.get("replay_held", 0),
        conferences_follow_up=figures.get("follow_up_held", 0),
        cell_meetings=figures.get("cell_meetings", 0),
        people=figures.get("people", 0),
        below_threshold=party_members.is_below(Decimal(campaign.participation_threshold)),
        counted=bool(figures),
    )
