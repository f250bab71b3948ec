"""One contract for every export, after pretix's exporter.

An exporter is built with the keyword arguments it needs (campaign,
committee …) and ``render()`` returns ``(filename, mimetype, content)``, so a
view, a management command or a task queue can run any of them alike. Every
part implements it and ``reporting.jobs`` runs them, so it lives above the
parts: were it in ``jobs``, each part would import the one that imports it.
"""

import datetime
import io
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # characters a spreadsheet cell holds
# The hidden sheet a template's lists are kept on, and how many rows of a column offer them.
LISTS = "Danh muc"
OFFERED_ROWS = 5_000

Value = TypeVar("Value")


class Exporter(ABC):
    identifier: str
    verbose_name: str | Promise
    # A file to read rather than keep (a draft's preview): the browser shows it in place, where it can.
    shown_in_browser: bool = False

    @abstractmethod
    def render(self) -> tuple[str, str, bytes]:
        """(filename, mimetype, content) of the export."""


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_bytes(
    title: str,
    headers: Sequence,
    rows: Iterable[Sequence],
    widths: Sequence[int],
    *,
    choices: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """One sheet to fill in and upload back: its header row bold, text kept as text, the columns ``widths`` wide;
    a column named in ``choices`` offers its values in a list."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for header, values in (choices or {}).items():
        _offer(workbook, sheet, get_column_letter([str(each) for each in headers].index(str(header)) + 1), values)
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"  # as Vietnamese write a date, whatever Excel's language
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return xlsx_bytes(workbook)


def _offer(workbook: Workbook, sheet, column: str, values: Sequence[str]) -> None:
    """``column`` of ``sheet`` offers ``values`` in a list (kept on a hidden sheet: a value may hold a comma)."""
    if LISTS not in workbook.sheetnames:
        workbook.create_sheet(LISTS).sheet_state = "hidden"
    lists = workbook[LISTS]
    place = get_column_letter(len(sheet.data_validations.dataValidation) + 1)  # a column of its own for each list
    for row, value in enumerate(values, 1):
        lists[f"{place}{row}"] = str(value)
    offered = DataValidation(
        type="list",
        formula1=f"'{LISTS}'!${place}$1:${place}${len(values)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=str(_("Không có trong danh sách")),
        error=str(_("Chọn một giá trị trong danh sách của cột này.")),
    )
    offered.add(f"{column}2:{column}{OFFERED_ROWS}")
    sheet.add_data_validation(offered)


def safe_cell(value: Value) -> Value | str:
    """Text that a spreadsheet would run as a formula, quoted so it stays text.

    openpyxl's string data type alone is not enough: the file is opened and
    saved again by people, and the text becomes a formula on the way.
    """
    if not isinstance(value, str):
        return value
    # Word's line and page breaks become line breaks; other control characters cannot be stored in a cell.
    value = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    if value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


def attachment(filename: str, mimetype: str, content: bytes, *, shown: bool = False) -> HttpResponse:
    """A file to save, as every export renders it: (filename, mimetype, bytes); ``shown``, one the browser shows in
    place, under the same name if saved from there.

    Its name goes through Django's quoting: a quote in it stays in the name, and a Vietnamese letter ("ĐU" of a
    document number) is sent as RFC 6266's ``filename*=utf-8''…``, which browsers read.
    """
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(as_attachment=not shown, filename=filename)
    return response
