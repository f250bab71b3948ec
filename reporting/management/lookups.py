"""What the commands share: campaigns and committees found by the codes typed, files written where asked."""

from pathlib import Path

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


def file_written(path: str | Path, content: bytes) -> Path:
    """``content`` written to ``path``; a folder missing or not writable is told in Vietnamese."""
    path = Path(path)
    try:
        path.write_bytes(content)
    except OSError as error:
        message = _("Không ghi được tệp “%(path)s”: %(error)s") % {"path": path, "error": error.strerror or error}
        raise CommandError(message) from None
    return path
