"""The committee tree in Excel: the template filled with a subtree, and its import, all or nothing.

A row whose code is stored updates that committee (names, kind, locality, member counts change every year);
a new code is created under its "Mã cấp trên", which may be stored or a row further down the file. Every error
is told at once by row and unit name, a long cell quoted cut short. The preview shows what an import will change;
each change saved is in the committee's history (who, when, old → new), which the import page lists.
"""

import re
from dataclasses import dataclass, field
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conferences.freezing import units_frozen
from conferences.models import Committee
from reporting.exports import XLSX_MIMETYPE, sheet_bytes
from reporting.models import Report
from reporting.results.import_reading import (
    CellError,
    ImportRejected,
    checked_table,
    day_or_none,
    is_blank,
    read_cells,
    shortened,
    whole_number,
)
from reporting.results.upload_limits import MAX_CODE_CHARS, SheetFile

CODE, NAME, SHORT_NAME, PARENT = "Mã đơn vị", "Tên đơn vị", "Tên ngắn", "Mã cấp trên"
KIND, LOCALITY, PRINTED_NAME = "Loại", "Đơn vị hành chính", "Tên in trên văn bản"
MEMBERS, NON_MEMBERS = "Số đảng viên", "Số CB-CC-VC-NLĐ chưa là đảng viên"
ESTABLISHED, DISSOLVED = "Thành lập từ ngày", "Giải thể, sáp nhập từ ngày"
HEADERS = (CODE, NAME, SHORT_NAME, PARENT, KIND, LOCALITY, PRINTED_NAME, MEMBERS, NON_MEMBERS, ESTABLISHED, DISSOLVED)
# A sheet may leave the dates out: its units keep theirs.
OPTIONAL = (ESTABLISHED, DISSOLVED)
# What a row sets on its committee, by field, with its column.
COLUMNS = {
    "name": NAME,
    "short_name": SHORT_NAME,
    "kind": KIND,
    "locality": LOCALITY,
    "printed_name": PRINTED_NAME,
    "party_members": MEMBERS,
    "non_member_staff": NON_MEMBERS,
    "established_on": ESTABLISHED,
    "dissolved_on": DISSOLVED,
}
# Text columns: (longest, required).
TEXTS = {"name": (200, True), "short_name": (100, False), "printed_name": (200, False)}
COUNTS = ("party_members", "non_member_staff")
DATES = ("established_on", "dissolved_on")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# How deep the tree goes: each level takes ``steplen`` characters of the materialized path (63 levels).
MAX_DEPTH = Committee._meta.get_field("path").max_length // Committee.steplen


@dataclass
class TreeRow:
    number: int
    code: str
    parent_code: str
    values: dict[str, object]
    # The stored committee this row updates; None for a new one.
    unit: Committee | None = None
    # For a new row: its stored parent, if the parent is not a row of the file.
    parent: Committee | None = None
    # For a stored one: field -> (stored, in the file), only what differs.
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    def change_lines(self) -> list[tuple[str, object, object]]:
        """(column, old, new) as the preview shows them, labels in place of stored kinds and localities."""
        return [
            (COLUMNS[name], _blank_shown(name, old), _blank_shown(name, new))
            for name, (old, new) in self.changes.items()
        ]

    def shown(self) -> dict[str, object]:
        return {name: _shown(name, value) for name, value in self.values.items()}


@dataclass
class TreePlan:
    # Parents before their children.
    created: list[TreeRow]
    updated: list[TreeRow]
    unchanged: int

    @property
    def changes_nothing(self) -> bool:
        return not self.created and not self.updated


def _blank_shown(name: str, value: object) -> object:
    """As ``_shown``, an empty value as "—", as the history shows it."""
    shown = _shown(name, value)
    return "—" if shown == "" else shown


def _shown(name: str, value: object) -> object:
    if name in DATES:
        return date_format(value, "d/m/Y") if value else ""
    if name == "kind":
        return str(Committee.Kind(value).label)
    if name == "locality":
        return str(Committee.Locality(value).label) if value else ""
    return value


def committee_template(committees: QuerySet[Committee]) -> tuple[str, str, bytes]:
    """(filename, mimetype, content): the template filled with ``committees``, parents first; imported back
    unchanged it changes nothing."""
    units = list(committees.order_by("path"))
    parent_paths = {unit.path[: -unit.steplen] for unit in units if unit.depth > 1}
    codes = dict(Committee.objects.filter(path__in=parent_paths).values_list("path", "code"))
    rows = (
        [
            unit.code,
            unit.name,
            unit.short_name,
            codes.get(unit.path[: -unit.steplen], ""),
            _shown("kind", unit.kind),
            _shown("locality", unit.locality),
            unit.printed_name,
            unit.party_members,
            unit.non_member_staff,
            unit.established_on,
            unit.dissolved_on,
        ]
        for unit in units
    )
    widths = (24, 36, 18, 24, 24, 16, 36, 14, 14, 18, 24)
    choices = {
        KIND: [str(label) for label in Committee.Kind.labels],
        LOCALITY: [str(label) for value, label in Committee.Locality.choices if value],
    }
    return "cay-cap-uy.xlsx", XLSX_MIMETYPE, sheet_bytes(_("Cấp ủy"), HEADERS, rows, widths, choices=choices)


def committee_import(file: SheetFile, *, scope: Committee | None, dry_run: bool = False) -> TreePlan:
    """What the file creates and updates under ``scope`` (None: the whole tree), written unless ``dry_run``;
    ImportRejected lists every error and nothing is written."""
    try:
        with transaction.atomic():
            plan = committee_import_plan(file, scope=scope)
            if not dry_run:
                _apply(plan)
    except IntegrityError:
        # Another upload created one of these codes, or a unit in the same place, since the file was checked.
        message = _("Có đơn vị vừa được tạo trong lúc nhập: chưa nhập gì, tải tệp lên lại.")
        raise ImportRejected([CellError(None, None, message)]) from None
    return plan


def committee_import_plan(file: SheetFile, *, scope: Committee | None) -> TreePlan:
    return checked_table(file, HEADERS, lambda rows: _Checker(rows, scope), optional=OPTIONAL)


class _Checker:
    """Reads every row against the stored tree and the other rows, keeping every error."""

    def __init__(self, rows: list[tuple[int, dict]], scope: Committee | None) -> None:
        self.rows, self.scope, self.errors = rows, scope, []
        self.file_codes = {_text(cells[CODE]) for _number, cells in rows}
        wanted = self.file_codes | {_text(cells[PARENT]) for _number, cells in rows}
        self.stored = {unit.code: unit for unit in Committee.objects.filter(code__in=wanted - {""})}
        parent_paths = {unit.path[: -unit.steplen] for unit in self.stored.values() if unit.depth > 1}
        self.parent_codes = dict(Committee.objects.filter(path__in=parent_paths).values_list("path", "code"))
        self.signed = SignedReports.stored()
        self.file_parents = {_text(cells[CODE]): _text(cells[PARENT]) for _number, cells in rows}

    def plan(self) -> TreePlan:
        first_rows: dict[str, int] = {}
        created, updated, unchanged = {}, [], 0
        for number, cells in self.rows:
            row = self._row(number, cells, first_rows)
            if row is None:
                continue
            if row.unit is None:
                created[row.code] = row
            elif row.changes:
                updated.append(row)
            else:
                unchanged += 1
        return TreePlan(created=self._parents_first(created), updated=updated, unchanged=unchanged)

    def _error(self, number: int, cells: dict, message: str, column: str | None = None) -> None:
        label = _text(cells[NAME]) or _text(cells[CODE])
        self.errors.append(CellError(number, column, message, unit=shortened(label) or None))

    def _row(self, number: int, cells: dict, first_rows: dict[str, int]) -> TreeRow | None:
        code, parent_code = _text(cells[CODE]), _text(cells[PARENT])
        values, problems = _values(cells)
        unit = self.stored.get(code)
        problems += _lifetime_problems(values, unit)
        code_problem = self._code_problem(code, first_rows.get(code))
        first_rows.setdefault(code, number)
        parent_problem = None if code_problem else self._parent_problem(code, parent_code, unit)
        for column, message in ((CODE, code_problem), (PARENT, parent_problem)):
            if message:
                self._error(number, cells, message, column)
        for column, message in problems:
            self._error(number, cells, message, column)
        if code_problem or parent_problem or problems:
            return None
        row = TreeRow(number, code, parent_code, values, unit=unit, parent=self.stored.get(parent_code))
        if unit is not None:
            if not values["printed_name"]:
                values["printed_name"] = unit.printed_name
            row.changes = {k: (getattr(unit, k), v) for k, v in values.items() if getattr(unit, k) != v}
        elif not values["printed_name"]:
            values["printed_name"] = str(values["name"]).upper()
        if reason := _units_refused(row, self.signed, self._stored_above(parent_code)):
            changed = [name for name in DATES if name in row.changes] or ["established_on"]
            self._error(number, cells, reason, COLUMNS[changed[0]])
            return None
        return row

    def _stored_above(self, parent_code: str) -> Committee | None:
        """The stored committee a new row will stand under: its parent, or the first stored one above the new rows
        of the file it is under (whose dates a signed report of that committee's line counted as well)."""
        for _step in range(MAX_DEPTH + 1):  # a loop of rows is an error of its own, told elsewhere
            if parent_code in self.stored:
                return self.stored[parent_code]
            parent_code = self.file_parents.get(parent_code, "")
        return None

    def _code_problem(self, code: str, first_row: int | None) -> str | None:
        if not code:
            return _("Chưa có mã đơn vị.")
        if len(code) > MAX_CODE_CHARS or not SLUG.fullmatch(code):
            return _(
                "Mã đơn vị “%(code)s” chỉ được gồm chữ cái không dấu, chữ số, dấu gạch ngang và gạch dưới, "
                "tối đa %(limit)d ký tự."
            ) % {"code": shortened(code), "limit": MAX_CODE_CHARS}
        if first_row is not None:
            return _("Mã đơn vị “%(code)s” đã có ở dòng %(row)s.") % {"code": shortened(code), "row": first_row}
        unit = self.stored.get(code)
        if unit is not None and not self._in_scope(unit):
            return _("Mã đơn vị “%(code)s” là của một đơn vị không thuộc %(scope)s.") % {
                "code": shortened(code),
                "scope": self.scope.name,
            }
        return None

    def _parent_problem(self, code: str, parent_code: str, unit: Committee | None) -> str | None:
        if unit is not None:
            stored_parent = self.parent_codes.get(unit.path[: -unit.steplen], "")
            if parent_code != stored_parent:
                return _(
                    "Đơn vị đang thuộc cấp trên “%(stored)s”, tệp ghi “%(given)s”: không chuyển cấp trên bằng tệp."
                ) % {"stored": stored_parent, "given": shortened(parent_code)}
            return None
        if not parent_code:
            return _("Chưa có mã cấp trên.") if self.scope is not None else None
        if parent_code == code:
            return _("Mã cấp trên không được trùng mã đơn vị.")
        parent = self.stored.get(parent_code)
        known = parent_code in self.file_codes if parent is None else self._in_scope(parent)
        if known:
            return None
        if self.scope is None:
            message = _("Mã cấp trên “%(code)s” không có trong cây và không có trong tệp.")
            return message % {"code": shortened(parent_code)}
        # Unknown or another district's, in the same words: whether a code exists elsewhere is not told here.
        message = _("Mã cấp trên “%(code)s” không có trong cây của %(scope)s, cũng không có trong tệp.")
        return message % {"code": shortened(parent_code), "scope": self.scope.name}

    def _in_scope(self, unit: Committee) -> bool:
        return self.scope is None or unit.path.startswith(self.scope.path)

    def _parents_first(self, created: dict[str, TreeRow]) -> list[TreeRow]:
        """New rows ordered so each comes after its parent; a row deeper than the tree goes, and rows whose parents
        loop or were refused, are errors (at most MAX_DEPTH rounds: a row too deep is not placed)."""
        ordered: list[TreeRow] = []
        depths = {code: unit.depth for code, unit in self.stored.items()}
        waiting = list(created.values())
        while waiting:
            ready = [row for row in waiting if row.parent_code in depths or not row.parent_code]
            if not ready:
                break
            waiting = [row for row in waiting if row.parent_code and row.parent_code not in depths]
            for row in ready:
                depth = depths.get(row.parent_code, 0) + 1
                if depth > MAX_DEPTH:
                    self._row_error(row, _("Cây quá sâu: tối đa %(levels)d cấp.") % {"levels": MAX_DEPTH})
                else:
                    depths[row.code] = depth
                    ordered.append(row)
        message = _("Mã cấp trên “%(code)s” không tạo được: dòng của nó có lỗi hoặc các dòng tạo thành vòng lặp.")
        for row in waiting:
            self._row_error(row, message % {"code": shortened(row.parent_code)})
        return ordered

    def _row_error(self, row: TreeRow, message: str) -> None:
        """An error of a row's place in the tree: its "Mã cấp trên"."""
        self.errors.append(CellError(row.number, PARENT, message, unit=shortened(str(row.values["name"]))))


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _values(cells: dict) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """The row's fields that are right, and (column, message) for the others."""
    readers = {name: (column, partial(_value, name)) for name, column in COLUMNS.items()}
    return read_cells(cells, readers)


def _lifetime_problems(values: dict[str, object], unit: Committee | None) -> list[tuple[str, str]]:
    """The unit's dissolution after its establishment, with the stored date where the sheet leaves one out."""
    dates = [values.get(name, getattr(unit, name, None)) for name in DATES]
    if all(dates) and dates[1] <= dates[0]:
        return [(DISSOLVED, _("Ngày giải thể, sáp nhập phải sau ngày thành lập."))]
    return []


@dataclass(frozen=True)
class SignedReports:
    """The committees whose units a signed report counted: only a unit under one of them is asked any further."""

    on_campaigns: frozenset[str]  # paths of committees with a signed report on a campaign: their own units
    over_periods: frozenset[str]  # paths of committees with a signed term report: every unit of their subtree

    @classmethod
    def stored(cls) -> "SignedReports":
        signed = list(Report.objects.filter(status=Report.Status.SIGNED).values_list("committee__path", "campaign"))
        return cls(
            on_campaigns=frozenset(path for path, campaign in signed if campaign is not None),
            over_periods=frozenset(path for path, campaign in signed if campaign is None),
        )

    def count_units_of(self, path: str | None) -> bool:
        if path is None:
            return False
        return path in self.on_campaigns or any(path.startswith(top) for top in self.over_periods)


def _units_refused(row: TreeRow, signed: SignedReports, above: Committee | None) -> str:
    """Why the row cannot add its unit to a stored committee's units, or change its dates there, or '': a signed
    report counted that committee's units. A new row under new rows is asked as if directly under ``above``."""
    after = Committee(**{name: row.values.get(name, getattr(row.unit, name, None)) for name in DATES})
    parent, before = (row.unit.parent_path, row.unit) if row.unit is not None else (getattr(above, "path", None), None)
    asked = signed.count_units_of(parent) or (before is not None and before.path in signed.over_periods)
    return units_frozen(parent, before, after) if asked else ""


def _value(name: str, value: object) -> object:
    if name in DATES:
        return day_or_none(value)
    if name in COUNTS:
        return whole_number(value)
    if name == "kind":
        return _choice(value, Committee.Kind, blank_ok=False)
    if name == "locality":
        return _choice(value, Committee.Locality, blank_ok=True)
    text, (longest, required) = _text(value), TEXTS[name]
    if required and not text:
        raise ValueError(_("Chưa có tên đơn vị."))
    if len(text) > longest:
        raise ValueError(_("Dài quá %(limit)d ký tự.") % {"limit": longest})
    return text


def _choice(value: object, choices, *, blank_ok: bool) -> str:
    """A stored choice from its label as users see it ("Đảng bộ cơ sở", "xã"), whatever its case and spacing."""
    text = " ".join(_text(value).split())
    if not text and blank_ok:
        return ""
    labels = {str(label).casefold(): stored for stored, label in choices.choices}
    if text.casefold() in labels:
        return labels[text.casefold()]
    accepted = ", ".join(f"“{label}”" for _stored, label in choices.choices)
    if not text:
        raise ValueError(_("Chưa ghi; chọn một trong: %(accepted)s.") % {"accepted": accepted})
    message = _("“%(value)s” không có trong danh sách; chọn một trong: %(accepted)s.")
    raise ValueError(message % {"value": shortened(text), "accepted": accepted})


def _apply(plan: TreePlan) -> None:
    new_units: dict[str, Committee] = {}
    for row in plan.created:
        parent = new_units.get(row.parent_code) or row.parent
        fields = {"code": row.code, **row.values}
        new_units[row.code] = (
            Committee.objects.add_child(parent, fields) if parent else Committee.objects.add_root(fields)
        )
    for row in plan.updated:
        for name, (_old, new) in row.changes.items():
            setattr(row.unit, name, new)
        row.unit.save(update_fields=list(row.changes))
