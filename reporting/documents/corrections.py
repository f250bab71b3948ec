"""A correction (đính chính) of a signed report: the figures it counted unlocked, and a new draft that, once signed,
carries a new number and says which report it replaces. The signed file itself never changes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from reporting.documents.workflow import (
    REQUEST_FIELDS,
    ReportStateError,
    Status,
    create_report,
    open_alike,
    subject_fields,
)
from reporting.models import Report


@transaction.atomic
def report_open_correction(*, signed: Report, user: User, reason: str) -> Report:
    """Unlock the figures ``signed`` counted, for a corrected report that will replace it.

    The signed PDF stays as it is; the draft (the open one, or a new one from
    the data) remembers who opened the correction and why, and once signed it
    carries a new number and says which report it replaces.
    """
    signed = Report.objects.select_for_update().get(pk=signed.pk)
    if signed.status != Status.SIGNED:
        raise ReportStateError(_("Chỉ đính chính được báo cáo đã ký."))
    if Report.objects.filter(replaces=signed).exists():
        raise ReportStateError(_("Báo cáo số %s đã được mở đính chính.") % signed.number.label)
    correction = {
        "replaces": signed,
        "correction_reason": reason,
        "correction_opened_at": timezone.now(),
        "correction_opened_by": user,
    }
    report = open_alike(signed)
    if report is None:
        # From the signed words: its paragraphs as staff wrote or kept them, its recipients; the figures are
        # drafted again, and a paragraph written over figures that changed says so.
        kept = {field: getattr(signed, field) for field in (*REQUEST_FIELDS, "recipients", "edits")}
        return create_report(Report(**subject_fields(signed), **kept, **correction))
    if report.replaces_id:
        raise ReportStateError(_("Đang có một đính chính chưa ký; hoàn thành nó trước."))
    Report.objects.filter(pk=report.pk).update(status=Status.DRAFT, approved_at=None, approved_by=None, **correction)
    report.refresh_from_db()
    return report
