"""Optimistic locking: two people editing one record never overwrite each other unseen.

A versioned record carries a counter; a form sends back the version it was
built from, and the save goes through only if nobody saved in between.
"""

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


def locked_current(model: type[Versioned], pk: int, expected_version: int, message: str) -> Versioned:
    """The stored record, locked until the transaction ends; EditConflict if it moved on."""
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise EditConflict(message, current)
    return current
