"""Optimistic locking: two people editing one record never overwrite each other unseen.

A versioned record carries a counter; a form sends back the version it was
built from, and the save goes through only if nobody saved in between.
"""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved the record after the form was opened; nothing was saved."""

    def __init__(self, message: str, current: models.Model | None = None) -> None:
        super().__init__(message)
        self.current = current


def versioned_change(record: Versioned, fields: Mapping[str, Any]) -> None:
    """Write ``fields`` on the record and move its version on; the caller saves it, alone or in bulk.

    A record not saved yet keeps its first version.
    """
    for name, value in fields.items():
        setattr(record, name, value)
    if record.pk is not None:
        record.version += 1


def versioned_save(record: Versioned, fields: Mapping[str, Any]) -> Versioned:
    """The one way a versioned record changes: its fields, its next version, saved."""
    versioned_change(record, fields)
    record.save()
    return record


def locked_current(model: type[Versioned], pk: int, expected_version: int, message: str) -> Versioned:
    """The stored record, locked until the transaction ends; EditConflict if it moved on."""
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise EditConflict(message, current)
    return current


def conflict_shown(request, form, conflict: EditConflict) -> list[tuple[str, object, object]]:
    """Tell the person about ``conflict`` and return what differs; saving the form again then keeps their values."""
    from django.contrib import messages

    messages.error(request, str(conflict))
    form.data = form.data.copy()
    form.data["version"] = conflict.current.version
    return differing_values(form, conflict.current)


def differing_values(form, current: models.Model) -> list[tuple[str, object, object]]:
    """(label, stored, typed) for each field of ``form`` where the stored record differs from what was typed.

    Shown after an EditConflict, so the person sees what the other one saved.
    """
    rows = []
    for name in form.Meta.fields:
        if name not in form.cleaned_data or form.fields[name].disabled:
            continue
        stored, typed = getattr(current, name), form.cleaned_data[name]
        if hasattr(stored, "all"):  # many-to-many: compare the sets, show them as lists
            stored, typed = set(stored.all()), set(typed)
            if stored != typed:
                rows.append((str(form.fields[name].label), _joined(stored), _joined(typed)))
        elif stored != typed:
            rows.append((str(form.fields[name].label), stored, typed))
    return rows


def _joined(objects: set) -> str:
    return "; ".join(sorted(str(obj) for obj in objects))
