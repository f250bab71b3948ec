"""References between records, each declared once with what it keeps: a committee, a campaign or a site that
records name is never deleted from under them (a committee that ends is given ``dissolved_on``; a campaign and
a site stay for the reports that counted them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def committee_key(verbose_name, related_name: str, **options) -> models.ForeignKey:
    """The committee a record is of, or names (its unit, its owner, who hosted or directed it)."""
    return _kept("conferences.Committee", verbose_name, related_name, **options)


def campaign_key(related_name: str, **options) -> models.ForeignKey:
    """The campaign (đợt học tập) a record belongs to."""
    return _kept("conferences.Campaign", _("đợt học tập"), related_name, **options)


def site_key(related_name: str, **options) -> models.ForeignKey:
    """The video-link site (điểm cầu) a record took place at."""
    return _kept("conferences.VideoSite", _("điểm cầu"), related_name, **options)


def _kept(model: str, verbose_name, related_name: str, **options) -> models.ForeignKey:
    return models.ForeignKey(
        model, verbose_name=verbose_name, on_delete=models.PROTECT, related_name=related_name, **options
    )


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
