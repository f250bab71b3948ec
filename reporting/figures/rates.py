"""Participation rates, computed in the database.

A rate is kept in tenths of a percent and rounded half up by integer
arithmetic, which SQLite and PostgreSQL evaluate alike:
2.443 of 2.538 party members is 963 tenths, printed 96,3%.
A share of two counts already in hand (units of a handful of standings) is
rounded by the same arithmetic in Python: ``half_up_tenths`` writes it once
for both.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Expression, ExpressionWrapper, F, IntegerField, Sum, Value
from django.db.models.functions import Coalesce, NullIf


def half_up_tenths(attended, total, divided: Callable):
    """round_half_up(1000 * attended / total) in integers: (2000 * attended + total) divided, as whole numbers,
    by 2 * total; ``divided`` divides in the database or in Python, and gives nothing for a total of 0."""
    return divided(attended * 2000 + total, total * 2)


def rate_tenths(attended: Expression | F, total: Expression | F) -> ExpressionWrapper:
    """The rate as the database computes it, or NULL when total is 0."""
    return ExpressionWrapper(
        half_up_tenths(attended, total, lambda dividend, divisor: dividend / NullIf(divisor, Value(0))),
        output_field=IntegerField(),
    )


def tenths(attended: int, total: int) -> int | None:
    """The rate of two counts in hand, or None when total is 0."""
    return half_up_tenths(attended, total, lambda dividend, divisor: dividend // divisor if divisor else None)


# The two head-counts a result reports participation of, by the prefix their sums carry.
HEAD_COUNTS = (("pm", "party_members"), ("nm", "non_members"))


def participation() -> dict[str, Expression]:
    """The participation of a group of results, for ``aggregate`` or ``annotate``: for party members (``pm_``)
    and the others (``nm_``), the attended and the total summed (0 without results) and their rate."""
    sums: dict[str, Expression] = {}
    for prefix, field in HEAD_COUNTS:
        attended, total = Sum(f"{field}_attended"), Sum(f"{field}_total")
        sums[f"{prefix}_attended"] = Coalesce(attended, 0)
        sums[f"{prefix}_total"] = Coalesce(total, 0)
        sums[f"{prefix}_rate"] = rate_tenths(attended, total)
    return sums


def participation_ratios(row: Mapping[str, int | None]) -> tuple["Ratio", "Ratio"]:
    """The party members' and the others' ratios of a row summed by ``participation``."""
    party_members, non_members = (
        Ratio(row.get(f"{prefix}_attended", 0), row.get(f"{prefix}_total", 0), row.get(f"{prefix}_rate"))
        for prefix, _field in HEAD_COUNTS
    )
    return party_members, non_members


@dataclass(frozen=True)
class Ratio:
    """attended of total, with the rate the database computed (None if total is 0)."""

    attended: int
    total: int
    rate_tenths: int | None

    @classmethod
    def of(cls, attended: int, total: int) -> "Ratio":
        """Two counts already in hand, with their rate rounded as the database rounds it."""
        return cls(attended, total, tenths(attended, total))

    @property
    def rate(self) -> Decimal | None:
        if self.rate_tenths is None:
            return None
        return Decimal(self.rate_tenths).scaleb(-1)

    def is_below(self, threshold: Decimal) -> bool:
        return self.rate is not None and self.rate < threshold
