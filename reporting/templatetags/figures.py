from django import template

from reporting.figures.formatting import format_number, format_rate, format_ratio
from reporting.figures.rates import Ratio

register = template.Library()


@register.filter
def ratio(value: Ratio) -> str:
    """2.443/2.538 đạt 96,3%, or a dash when there is nobody to count (nothing counted yet)."""
    return format_ratio(value) if value.total else "—"


@register.filter
def share(value: Ratio) -> str:
    """2.443/2.538, or a dash when there is nobody to count."""
    return f"{format_number(value.attended)}/{format_number(value.total)}" if value.total else "—"


@register.filter
def rate(value: Ratio) -> str:
    """96,3%, or a dash when there is nobody to count."""
    return format_rate(value.rate) if value.rate is not None else "—"


@register.filter
def vn(value: int | None) -> str:
    """3.182, or a dash for a figure a draft left empty."""
    return "—" if value is None else format_number(value)
