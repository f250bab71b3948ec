"""Every rule about a unit's figures, in one place: what is refused and what only asks for a second look.

Refused (hard rules): the head-count rules of ``conferences.figure_rules``
(attended within the total, people cover the attendees, nothing negative,
nothing above 1,000,000) and dates inside the campaign. The form, the Excel
import and the admin all refuse through them; the database's constraints stay
as the last guard.

Warned (plausibility), for the sender to confirm and the reviewer to see:
- people more than 3 × (party members + non-members);
- a count more than 5 × the unit's own figure in its previous campaign;
- a count outside median ± 3 × IQR of the figures sent in by the units under
  the same parent (the unit's own stored one among them; judged only with at
  least 5 other units reporting and a spread between them: where every unit
  has the same figure there is no spread to measure against);
- party members total more than 10% away from the registered count of the
  unit itself (``Committee.party_members``; a unit below it reports its own).

The comparison figures come from the database in a fixed number of queries,
for one result (the form, the review page) or for many (the import preview).
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conferences.models import Campaign, Committee
from reporting.figures.formatting import format_number
from reporting.models import UnitResult
from reporting.models.unit_results import CONFERENCE_KINDS, FIGURE_FIELDS

# The total of all kinds of conference, as the Excel template asks for it.
CONFERENCES = "conferences"
PEOPLE_PER_HEAD = 3
TIMES_PREVIOUS = 5
IQR_SPAN = 3
MIN_SIBLINGS = 5
REGISTERED_TOLERANCE = Decimal("0.10")

# What each figure counts, for "164 người" in a warning.
NOUNS = {
    **dict.fromkeys((*CONFERENCE_KINDS, CONFERENCES), "hội nghị"),
    "cell_meetings": "buổi",
    "party_members_total": "đảng viên",
    "party_members_attended": "đảng viên",
    "non_members_total": "người",
    "non_members_attended": "người",
    "people": "người",
    "propaganda_sessions": "buổi",
    "propaganda_people": "lượt người",
    "radio_tv_news": "tin",
    "radio_tv_articles": "bài",
    "radio_tv_minutes": "phút",
    "action_programmes": "chương trình",
    "implementation_plans": "kế hoạch",
}


@dataclass(frozen=True)
class FigureWarning:
    field: str
    message: str
    label: str = ""  # how the sender saw the figure, where it is not a field of the result's form

    def as_dict(self, *, label: str) -> dict[str, str]:
        """As stored with the result: ``label`` names the figure as the sender saw it."""
        return {"field": self.field, "label": self.label or label, "message": self.message}


@dataclass(frozen=True)
class Comparison:
    """What one unit's figures are compared against."""

    registered_party_members: int | None = None
    previous: Mapping[str, int] = field(default_factory=dict)
    siblings: Mapping[str, "Spread"] = field(default_factory=dict)


def campaign_date_problems(campaign: Campaign, held_from, held_to) -> list[tuple[str, str]]:
    """(field, message) for study dates outside the campaign or in the wrong order."""
    period = _("trong thời gian đợt học tập (%(start)s – %(end)s)") % {
        "start": date_format(campaign.starts_on, "d/m/Y"),
        "end": date_format(campaign.ends_on, "d/m/Y"),
    }
    problems = [
        (name, _("Ngày phải %s.") % period)
        for name, day in (("held_from", held_from), ("held_to", held_to))
        if day and not campaign.starts_on <= day <= campaign.ends_on
    ]
    if held_from and held_to and held_to < held_from:
        problems.append(("held_to", _("Ngày kết thúc không được trước ngày bắt đầu.")))
    return problems


def figure_warnings(figures: Mapping[str, int | None], comparison: Comparison) -> list[FigureWarning]:
    """The plausibility warnings for ``figures`` (by UnitResult field, or CONFERENCES), in field order."""
    known = {name: value for name, value in figures.items() if value is not None}
    warnings = _people_warning(known) + _registered_warning(known, comparison)
    for name, value in known.items():
        warnings += _previous_warning(name, value, comparison) or _siblings_warning(name, value, comparison)
    order = {name: index for index, name in enumerate((*FIGURE_FIELDS, CONFERENCES))}
    return sorted(warnings, key=lambda warning: order.get(warning.field, len(order)))


def _amount(name: str, value: int) -> str:
    return f"{format_number(value)} {NOUNS.get(name, '')}".strip()


def _people_warning(figures: Mapping[str, int]) -> list[FigureWarning]:
    heads = figures.get("party_members_total", 0) + figures.get("non_members_total", 0)
    if "people" not in figures or not heads or figures["people"] <= PEOPLE_PER_HEAD * heads:
        return []
    message = _("Gấp hơn %(times)d lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (%(heads)s).") % {
        "times": PEOPLE_PER_HEAD,
        "heads": _amount("people", heads),
    }
    return [FigureWarning("people", message)]


def _registered_warning(figures: Mapping[str, int], comparison: Comparison) -> list[FigureWarning]:
    registered, total = comparison.registered_party_members, figures.get("party_members_total")
    if not registered or total is None or abs(total - registered) <= REGISTERED_TOLERANCE * registered:
        return []
    message = _("Lệch quá 10%% so với số đảng viên đăng ký của đơn vị (%(registered)s).") % {
        "registered": _amount("party_members_total", registered)
    }
    return [FigureWarning("party_members_total", message)]


def _times(value: int, base: int) -> str:
    """6 for 984/164, '6,1' for 1000/164."""
    ratio = (Decimal(value) / Decimal(base)).quantize(Decimal("0.1"))
    return format_number(ratio, 0 if ratio == ratio.to_integral_value() else 1)


def _previous_warning(name: str, value: int, comparison: Comparison) -> list[FigureWarning]:
    before = comparison.previous.get(name)
    if not before or value <= TIMES_PREVIOUS * before:
        return []
    message = _("Gấp %(times)s lần kỳ trước (%(before)s).") % {
        "times": _times(value, before),
        "before": _amount(name, before),
    }
    return [FigureWarning(name, message)]


def _siblings_warning(name: str, value: int, comparison: Comparison) -> list[FigureWarning]:
    spread = comparison.siblings.get(name)
    if spread is None or spread.low <= value <= spread.high:
        return []
    message = _("Khác xa các đơn vị cùng cấp (thường khoảng %(median)s).") % {
        "median": _amount(name, round(spread.median)),
    }
    return [FigureWarning(name, message)]


@dataclass(frozen=True)
class Spread:
    """Where the sibling units' figures lie: their median, and median ± 3 × IQR as the plausible range."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[int]) -> "Spread | None":
        """None where there is no spread to judge by (fewer than two figures, or every figure the same)."""
        if len(values) < 2:
            return None
        first, median, third = statistics.quantiles(values, n=4, method="inclusive")
        width = IQR_SPAN * (third - first)
        return cls(median, median - width, median + width) if width else None


def comparison_for(result: UnitResult) -> Comparison:
    """What ``result``'s figures are compared against (three queries)."""
    return comparisons_for(result.campaign, [result.unit]).get(result.unit_id, Comparison())


def comparisons_for(campaign: Campaign, units: Iterable[Committee]) -> dict[int, Comparison]:
    """The comparison for each of ``units`` in ``campaign``, by unit id: three queries for units of one depth,
    and work in proportion to the units and their siblings, whatever their number."""
    units = list(units)
    if not units:
        return {}
    registered = _registered(units)
    previous = _previous(campaign, [unit.pk for unit in units])
    siblings = _siblings(campaign, units)
    return {
        unit.pk: Comparison(
            registered_party_members=registered.get(unit.pk),
            previous=previous.get(unit.pk, {}),
            siblings=siblings.get(unit.pk, {}),
        )
        for unit in units
    }


def _common_path(paths: Iterable[str]) -> str:
    """The path of the committee above all of ``paths`` (step by step, as paths are built)."""
    paths = list(paths)
    common = min(paths, key=len)
    while not all(path.startswith(common) for path in paths):
        common = common[: -Committee.steplen]
    return common


def _registered(units: list[Committee]) -> dict[int, int]:
    """Party members registered in each unit itself, as its form starts from: a unit below it is asked for its own
    result, its members in it."""
    return {unit.pk: unit.party_members for unit in units}


def _with_conferences(row: Mapping[str, int]) -> dict[str, int]:
    return {**{name: row[name] for name in FIGURE_FIELDS}, CONFERENCES: sum(row[k] for k in CONFERENCE_KINDS)}


def _previous(campaign: Campaign, ids: list[int]) -> dict[int, dict[str, int]]:
    """Each unit's accepted figures in the latest campaign before ``campaign``."""
    latest = UnitResult.objects.filter(
        unit=OuterRef("unit"),
        status=UnitResult.Status.ACCEPTED,
        campaign__starts_on__lt=campaign.starts_on,
    ).order_by("-campaign__starts_on")
    rows = (
        UnitResult.objects.filter(unit_id__in=ids, status=UnitResult.Status.ACCEPTED)
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .values("unit_id", *FIGURE_FIELDS)
    )
    return {row["unit_id"]: _with_conferences(row) for row in rows}


def _siblings(campaign: Campaign, units: list[Committee]) -> dict[int, dict[str, Spread]]:
    """For each unit with at least MIN_SIBLINGS others reporting under its parent, each figure's spread there."""
    parents = {unit.path[: -Committee.steplen] for unit in units if unit.depth > 1}
    if not parents:
        return {}
    rows = UnitResult.objects.filter(
        campaign=campaign,
        status__in=UnitResult.SENT_STATUSES,
        unit__path__startswith=_common_path(parents),
        unit__depth__in={unit.depth for unit in units},
    ).values("unit_id", "unit__path", *FIGURE_FIELDS)
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    reporting: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        parent = row["unit__path"][: -Committee.steplen]
        if parent in parents:
            reporting[parent].add(row["unit_id"])
            for name, value in _with_conferences(row).items():
                values[parent][name].append(value)
    spreads = {
        parent: {name: spread for name, figures in by_name.items() if (spread := Spread.of(figures))}
        for parent, by_name in values.items()
    }
    result = {}
    for unit in units:
        parent = unit.path[: -Committee.steplen]
        if len(reporting[parent] - {unit.pk}) >= MIN_SIBLINGS:
            result[unit.pk] = spreads.get(parent, {})
    return result
