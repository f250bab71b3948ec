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
from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # characters a spreadsheet cell holds

Value = TypeVar("Value")


class Exporter(ABC):
    identifier: str
    verbose_name: str | Promise

    @abstractmethod
    def render(self) -> tuple[str, str, bytes]:
        """(filename, mimetype, content) of the export."""


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_bytes(title: str, headers: Sequence, rows: Iterable[Sequence], widths: Sequence[int]) -> bytes:
    """One sheet to fill in and upload back: its header row bold, text kept as text, the columns ``widths`` wide."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
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


def attachment(filename: str, mimetype: str, content: bytes) -> HttpResponse:
    """A file to save, as every export renders it: (filename, mimetype, bytes).

    Its name goes through Django's quoting: a quote in it stays in the name, and a Vietnamese letter ("ĐU" of a
    document number) is sent as RFC 6266's ``filename*=utf-8''…``, which browsers read.
    """
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
