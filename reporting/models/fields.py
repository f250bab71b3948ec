from django.conf import settings
from django.db import models


def person_who(verbose_name, *, kept: bool = False) -> models.ForeignKey:
    """The user who approved, signed or reviewed something; the record stays if the account goes.

    ``kept``: the person is part of a document's record (who signed it), so the
    account cannot be deleted at all; deactivating it is the way.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT if kept else models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
