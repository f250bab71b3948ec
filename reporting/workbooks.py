"""Tables of a report's workbook, typed as a spreadsheet user expects them.

Numbers are numbers, rates are fractions shown with a percent format, dates
are dates; text that a spreadsheet would run as a formula keeps the cell's
quote prefix (no visible apostrophe); a table may end with a totals row of
SUM formulas, so the sheet adds up to the report's own figures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from reporting.exports import FORMULA_TRIGGERS, safe_cell

PERCENT = "0.0%"
DATE = "DD/MM/YYYY"
DATETIME = "DD/MM/YYYY HH:MM"
HIGHLIGHT = PatternFill("solid", fgColor="FDE8E8")


@dataclass(frozen=True)
class Rate:
    """A participation rate in percent (96.3), written as the fraction 0.963 in a percent format."""

    percent: Decimal | None


@dataclass(frozen=True)
class Total:
    """A column's total: the SUM of the column, or the ratio of two columns' totals (a rate)."""

    of: str = "sum"  # "sum" or "ratio"
    numerator: int = 0  # for a ratio: the columns (0-based) whose totals it divides
    denominator: int = 0
    only_where: tuple[int, str] | None = None  # a sum of the rows whose column (0-based) reads this text


def table(sheet, title, headers: list, rows: list[list], *, totals: dict[int, Total] | None = None, marked=()):
    """The sheet as one table: bold headers, frozen, typed cells; ``marked`` rows (0-based) highlighted."""
    sheet.title = str(title)
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for n, values in enumerate(rows):
        write_row(sheet, values, fill=HIGHLIGHT if n in marked else None)
    if totals and rows:
        _totals_row(sheet, len(headers), totals, last=len(rows) + 1)
    sheet.column_dimensions["B"].width = 50


def write_row(sheet, values: list, *, fill=None) -> None:
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    for column, value in enumerate(values, 1):
        cell = sheet.cell(row=row, column=column)
        _put(cell, value)
        if fill is not None:
            cell.fill = fill


def _put(cell, value) -> None:
    if isinstance(value, Rate):
        cell.value = None if value.percent is None else float(value.percent) / 100
        cell.number_format = PERCENT
    elif isinstance(value, datetime.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE
    elif isinstance(value, str):
        text = safe_cell(value).removeprefix("'") if value.startswith(FORMULA_TRIGGERS) else safe_cell(value)
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = text.startswith(FORMULA_TRIGGERS)
    else:
        cell.value = value


def _totals_row(sheet, width: int, totals: dict[int, Total], *, last: int) -> None:
    row = last + 1
    label = sheet.cell(row=row, column=1 if 0 not in totals else width + 1, value=_("Tổng cộng"))
    label.font = Font(bold=True)
    for column, total in totals.items():
        letter = get_column_letter(column + 1)
        cell = sheet.cell(row=row, column=column + 1)
        if total.of == "ratio":
            top, bottom = (f"{get_column_letter(c + 1)}{row}" for c in (total.numerator, total.denominator))
            cell.value = f'=IF({bottom}=0,"",{top}/{bottom})'
            cell.number_format = PERCENT
        elif total.only_where:
            column_of, text = total.only_where
            where = get_column_letter(column_of + 1)
            cell.value = f'=SUMIF({where}2:{where}{last},"{text}",{letter}2:{letter}{last})'
        else:
            cell.value = f"=SUM({letter}2:{letter}{last})"
        cell.font = Font(bold=True)


def summary(sheet, title, heading: list[str], lines: list[tuple[str, object, str]]) -> None:
    """A label | value | unit sheet under a heading of a few lines."""
    sheet.title = str(title)
    for text in heading:
        write_row(sheet, [text])
    sheet["A1"].font = Font(bold=True)
    write_row(sheet, [_("Chỉ tiêu"), _("Số liệu"), _("Đơn vị tính")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for label, value, unit in lines:
        write_row(sheet, [label, value, unit])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["C"].width = 16
