"""Results entered in the Excel template, written as accepted results once staff have seen what they change.

``import_preview`` reads the file and says what it would do, writing nothing.
``import_apply`` then writes it, all or nothing, after checking that no
result moved on since the preview and that no row changes figures a signed
report counted. The browser keeps the preview for an hour (``ResultImport``)
until staff confirm it; the command confirms through its flags;
``import_results`` does both at once, for scripts and the benchmark.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conferences.models import Campaign, Committee
from conferences.versioning import versioned_change
from reporting.models import Report, ResultImport, UnitResult
from reporting.models.locks import lock_covering, lock_message, locks_under
from reporting.models.unit_results import CONFERENCE_KINDS as ALL_CONFERENCE_KINDS
from reporting.models.unit_results import FIGURE_FIELDS
from reporting.results.bulk_history import BATCH, record_history, update_many
from reporting.results.import_outreach import outreach_write
from reporting.results.import_preview import (
    ImportPreview,
    PreviewRow,
    RowKind,
    import_preview,
    refuse_not_asked,
    spread_conferences,
)
from reporting.results.import_reading import CellError, ImportRejected
from reporting.results.template import CONFERENCES, FIGURE_COLUMNS, OUTREACH_FIELDS
from reporting.results.upload_limits import SheetFile

__all__ = [
    "CellError",
    "ImportRejected",
    "ImportSummary",
    "PreviewExpired",
    "import_apply",
    "import_preview",
    "import_results",
    "result_import_confirm",
    "result_import_create",
    "stored_preview",
]

# The figures a file may leave out (one made before the template had them): kept as they are where it does, a
# draft's empty ones written 0, since an accepted result has every figure.
UNASKED_FIGURES = [
    field
    for field in FIGURE_FIELDS
    if field not in {column.field for column in FIGURE_COLUMNS if not column.optional}
    and field not in ALL_CONFERENCE_KINDS
]
# Every field an import writes, for the bulk update.
IMPORTED_FIELDS = [
    *FIGURE_FIELDS,
    "submitted_at",
    "first_submitted_at",
    "confirmed_warnings",
    "status",
    "reviewed_by",
    "reviewed_at",
    "return_reason",
    "version",
    "updated_at",
]
CHANGE_REASON = gettext_lazy("Nhập từ tệp Excel")
MOVED_ON = gettext_lazy(
    "Kết quả của đơn vị đã thay đổi sau khi xem trước; tải tệp lên lại để xem trước với số liệu mới nhất."
)
USED_UP = gettext_lazy("Bản xem trước này đã được xác nhận; chưa nhập thêm gì. Xem kết quả trên trang tổng hợp.")
EXPIRED = gettext_lazy(
    "Bản xem trước đã quá 1 giờ nên không còn dùng được; chưa có gì được nhập. Tải tệp lên lại để xem trước."
)


class PreviewExpired(Exception):
    """The kept preview is past its hour; nothing was written."""


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    # Accepted results with the very same figures, left alone.
    unchanged: int = 0
    # Units listed in the file without any figure.
    skipped: int = 0
    # Accepted results the file would have replaced, left as they were because staff did not choose them.
    kept: int = 0

    def message(self) -> str:
        text = _(
            "Đã nhập %(total)d đơn vị: %(created)d mới, %(updated)d cập nhật; "
            "%(unchanged)d đơn vị không đổi, %(skipped)d dòng trống bỏ qua."
        ) % {
            "total": self.created + self.updated,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        if self.kept:
            text += " " + _(
                "Giữ nguyên %(kept)d kết quả đã tiếp nhận không được chọn thay; muốn thay, tải tệp lên lại và đánh "
                "dấu đơn vị đó."
            ) % {"kept": self.kept}
        return text


def import_results(
    *,
    file: SheetFile,
    campaign: Campaign,
    committee: Committee,
    user: AbstractBaseUser | None = None,
) -> ImportSummary:
    """Reads ``file`` and writes it at once, as if staff confirmed every row (accepted results replaced,
    warnings accepted); raises ImportRejected. People see the preview first: the import page, the command."""
    preview = import_preview(file=file, campaign=campaign, committee=committee)
    replace = {row.unit_id for row in preview.replacing}
    return import_apply(preview=preview, campaign=campaign, committee=committee, user=user, replace=replace)


def import_apply(
    *,
    preview: ImportPreview,
    campaign: Campaign,
    committee: Committee,
    user: AbstractBaseUser | None,
    replace: Collection[int] = (),
) -> ImportSummary:
    """Writes the preview's new and changed rows, and the replacements of accepted results whose unit is in
    ``replace``, each as an accepted result with its warnings confirmed, in one transaction with history.

    Raises ImportRejected, writing nothing, if a result moved on since the preview or is now locked.
    """
    rows = [
        row for row in preview.rows if row.writes and (row.kind != RowKind.REPLACES_ACCEPTED or row.unit_id in replace)
    ]
    with transaction.atomic():
        current = {
            result.unit_id: result
            for result in UnitResult.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(campaign=campaign, unit_id__in=[row.unit_id for row in rows])
        }
        _refuse_moved_on(rows, current, locks_under(campaign=campaign, committee=committee))
        # A unit may have been dated away since the preview.
        units = Committee.objects.only("name", "established_on", "dissolved_on").in_bulk([row.unit_id for row in rows])
        refuse_not_asked(
            campaign, [(row.number, row.unit, units[row.unit_id], current.get(row.unit_id)) for row in rows]
        )
        created = _save(rows, current, campaign=campaign, committee=committee, user=user)
    replaced = sum(1 for row in rows if row.kind == RowKind.REPLACES_ACCEPTED)
    return ImportSummary(
        created=created,
        updated=len(rows) - created,
        unchanged=len(preview.unchanged),
        skipped=preview.skipped,
        kept=len(preview.replacing) - replaced,
    )


def result_import_create(
    *, preview: ImportPreview, campaign: Campaign, committee: Committee, user: AbstractBaseUser, file_name: str
) -> ResultImport:
    """Keeps ``preview`` for its uploader to confirm within the hour; previews past their hour are cleared away."""
    ResultImport.clear_expired()
    return ResultImport.objects.create(
        user=user,
        campaign=campaign,
        committee=committee,
        file_name=Path(file_name).name[:255],
        rows=preview.as_json(),
        skipped=preview.skipped,
    )


def stored_preview(result_import: ResultImport) -> ImportPreview:
    return ImportPreview.from_json(result_import.rows, skipped=result_import.skipped)


def result_import_confirm(*, result_import: ResultImport, replace: Collection[int]) -> ImportSummary:
    """Writes a kept preview as its uploader confirmed it: warnings accepted, accepted results in ``replace``
    replaced. Raises PreviewExpired or ImportRejected, writing nothing; the preview is used up either way."""
    try:
        if result_import.is_expired:
            raise PreviewExpired(str(EXPIRED))
        with transaction.atomic():
            preview = stored_preview(result_import)
            # Used up first, by one press only: of two at once, the one that does not delete it writes nothing.
            used_up, _by_model = ResultImport.objects.filter(pk=result_import.pk).delete()
            if not used_up:
                raise PreviewExpired(str(USED_UP))
            summary = import_apply(
                preview=preview,
                campaign=result_import.campaign,
                committee=result_import.committee,
                user=result_import.user,
                replace=replace,
            )
    except IntegrityError:  # a unit's first result saved elsewhere meanwhile, past the checks
        result_import.delete()
        raise ImportRejected([CellError(None, None, str(MOVED_ON))]) from None
    except (PreviewExpired, ImportRejected):
        result_import.delete()
        raise
    return summary


def _refuse_moved_on(rows: list[PreviewRow], current: dict[int, UnitResult], locks: list[Report]) -> None:
    """Each row must find its result as the preview saw it, and not locked by a signed report since."""
    errors = []
    for row in rows:
        result = current.get(row.unit_id)
        found = (result.pk, result.version, result.status) if result else (None, None, "")
        if found != (row.result_id, row.version, row.status):
            errors.append(CellError(row.number, None, str(MOVED_ON), unit=row.unit))
        elif result is not None and (report := lock_covering(locks, result)):
            errors.append(CellError(row.number, None, lock_message(report), unit=row.unit))
    if errors:
        raise ImportRejected(errors)


def _save(
    rows: list[PreviewRow],
    current: dict[int, UnitResult],
    *,
    campaign: Campaign,
    committee: Committee,
    user: AbstractBaseUser | None,
) -> int:
    """Saves every row, each with its history row; returns how many results are new."""
    now = timezone.now()
    created, updated = [], []
    for row in rows:
        result = current.get(row.unit_id) or UnitResult(campaign=campaign, unit_id=row.unit_id)
        (updated if result.pk else created).append(result)
        versioned_change(result, _accepted(result, row=row, now=now, user=user))
    UnitResult.objects.bulk_create(created, batch_size=BATCH)
    update_many(updated, IMPORTED_FIELDS)
    # Found by campaign and unit, which every result has: bulk_create returns no keys on databases without
    # INSERT … RETURNING.
    history = {
        "match": "unit",
        "also": {"campaign": campaign.pk},
        "when": now,
        "user": user,
        "reason": str(CHANGE_REASON),
    }
    record_history(UnitResult, keys=[result.unit_id for result in created], kind="+", **history)
    record_history(UnitResult, keys=[result.unit_id for result in updated], kind="~", **history)
    figures = {row.unit_id: row.figures for row in rows}
    outreach_write(figures, campaign=campaign, committee=committee, when=now, user=user, reason=str(CHANGE_REASON))
    return len(created)


def _accepted(
    result: UnitResult, *, row: PreviewRow, now: datetime.datetime, user: AbstractBaseUser | None
) -> dict[str, object]:
    """The fields the row writes: its figures, accepted at once (imports are made by the staff who review)."""
    was_sent = result.status != UnitResult.Status.DRAFT and result.submitted_at is not None
    submitted_at = result.submitted_at if was_sent else now
    return {
        **{field: getattr(result, field) or 0 for field in UNASKED_FIGURES},
        **{
            field: value
            for field, value in row.figures.items()
            if field != CONFERENCES.field and field not in OUTREACH_FIELDS
        },
        **spread_conferences(result, total=row.figures[CONFERENCES.field], given=row.figures),
        "submitted_at": submitted_at,
        "first_submitted_at": result.first_submitted_at or submitted_at,
        "confirmed_warnings": list(row.warnings),
        "status": UnitResult.Status.ACCEPTED,
        "reviewed_by": user,
        "reviewed_at": now,
        "return_reason": "",
        "updated_at": now,
    }
