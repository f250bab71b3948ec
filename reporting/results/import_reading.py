"""An Excel file of results read and checked, row by row, before anything is compared or saved.

Every cell is checked and every error is reported at once, with its row as
Excel shows it, the unit where its code is known, and its column's header,
so the person can mend the whole file in one go.
"""

import contextlib
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import is_not
from pathlib import Path
from typing import IO, Any, Protocol

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell
from openpyxl.utils import get_column_letter

from conferences.figure_rules import MAX_FIGURE, TOO_LARGE
from conferences.models import Committee
from reporting.results.row_rules import row_problems
from reporting.results.template import (
    CODE_HEADER,
    FIGURE_COLUMNS,
    HEAD_COUNTS,
    HEADERS,
    OUTREACH_FIELDS,
    FigureColumn,
)
from reporting.results.upload_limits import (
    MAX_CODE_CHARS,
    MAX_COLUMNS,
    MAX_QUOTED_CHARS,
    MAX_ROWS,
    SheetFile,
    UploadRefused,
    too_many_rows,
    workbook_bytes,
)

# 01/07/2025, 1-7-2025, 1.7.2025: day, month, year.
DAY_TEXT = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})")
# "1234" or, with Vietnamese thousands dots, "1.234".
# Digits as typed on a keyboard (0-9, never "²" or other scripts' digits), with or without dots between thousands.
WHOLE_NUMBER_TEXT = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")
EMPTY_ROW = (EMPTY_CELL,) * MAX_COLUMNS
LAST_COLUMN = get_column_letter(MAX_COLUMNS)


def unit_label(unit: Committee) -> str:
    """How a row names its unit: "tam-duong-ta-leng — Đảng ủy xã Tả Lèng"."""
    return f"{unit.code} — {unit.name}"


@dataclass(frozen=True)
class CellError:
    """What is wrong, and where: row as Excel numbers it, its unit where known, column by its header.

    Plausibility warnings are worded the same way.
    """

    row: int | None
    column: str | None
    message: str
    # "code — name" of the row's unit, once its code is found.
    unit: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        where = _("Dòng %(row)s") % {"row": self.row}
        if self.unit:
            where = _("Dòng %(row)s (%(unit)s)") % {"row": self.row, "unit": self.unit}
        if self.column is not None:
            return _("%(where)s, cột “%(column)s”: %(message)s") % {
                "where": where,
                "column": self.column,
                "message": self.message,
            }
        return _("%(where)s: %(message)s") % {"where": where, "message": self.message}


class ImportRejected(Exception):
    """The file was refused as a whole; nothing was saved."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class Formula(str):
    """The text of a formula cell: what Excel shows is not in the file, so it is refused."""


@dataclass(frozen=True)
class SheetRow:
    number: int
    code: object
    figures: dict[FigureColumn, object]


@dataclass(frozen=True)
class ValidRow:
    # As Excel numbers it.
    number: int
    # Its code, name, path and depth loaded.
    unit: Committee
    # By UnitResult field, with "conferences" for the number of conferences.
    figures: dict[str, int]


@dataclass(frozen=True)
class SheetReading:
    rows: list[ValidRow]
    # Units listed in the file without any figure.
    skipped: int


def read_rows(file: SheetFile, *, committee: Committee) -> SheetReading:
    """The file's rows with figures, each a unit under ``committee``; raises ImportRejected (one query)."""
    rows = _sheet_rows(file)
    filled = [row for row in rows if _has_figures(row)]
    if not filled:
        raise ImportRejected([CellError(None, None, _("Tệp không có dòng số liệu nào để nhập."))])
    skipped = sum(1 for row in rows if not _has_figures(row) and not _is_blank(row.code))
    return SheetReading(rows=_validated(filled, committee=committee), skipped=skipped)


def read_table(file: SheetFile, headers, optional=()) -> list[tuple[int, dict[str, object]]]:
    """Any template's first sheet as (row as Excel numbers it, {header: value}) for the rows holding something;
    the same limits and refusals as the results file (ImportRejected). A column among ``optional`` may be left
    out of the sheet: it is then left out of the rows too."""
    names = [str(header) for header in headers]
    return _guarded(file, lambda content: _table(content, names, {str(header) for header in optional}))


class TableChecker(Protocol):
    """Reads a table's rows against what is stored and each other: ``plan()`` what they would do, keeping
    every problem in ``errors``."""

    errors: list[CellError]

    def plan(self) -> Any: ...


def checked_table(
    file: SheetFile,
    headers: list[str],
    checker: Callable[[list[tuple[int, dict]]], TableChecker],
    optional=(),
) -> Any:
    """The plan ``checker`` makes of the file's table, or ImportRejected with every error, by row then column
    (an error of the whole row under the first)."""
    rows = read_table(file, headers, optional)
    if not rows:
        raise ImportRejected([CellError(None, None, _("Tệp không có dòng nào để nhập."))])
    check = checker(rows)
    plan = check.plan()
    if check.errors:
        order = [str(header) for header in headers]
        raise ImportRejected(
            sorted(check.errors, key=lambda error: (error.row or 0, order.index(str(error.column or headers[0]))))
        )
    return plan


def _table(content: IO[bytes], headers: list[str], optional: set[str]) -> list[tuple[int, dict[str, object]]]:
    workbook = load_workbook(content, read_only=True)
    try:
        rows = _present_rows(workbook.worksheets[0])
        number, header = next(rows, (1, ()))
        positions = _header_positions([cell.value for cell in header] if number == 1 else [])
        missing = [column for column in headers if _key(column) not in positions and column not in optional]
        if missing:
            raise ImportRejected([CellError(1, None, _("Thiếu cột “%(column)s”.") % {"column": c}) for c in missing])
        indexes = [(column, positions[_key(column)]) for column in headers if _key(column) in positions]
        return [(number, {column: _value(cells[index]) for column, index in indexes}) for number, cells in rows]
    finally:
        workbook.close()


def shortened(text: str) -> str:
    """A cell's text as a message quotes it: at most MAX_QUOTED_CHARS characters, cut with "…"; a page of errors
    never echoes a long cell back whole."""
    return text if len(text) <= MAX_QUOTED_CHARS else text[: MAX_QUOTED_CHARS - 1] + "…"


def whole_number(value: object) -> int:
    """A cell as a whole number between 0 and MAX_FIGURE; ValueError with the Vietnamese reason otherwise."""
    return _whole_number(value)


def is_blank(value: object) -> bool:
    return _is_blank(value)


def read_cells(
    cells: dict[str, object], readers: dict[str, tuple[str, Callable[[object], object]]]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A table row's fields by ``readers`` (field: (column, reader raising ValueError with the reason)): those
    that read right, and (column, message) for the others. A formula is refused; a column the sheet left out is
    not read."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, (column, read) in readers.items():
        if column not in cells:
            continue
        if isinstance(cells[column], Formula):
            problems.append((column, _("Không dùng công thức; ghi giá trị.")))
            continue
        try:
            values[name] = read(cells[column])
        except ValueError as error:
            problems.append((column, str(error)))
    return values, problems


def day_or_none(value: object) -> datetime.date | None:
    """A cell as a date: a date cell, or text as Vietnamese write it (01/07/2025, 1-7-2025); None when blank;
    ValueError with the Vietnamese reason otherwise."""
    if _is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and not isinstance(value, Formula) and (match := DAY_TEXT.fullmatch(value.strip())):
        with contextlib.suppress(ValueError):
            return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    raise ValueError(
        _("“%(value)s” không phải ngày; ghi theo ngày/tháng/năm, ví dụ 01/07/2025.") % {"value": shortened(str(value))}
    )


def _sheet_rows(file: SheetFile) -> list[SheetRow]:
    return _guarded(file, _read_sheet)


def _guarded(file: SheetFile, read):
    """``read`` over the upload's bytes, every way a file can be refused told as ImportRejected."""
    name = str(file) if isinstance(file, str | Path) else getattr(file, "name", None)
    if name is not None and not name.lower().endswith(".xlsx"):
        message = _("Tệp “%(name)s” không phải bảng tính Excel có đuôi .xlsx.") % {"name": Path(name).name}
        raise ImportRejected([CellError(None, None, message)])
    try:
        return read(workbook_bytes(file))
    except UploadRefused as refused:
        raise ImportRejected([CellError(None, None, str(refused))]) from None
    except ImportRejected:
        raise
    # openpyxl fails in many ways on a damaged file; to the person they all mean the same.
    except Exception:
        message = _("Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ.")
        raise ImportRejected([CellError(None, None, message)]) from None


def _read_sheet(content: IO[bytes]) -> list[SheetRow]:
    """The first sheet's rows below its header, as far as the template's columns go."""
    workbook = load_workbook(content, read_only=True)
    try:
        beyond = _headers_beyond(workbook.worksheets[0])
        rows = _present_rows(workbook.worksheets[0])
        number, header = next(rows, (1, ()))
        values = [cell.value for cell in header] if number == 1 else []
        positions = _header_positions(values)
        wanted = (CODE_HEADER, *(column.header for column in FIGURE_COLUMNS if not column.optional))
        missing = [column for column in wanted if _key(column) not in positions]
        problems = [_("Thiếu cột “%(column)s”.") % {"column": c} for c in missing] + _header_problems(values) + beyond
        if problems:
            raise ImportRejected([CellError(1, None, problem) for problem in problems])
        # Each column's position, found once: its header is translated text, slow to compare per cell.
        code_index = positions[_key(CODE_HEADER)]
        figure_indexes = [
            (column, positions[_key(column.header)]) for column in FIGURE_COLUMNS if _key(column.header) in positions
        ]
        return [
            SheetRow(
                number=number,
                code=_value(cells[code_index]),
                figures={column: _value(cells[index]) for column, index in figure_indexes},
            )
            for number, cells in rows
        ]
    finally:
        workbook.close()


def _headers_beyond(sheet) -> list[str]:
    """A header past the columns read (its figures would go unread without a word): refused by name. The first
    row alone is read for it, as its cells stand in the file."""
    sheet.reset_dimensions()
    first = next(sheet.iter_rows(min_row=1, max_row=1), ())
    message = _(
        "Cột %(column)s “%(header)s” nằm sau cột %(last)s, ngoài phần tệp được đọc: chuyển cột về cạnh các cột "
        "của mẫu, hoặc xóa cột."
    )
    return [
        message % {"column": get_column_letter(index), "header": shortened(str(value)), "last": LAST_COLUMN}
        for index, cell in enumerate(first[MAX_COLUMNS:], start=MAX_COLUMNS + 1)
        if not _is_blank(value := getattr(cell, "value", None))
    ]


def _present_rows(sheet) -> Iterator[tuple[int, tuple[ReadOnlyCell, ...]]]:
    """The rows holding anything in the first MAX_COLUMNS columns, numbered as Excel does; raises UploadRefused
    past MAX_ROWS rows.

    What the sheet declares of its size (``<dimension ref="A1:XFD99000"/>``) is not believed: openpyxl would
    pad every row to it, 16,384 cells a row for a file of a few kilobytes. Reading costs the cells present,
    which ``workbook_bytes`` counted before the file was opened: openpyxl builds every cell of a row before
    ``max_col`` cuts it, so a row wider than Excel or a sheet of more cells than the largest accepted never gets
    here. A row numbered past the limit (``<row r="100002">``) is refused here.
    """
    sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS + 1:
            raise UploadRefused(too_many_rows())
        # A row missing from the file comes as the shared empty cell only: told apart at C speed.
        if any(map(is_not, cells, EMPTY_ROW)):
            yield number, cells


def _value(cell: ReadOnlyCell) -> object:
    return Formula(getattr(cell.value, "text", cell.value)) if cell.data_type == "f" else cell.value


def _key(header: object) -> str:
    """Headers match whatever their case and spacing."""
    return " ".join(str(header).split()).casefold()


def _header_problems(header: list[object]) -> list[str]:
    """A column the template does not have (a header mistyped, its figures otherwise unread), or one of its columns
    twice (which of the two counts?)."""
    known = {_key(name) for name in HEADERS}
    problems, seen = [], set()
    for index, value in enumerate(header):
        if _is_blank(value):
            continue
        key, column = _key(value), get_column_letter(index + 1)
        text = shortened(str(value))
        if key not in known:
            message = _("Cột %(column)s “%(header)s” không có trong mẫu: sửa tên cột cho đúng mẫu, hoặc xóa cột.")
            problems.append(message % {"column": column, "header": text})
        elif key in seen:
            message = _("Cột “%(header)s” có hai lần (lần sau ở cột %(column)s): giữ một cột.")
            problems.append(message % {"column": column, "header": text})
        seen.add(key)
    return problems


def _header_positions(header: list[object]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        if isinstance(value, str):
            positions.setdefault(_key(value), index)
    return positions


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not isinstance(value, Formula) and not value.strip())


def _has_figures(row: SheetRow) -> bool:
    """A row whose figures are all empty, but for the head-counts the template fills in, is skipped, whatever its
    code and name say."""
    return not all(_is_blank(value) for column, value in row.figures.items() if column not in HEAD_COUNTS)


def _validated(rows: list[SheetRow], *, committee: Committee) -> list[ValidRow]:
    codes = {str(row.code).strip() for row in rows if not _is_blank(row.code)}
    units = {
        unit.code: unit
        for unit in committee.subtree()
        .filter(code__in=codes)
        .only("code", "name", "path", "depth", "numchild", "established_on", "dissolved_on", "party_members")
    }
    errors: list[CellError] = []
    valid_rows: list[ValidRow] = []
    first_rows: dict[str, int] = {}
    for row in rows:
        code = "" if _is_blank(row.code) else str(row.code).strip()
        code_error = _code_error(code, units=units, committee=committee, first_row=first_rows.get(code))
        first_rows.setdefault(code, row.number)
        figures, problems = _figures(row)
        if code_error:
            problems.insert(0, (CODE_HEADER, code_error))
        unit = units.get(code) if code != committee.code else None
        label = unit_label(unit) if unit else None
        errors += [CellError(row.number, str(header), message, unit=label) for header, message in problems]
        if not problems:
            valid_rows.append(ValidRow(row.number, unit, {column.field: value for column, value in figures.items()}))
    if errors:
        order = {str(header): index for index, header in enumerate(HEADERS)}
        raise ImportRejected(sorted(errors, key=lambda error: (error.row or 0, order.get(error.column or "", -1))))
    return valid_rows


def _code_error(code: str, *, units: dict[str, Committee], committee: Committee, first_row: int | None) -> str | None:
    if not code:
        return _("Chưa có mã đơn vị.")
    if len(code) > MAX_CODE_CHARS:
        return _("Mã đơn vị quá dài (tối đa %(limit)d ký tự).") % {"limit": MAX_CODE_CHARS}
    if code == committee.code:
        return _("Mã “%(code)s” là của chính %(committee)s; chỉ nhập các đơn vị trực thuộc.") % {
            "code": code,
            "committee": committee.name,
        }
    if code not in units:
        return _("Mã đơn vị “%(code)s” không thuộc %(committee)s.") % {"code": code, "committee": committee.name}
    if first_row is not None:
        return _("Mã đơn vị “%(code)s” đã có ở dòng %(row)s.") % {"code": code, "row": first_row}
    return None


def _figures(row: SheetRow) -> tuple[dict[FigureColumn, int], list[tuple[object, str]]]:
    """The row's figures that are whole numbers, and what is wrong with the others."""
    figures: dict[FigureColumn, int] = {}
    problems: list[tuple[object, str]] = []
    wrong: set[FigureColumn] = set()
    for column, value in row.figures.items():
        if type(value) is int and 0 <= value <= MAX_FIGURE:  # most cells: read at once
            figures[column] = value
            continue
        if column.field in OUTREACH_FIELDS and _is_blank(value):
            continue  # an organisation the row says nothing of keeps what is stored
        try:
            figures[column] = _whole_number(value)
        except ValueError as error:
            problems.append((column.header, str(error)))
            wrong.add(column)
    return figures, problems + row_problems(figures, wrong=wrong)


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
        digits = value.strip().replace(".", "").lstrip("0") or "0"
        if len(digits) > len(str(MAX_FIGURE)):  # read no further: int() of thousands of digits is refused in English
            raise ValueError(str(TOO_LARGE))
        number = int(digits)
    else:
        raise ValueError(_("Phải là số nguyên không âm."))
    if number < 0:
        raise ValueError(_("Phải là số nguyên không âm."))
    if number > MAX_FIGURE:
        raise ValueError(str(TOO_LARGE))
    return number
