import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
    changed = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        changed.append(Change(str(field.verbose_name), _shown(field, change.old), _shown(field, change.new)))
    return changed


def _shown(field, value) -> Any:
    """A stored value as a person reads it: a choice by its label, a person or unit by name, nothing as —."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return field.related_model._default_manager.filter(pk=value).first() or "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, datetime.datetime):  # to the second: a return and an acceptance can share a minute
        return date_format(timezone.localtime(value), "H:i:s d/m/Y")
    if isinstance(value, list):  # confirmed warnings: their sentences, not the stored structure
        return (
            "; ".join(str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in value) or "—"
        )
    return value


@register.filter
def record_name(entry) -> str:
    """What an entry is about, as short as the page allows: a unit's figures by the unit (the page names the
    conference or campaign once), an organisation's by the organisation, anything else by its own name."""
    if getattr(entry, "unit_id", None):
        return str(entry.unit)
    if getattr(entry, "organisation_id", None):
        # A name a unit added and later took off its list is deleted with its figures: its lines stay, unnamed.
        organisation = getattr(entry, "organisation", None)
        return str(organisation) if organisation is not None else _("tổ chức đơn vị đã bỏ khỏi danh sách")
    return str(entry.instance)
