from dataclasses import dataclass
from typing import Any

from django import template

register = template.Library()


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@register.filter
def changes(entry) -> list[Change]:
    """What one history entry changed, field by field, with Vietnamese field names.

    The previous record is fetched once per entry; history lists are capped.
    """
    previous = entry.prev_record
    if previous is None:
        return []
    delta = entry.diff_against(previous)
    model = entry.instance_type
    return [Change(str(model._meta.get_field(c.field).verbose_name), c.old, c.new) for c in delta.changes]
