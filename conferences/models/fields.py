from django.conf import settings
from django.db import models


def person_who(verbose_name, *, kept: bool = False, editable: bool = True) -> models.ForeignKey:
    """The user who entered, approved, signed or reviewed something; the record stays if the account goes.

    ``kept``: the person is part of a document's record (who signed it), so the
    account cannot be deleted at all; deactivating it is the way. ``editable``:
    False where the system records the person and no form offers the field.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT if kept else models.SET_NULL,
        null=True,
        blank=True,
        editable=editable,
        related_name="+",
    )
