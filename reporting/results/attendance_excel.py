"""A conference's attendance in Excel: the template (one row per unit of the grid, filled with what is stored)
and its import, all or nothing, through the grid's own save (versions, frozen figures, history)."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from conferences.figure_rules import ATTENDANCE_RULES, figure_problems
from conferences.freezing import AttendanceFrozen
from conferences.models import Committee, Conference
from conferences.selectors import attendance_grid_rows
from conferences.services import ATTENDANCE_FIELDS, SITE_FIELDS, GridRow, attendance_grid_save
from conferences.versioning import EditConflict
from reporting.exports import XLSX_MIMETYPE, safe_cell, xlsx_bytes
from reporting.figures.formatting import format_number
from reporting.results.import_reading import CellError, ImportRejected, is_blank, read_table, unit_label, whole_number
from reporting.results.upload_limits import SheetFile

CODE, NAME, SITE = "Mã đơn vị", "Tên đơn vị", "Điểm cầu"
# Each figure's column, in the grid's order.
COLUMNS = {
    "party_members_expected": "Đảng viên được triệu tập",
    "party_members_attended": "Đảng viên tham dự",
    "non_members_expected": "CB-CC-VC-NLĐ chưa là đảng viên được triệu tập",
    "non_members_attended": "CB-CC-VC-NLĐ chưa là đảng viên tham dự",
    "others": "Thành phần khác tham dự",
}
HEADERS = (CODE, NAME, SITE, *COLUMNS.values())


def _units(conference: Conference, committees: QuerySet[Committee]) -> list[GridRow]:
    """The grid's rows that hold a unit's attendance (a unit's second site has no figures of its own)."""
    return [row for row in attendance_grid_rows(conference=conference, committees=committees) if row.records_attendance]


def attendance_template(conference: Conference, committees: QuerySet[Committee]) -> tuple[str, str, bytes]:
    """(filename, mimetype, content) of the template, each unit's stored figures filled in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tham dự")
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _units(conference, committees):
        stored = [getattr(row.attendance, field) if row.attendance else None for field in COLUMNS]
        sheet.append([safe_cell(row.unit.code), safe_cell(row.unit.name), safe_cell(str(row.site or "")), *stored])
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 30
    filename = f"tham-du-{slugify(conference.campaign.code)}-{conference.pk}.xlsx"
    return filename, XLSX_MIMETYPE, xlsx_bytes(workbook)


def import_attendance(file: SheetFile, conference: Conference, committees: QuerySet[Committee]) -> int:
    """Every row or none; returns how many units changed. ImportRejected names each error's row, unit and
    column; a row of a unit whose attendance a signed report counted refuses the file."""
    units = {row.unit.code: row for row in _units(conference, committees)}
    figures, errors = _checked(read_table(file, HEADERS), units)
    if errors:
        raise ImportRejected(errors)
    if not figures:
        raise ImportRejected([CellError(None, None, _("Tệp không có dòng số liệu nào để nhập."))])
    try:
        return attendance_grid_save(conference=conference, rows=[_grid_data(units[code], f) for code, f in figures])
    except (AttendanceFrozen, EditConflict) as refused:
        raise ImportRejected([CellError(None, None, str(refused))]) from None


def _checked(rows: Iterable[tuple[int, dict]], units: dict[str, GridRow]) -> tuple[list, list[CellError]]:
    """The rows with figures as (code, figures), and what is wrong with the others."""
    figures, errors, seen = [], [], {}
    for number, cells in rows:
        if all(is_blank(cells[column]) for column in COLUMNS.values()):
            continue
        code = "" if is_blank(cells[CODE]) else str(cells[CODE]).strip()
        row = units.get(code)
        if row is None or code in seen:
            message = (
                _("Mã đơn vị “%(code)s” đã có ở dòng %(row)s.") % {"code": code, "row": seen[code]}
                if code in seen
                else _("Mã đơn vị “%(code)s” không có trong hội nghị này.") % {"code": code}
            )
            errors.append(CellError(number, CODE, message))
            continue
        seen[code] = number
        values, problems = _figures(cells)
        errors += [CellError(number, column, message, unit_label(row.unit)) for column, message in problems]
        if not problems:
            figures.append((code, values))
    return figures, errors


def _figures(cells: dict) -> tuple[dict[str, int], list[tuple[str, str]]]:
    values, problems = {}, []
    for field, column in COLUMNS.items():
        try:
            values[field] = whole_number(cells[column])
        except ValueError as error:
            problems.append((column, str(error)))
    for problem in figure_problems(values, ATTENDANCE_RULES):
        bound = COLUMNS[problem.rule.bound[0]]
        limit = format_number(problem.limit)
        message = _("Không được lớn hơn “%(bound)s” (%(value)s).") % {"bound": bound, "value": limit}
        problems.append((COLUMNS[problem.field], message))
    return values, problems


def _grid_data(row: GridRow, figures: dict[str, int]) -> tuple[GridRow, dict]:
    """The grid row as if typed: the stored versions (an import is no conflict) and its site's fields kept."""
    site = row.conference_site
    data = {
        **{field: figures[field] for field in ATTENDANCE_FIELDS},
        "version": row.attendance.version if row.attendance else 0,
        "site_version": site.version if site else None,
        **({field: getattr(site, field) for field in SITE_FIELDS} if site else {}),
    }
    return row, data
