"""Figures written the Vietnamese way: 2.443/2.538 đạt 96,3%.

The printed report always uses these separators, whatever language the
person reading the page has chosen.
"""

from decimal import Decimal

from django.utils import numberformat

from reporting.figures.rates import Ratio


def format_number(value: int | Decimal, decimal_places: int | None = None) -> str:
    """3182 -> '3.182'; Decimal('96.3'), 1 -> '96,3'."""
    return numberformat.format(
        value,
        decimal_sep=",",
        decimal_pos=decimal_places,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


def format_rate(rate: Decimal) -> str:
    """Decimal('96.3') -> '96,3%': one decimal, no space before the sign."""
    return f"{format_number(rate, 1)}%"


def format_ratio(ratio: Ratio) -> str:
    """'2.443/2.538 đạt 96,3%'; with nobody to count, just '0/0'."""
    text = f"{format_number(ratio.attended)}/{format_number(ratio.total)}"
    if ratio.rate is None:
        return text
    return f"{text} đạt {format_rate(ratio.rate)}"


def format_place_and_date(place: str, day) -> str:
    """'Tây Sơn, ngày 05 tháng 4 năm 2023': days below ten and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
