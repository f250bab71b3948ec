"""Results entered in the Excel template, read back into UnitResults: all or nothing.

Every cell is checked before anything is saved, and every error is reported
at once, with its row as Excel shows it and its column's header, so the
person can mend the whole file in one go.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from conferences.figure_rules import MAX_FIGURE, RESULT_RULES, TOO_LARGE, figure_problems
from conferences.models import Campaign, Committee
from conferences.versioning import versioned_change
from reporting.figures.formatting import format_number
from reporting.models import UnitResult
from reporting.results.template import (
    CODE_HEADER,
    CONFERENCES,
    FIGURE_COLUMNS,
    HEADERS,
    FigureColumn,
)
from reporting.results.upload_limits import MAX_CODE_CHARS, MAX_ROWS, UploadRefused, workbook_bytes

# "1234" or, with Vietnamese thousands dots, "1.234".
WHOLE_NUMBER_TEXT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
# The template asks only for the number of conferences, not their kinds.
CONFERENCE_KINDS = ("conferences_online", "conferences_in_person", "conferences_replay")


@dataclass(frozen=True)
class CellError:
    """What is wrong, and where: row as Excel numbers it, column by its header."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class ImportRejected(Exception):
    """The file was refused as a whole; nothing was saved."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    # Units listed in the file without any figure.
    skipped: int

    def message(self) -> str:
        return _("Đã nhập %(total)d đơn vị: %(created)d mới, %(updated)d cập nhật, %(skipped)d dòng trống bỏ qua.") % {
            "total": self.created + self.updated,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
        }


class Formula(str):
    """The text of a formula cell: what Excel shows is not in the file, so it is refused."""


@dataclass(frozen=True)
class SheetRow:
    number: int
    code: object
    figures: dict[FigureColumn, object]


@dataclass(frozen=True)
class ValidRow:
    unit_id: int
    # By UnitResult field, with "conferences" for the number of conferences.
    figures: dict[str, int]


def import_results(
    *,
    file: str | Path | IO[bytes],
    campaign: Campaign,
    committee: Committee,
    user: AbstractBaseUser | None = None,
) -> ImportSummary:
    """Each row becomes, or replaces, the unit's accepted result; raises ImportRejected."""
    rows = _sheet_rows(file)
    filled = [row for row in rows if _has_figures(row)]
    if not filled:
        raise ImportRejected([CellError(None, None, _("Tệp không có dòng số liệu nào để nhập."))])
    valid_rows = _validated(filled, committee=committee)
    created = _save(valid_rows, campaign=campaign, user=user)
    skipped = sum(1 for row in rows if not _has_figures(row) and not _is_blank(row.code))
    return ImportSummary(created=created, updated=len(valid_rows) - created, skipped=skipped)


def _sheet_rows(file: str | Path | IO[bytes]) -> list[SheetRow]:
    name = str(file) if isinstance(file, str | Path) else getattr(file, "name", None)
    if name is not None and not name.lower().endswith(".xlsx"):
        message = _("Tệp “%(name)s” không phải bảng tính Excel có đuôi .xlsx.") % {"name": Path(name).name}
        raise ImportRejected([CellError(None, None, message)])
    try:
        content = workbook_bytes(file)
    except UploadRefused as refused:
        raise ImportRejected([CellError(None, None, str(refused))]) from None
    try:
        header, *data = _read_cells(content) or [[]]
    except UploadRefused as refused:
        raise ImportRejected([CellError(None, None, str(refused))]) from None
    # openpyxl fails in many ways on a damaged file; to the person they all mean the same.
    except Exception:
        message = _("Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ.")
        raise ImportRejected([CellError(None, None, message)]) from None

    positions = _header_positions(header)
    missing = [column for column in (CODE_HEADER, *(c.header for c in FIGURE_COLUMNS)) if _key(column) not in positions]
    if missing:
        raise ImportRejected([CellError(1, None, _("Thiếu cột “%(column)s”.") % {"column": c}) for c in missing])

    # Each column's position, found once: its header is translated text, slow to compare per cell.
    code_index = positions[_key(CODE_HEADER)]
    figure_indexes = [(column, positions[_key(column.header)]) for column in FIGURE_COLUMNS]

    def cell(values: list[object], index: int) -> object:
        return values[index] if index < len(values) else None

    return [
        SheetRow(
            number=number,
            code=cell(values, code_index),
            figures={column: cell(values, index) for column, index in figure_indexes},
        )
        for number, values in enumerate(data, start=2)
    ]


def _read_cells(file: IO[bytes]) -> list[list[object]]:
    """The values of the first sheet, row by row."""
    workbook = load_workbook(file, read_only=True)
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows():
            if len(rows) > MAX_ROWS:
                raise UploadRefused(_("Tệp có quá nhiều dòng: tối đa %(rows)s.") % {"rows": format_number(MAX_ROWS)})
            rows.append(
                [
                    Formula(getattr(cell.value, "text", cell.value)) if cell.data_type == "f" else cell.value
                    for cell in row
                ]
            )
        return rows
    finally:
        workbook.close()


def _key(header: object) -> str:
    """Headers match whatever their case and spacing."""
    return " ".join(str(header).split()).casefold()


def _header_positions(header: list[object]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        if isinstance(value, str):
            positions.setdefault(_key(value), index)
    return positions


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not isinstance(value, Formula) and not value.strip())


def _has_figures(row: SheetRow) -> bool:
    """A row whose figures are all empty is skipped, whatever its code and name say."""
    return not all(_is_blank(value) for value in row.figures.values())


def _validated(rows: list[SheetRow], *, committee: Committee) -> list[ValidRow]:
    codes = {str(row.code).strip() for row in rows if not _is_blank(row.code)}
    unit_ids = dict(committee.subtree().filter(code__in=codes).values_list("code", "pk"))
    errors: list[CellError] = []
    valid_rows: list[ValidRow] = []
    first_rows: dict[str, int] = {}
    for row in rows:
        code = "" if _is_blank(row.code) else str(row.code).strip()
        code_error = _code_error(code, unit_ids=unit_ids, committee=committee, first_row=first_rows.get(code))
        first_rows.setdefault(code, row.number)
        figures, problems = _figures(row)
        if code_error:
            problems.insert(0, (CODE_HEADER, code_error))
        errors += [CellError(row.number, str(header), message) for header, message in problems]
        if not problems:
            valid_rows.append(ValidRow(unit_ids[code], {column.field: value for column, value in figures.items()}))
    if errors:
        order = {str(header): index for index, header in enumerate(HEADERS)}
        raise ImportRejected(sorted(errors, key=lambda error: (error.row or 0, order.get(error.column or "", -1))))
    return valid_rows


def _code_error(code: str, *, unit_ids: dict[str, int], committee: Committee, first_row: int | None) -> str | None:
    if not code:
        return _("Chưa có mã đơn vị.")
    if len(code) > MAX_CODE_CHARS:
        return _("Mã đơn vị quá dài (tối đa %(limit)d ký tự).") % {"limit": MAX_CODE_CHARS}
    if code == committee.code:
        return _("Mã “%(code)s” là của chính %(committee)s; chỉ nhập các đơn vị trực thuộc.") % {
            "code": code,
            "committee": committee.name,
        }
    if code not in unit_ids:
        return _("Mã đơn vị “%(code)s” không thuộc %(committee)s.") % {"code": code, "committee": committee.name}
    if first_row is not None:
        return _("Mã đơn vị “%(code)s” đã có ở dòng %(row)s.") % {"code": code, "row": first_row}
    return None


def _figures(row: SheetRow) -> tuple[dict[FigureColumn, int], list[tuple[object, str]]]:
    """The row's figures that are whole numbers, and what is wrong with the others."""
    figures: dict[FigureColumn, int] = {}
    problems: list[tuple[object, str]] = []
    for column, value in row.figures.items():
        try:
            figures[column] = _whole_number(value)
        except ValueError as error:
            problems.append((column.header, str(error)))
    return figures, problems + _inconsistencies(figures)


def _whole_number(value: object) -> int:
    """12, 12.0, "12" and " 1.234 " are whole numbers; anything else raises ValueError."""
    if _is_blank(value):
        raise ValueError(_("Chưa nhập; không có thì ghi 0."))
    if isinstance(value, Formula):
        raise ValueError(_("Phải là số nguyên không âm, không dùng công thức."))
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and WHOLE_NUMBER_TEXT.fullmatch(value.strip()):
        number = int(value.strip().replace(".", ""))
    else:
        raise ValueError(_("Phải là số nguyên không âm."))
    if number < 0:
        raise ValueError(_("Phải là số nguyên không âm."))
    if number > MAX_FIGURE:
        raise ValueError(str(TOO_LARGE))
    return number


def _inconsistencies(figures: dict[FigureColumn, int]) -> list[tuple[object, str]]:
    """The figure rules (``conferences.figure_rules``) the row breaks, worded by the template's headers."""
    columns = {column.field: column for column in FIGURE_COLUMNS}
    problems: list[tuple[object, str]] = []
    for problem in figure_problems({column.field: value for column, value in figures.items()}, RESULT_RULES):
        bound = " cộng ".join(f"“{columns[field].header}”" for field in problem.rule.bound)
        template = (
            _("Không được lớn hơn %(bound)s (%(value)s).")
            if problem.rule.at_most
            else _("Không được nhỏ hơn %(bound)s (%(value)s).")
        )
        problems.append(
            (columns[problem.field].header, template % {"bound": bound, "value": format_number(problem.limit)})
        )
    return problems


# Every field an import writes, for the bulk update.
IMPORTED_FIELDS = [
    "party_members_total",
    "party_members_attended",
    "non_members_total",
    "non_members_attended",
    "cell_meetings",
    "people",
    *CONFERENCE_KINDS,
    "conferences_other",
    "submitted_at",
    "status",
    "reviewed_by",
    "reviewed_at",
    "return_reason",
    "version",
    "updated_at",
]
BATCH = 1000


def _save(rows: list[ValidRow], *, campaign: Campaign, user: AbstractBaseUser | None) -> int:
    """Saves every row in one transaction, in batches, with history; returns how many results are new."""
    now = timezone.now()
    with transaction.atomic():
        existing = {
            result.unit_id: result
            for result in UnitResult.objects.select_for_update().filter(
                campaign=campaign, unit_id__in=[row.unit_id for row in rows]
            )
        }
        created, updated = [], []
        for row in rows:
            result = existing.get(row.unit_id)
            if result is None:
                result = UnitResult(campaign=campaign, unit_id=row.unit_id)
            (updated if result.pk else created).append(result)
            versioned_change(result, _accepted(result, figures=row.figures, now=now, user=user))
        reason = _("Nhập từ tệp Excel")
        bulk_create_with_history(created, UnitResult, batch_size=BATCH, default_user=user, default_change_reason=reason)
        bulk_update_with_history(
            updated, UnitResult, IMPORTED_FIELDS, batch_size=BATCH, default_user=user, default_change_reason=reason
        )
    return len(created)


def _accepted(
    result: UnitResult, *, figures: dict[str, int], now: datetime.datetime, user: AbstractBaseUser | None
) -> dict[str, object]:
    """The fields the row writes: its figures, accepted at once (imports are made by the staff who review)."""
    was_sent = result.status != UnitResult.Status.DRAFT and result.submitted_at is not None
    return {
        **{field: value for field, value in figures.items() if field != CONFERENCES.field},
        **_spread_conferences(result, total=figures[CONFERENCES.field]),
        "submitted_at": result.submitted_at if was_sent else now,
        "status": UnitResult.Status.ACCEPTED,
        "reviewed_by": user,
        "reviewed_at": now,
        "return_reason": "",
        "updated_at": now,
    }


def _spread_conferences(result: UnitResult, *, total: int) -> dict[str, int]:
    """Keep the known kinds of conference if they still fit; the rest is "other"."""
    known = {field: getattr(result, field) for field in CONFERENCE_KINDS}
    if sum(known.values()) > total:
        known = dict.fromkeys(CONFERENCE_KINDS, 0)
    return {**known, "conferences_other": total - sum(known.values())}
