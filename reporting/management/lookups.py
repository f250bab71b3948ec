"""Campaigns and committees found by the codes typed on the command line."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from conferences.models import Campaign, Committee


def campaign_lookup(*, code: str) -> Campaign:
    try:
        return Campaign.objects.get(code=code)
    except Campaign.DoesNotExist:
        raise CommandError(_("Không tìm thấy đợt học tập có mã “%s”.") % code) from None


def committee_lookup(*, code: str) -> Committee:
    try:
        return Committee.objects.get(code=code)
    except Committee.DoesNotExist:
        raise CommandError(_("Không tìm thấy cấp ủy có mã “%s”.") % code) from None
