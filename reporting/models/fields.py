from django.conf import settings
from django.db import models


def person_who(verbose_name) -> models.ForeignKey:
    """The user who approved, signed or reviewed something; the record stays if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
