"""Participation rates, computed in the database.

A rate is kept in tenths of a percent and rounded half up by integer
arithmetic, which SQLite and PostgreSQL evaluate alike:
2.443 of 2.538 party members is 963 tenths, printed 96,3%.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Expression, ExpressionWrapper, F, IntegerField, Value
from django.db.models.functions import NullIf


def rate_tenths(attended: Expression | F, total: Expression | F) -> ExpressionWrapper:
    """round_half_up(1000 * attended / total), or NULL when total is 0."""
    return ExpressionWrapper(
        (attended * Value(2000) + total) / NullIf(total * Value(2), Value(0)),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Ratio:
    """attended of total, with the rate the database computed (None if total is 0)."""

    attended: int
    total: int
    rate_tenths: int | None

    @property
    def rate(self) -> Decimal | None:
        if self.rate_tenths is None:
            return None
        return Decimal(self.rate_tenths).scaleb(-1)

    def is_below(self, threshold: Decimal) -> bool:
        return self.rate is not None and self.rate < threshold
