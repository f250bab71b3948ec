"""What an Excel file of results would do, shown before anything is written.

Each row is new (the unit has no result), a change (figures or status of a
result not yet accepted), a replacement of an accepted result (applied only
when staff choose it), or unchanged (an accepted result with the very same
figures, left alone). Rows that change something carry their plausibility
warnings. A row that would change figures a signed report counted is an
error, and the file is refused as a whole.

The preview is built in a fixed number of queries, whatever the rows, and
kept as JSON (``ResultImport.rows``) until staff confirm it.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conferences.models import Campaign, Committee
from reporting.figures.formatting import format_number
from reporting.models import Report, UnitResult
from reporting.models.locks import lock_covering, lock_message, locks_under
from reporting.results.checks import Comparison, comparisons_for, figure_warnings
from reporting.results.import_outreach import stored_outreach
from reporting.results.import_reading import CellError, ImportRejected, ValidRow, read_rows, unit_label
from reporting.results.template import CONFERENCE_KIND_COLUMNS, CONFERENCES, FIGURE_COLUMNS, OUTREACH_FIELDS
from reporting.results.upload_limits import SheetFile

HEADERS_BY_FIELD = {column.field: column.header for column in FIGURE_COLUMNS}
# A result's own figures as the template has them, and its other conferences; its organisations' are rows apart.
STORED_FIELDS = [
    *(column.field for column in FIGURE_COLUMNS if column.field not in OUTREACH_FIELDS),
    "conferences_other",
]
HELD_NONE = dict.fromkeys(OUTREACH_FIELDS, 0)
# The kinds of conference a file may give; "other" is what is left of their number.
CONFERENCE_KINDS = tuple(column.field for column in CONFERENCE_KIND_COLUMNS)
OTHER_CONFERENCES = gettext_lazy("Hội nghị hình thức khác")


class RowKind(models.TextChoices):
    NEW = "new", gettext_lazy("Mới")
    CHANGED = "changed", gettext_lazy("Thay đổi")
    REPLACES_ACCEPTED = "replaces_accepted", gettext_lazy("Thay kết quả đã tiếp nhận")
    UNCHANGED = "unchanged", gettext_lazy("Không đổi")


@dataclass(frozen=True)
class FigureChange:
    label: str
    before: int | None  # None: a draft left it empty
    after: int

    def __str__(self) -> str:
        """'Đảng viên tham gia: 340 → 337', or '— → 337' for a figure a draft left empty."""
        before = "—" if self.before is None else format_number(self.before)
        return f"{self.label}: {before} → {format_number(self.after)}"


@dataclass(frozen=True)
class PreviewRow:
    number: int
    unit_id: int
    # "code — name"
    unit: str
    figures: dict[str, int]
    kind: str
    # The result as the preview found it: confirming refuses if it moved on since.
    result_id: int | None = None
    version: int | None = None
    status: str = ""
    changes: tuple[FigureChange, ...] = ()
    # As stored on the result once confirmed: {"field", "label", "message"}.
    warnings: tuple[dict[str, str], ...] = ()

    @property
    def heading(self) -> str:
        """'Dòng 5 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng)'."""
        return _("Dòng %(row)s (%(unit)s)") % {"row": self.number, "unit": self.unit}

    @property
    def status_label(self) -> str:
        return str(UnitResult.Status(self.status).label) if self.status else ""

    @property
    def figure_lines(self) -> list[str]:
        """'Tổng số đảng viên: 1.234', for a new unit's figures, in the template's order (a kept preview comes back
        from PostgreSQL's jsonb with its keys reordered)."""
        return [
            f"{header}: {format_number(self.figures[name])}"
            for name, header in HEADERS_BY_FIELD.items()
            if name in self.figures
        ]

    @property
    def warning_lines(self) -> list[str]:
        return [str(CellError(self.number, w["label"], w["message"], unit=self.unit)) for w in self.warnings]

    @property
    def writes(self) -> bool:
        return self.kind != RowKind.UNCHANGED

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "unit_id": self.unit_id,
            "unit": self.unit,
            "figures": self.figures,
            "kind": self.kind,
            "result_id": self.result_id,
            "version": self.version,
            "status": self.status,
            "changes": [[change.label, change.before, change.after] for change in self.changes],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PreviewRow":
        return cls(
            **{
                **data,
                "changes": tuple(FigureChange(*change) for change in data["changes"]),
                "warnings": tuple(data["warnings"]),
            }
        )


@dataclass(frozen=True)
class ImportPreview:
    rows: list[PreviewRow]
    # Units listed without any figure.
    skipped: int = 0

    def of_kind(self, kind: str) -> list[PreviewRow]:
        return [row for row in self.rows if row.kind == kind]

    @property
    def new(self) -> list[PreviewRow]:
        return self.of_kind(RowKind.NEW)

    @property
    def changed(self) -> list[PreviewRow]:
        return self.of_kind(RowKind.CHANGED)

    @property
    def replacing(self) -> list[PreviewRow]:
        return self.of_kind(RowKind.REPLACES_ACCEPTED)

    @property
    def unchanged(self) -> list[PreviewRow]:
        return self.of_kind(RowKind.UNCHANGED)

    @property
    def warned(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.warnings]

    def summary(self) -> str:
        return _(
            "Tệp có %(rows)d dòng số liệu: %(new)d mới, %(changed)d thay đổi, "
            "%(replacing)d thay kết quả đã tiếp nhận, %(unchanged)d không đổi; %(skipped)d dòng trống bỏ qua."
        ) % {
            "rows": len(self.rows),
            "new": len(self.new),
            "changed": len(self.changed),
            "replacing": len(self.replacing),
            "unchanged": len(self.unchanged),
            "skipped": self.skipped,
        }

    def as_json(self) -> list[dict[str, Any]]:
        return [row.as_json() for row in self.rows]

    @classmethod
    def from_json(cls, rows: list[dict[str, Any]], *, skipped: int) -> "ImportPreview":
        return cls(rows=[PreviewRow.from_json(row) for row in rows], skipped=skipped)


def import_preview(*, file: SheetFile, campaign: Campaign, committee: Committee) -> ImportPreview:
    """What importing ``file`` would do, without writing anything; raises ImportRejected (six queries)."""
    reading = read_rows(file, committee=committee)
    units = {row.unit.pk: row.unit for row in reading.rows}
    results = {result.unit_id: result for result in UnitResult.objects.filter(campaign=campaign, unit_id__in=units)}
    for result in results.values():
        # Read with the file's rows already: a lock is found by the unit's path.
        result.unit = units[result.unit_id]
    # Each figure's header, translated once for all rows.
    labels = {
        **{name: str(header) for name, header in HEADERS_BY_FIELD.items()},
        "conferences_other": str(OTHER_CONFERENCES),
    }
    refuse_not_asked(
        campaign, [(row.number, unit_label(row.unit), row.unit, results.get(row.unit.pk)) for row in reading.rows]
    )
    outreach = stored_outreach(campaign, committee)
    rows = [_compared(row, results.get(row.unit.pk), labels=labels, outreach=outreach) for row in reading.rows]
    _refuse_locked(rows, results, locks_under(campaign=campaign, committee=committee))
    writing = [row.unit for row, preview in zip(reading.rows, rows, strict=True) if preview.writes]
    comparisons = comparisons_for(campaign, writing)
    return ImportPreview(
        rows=[_warned(row, comparisons[row.unit_id], labels=labels) if row.writes else row for row in rows],
        skipped=reading.skipped,
    )


def spread_conferences(result: UnitResult, *, total: int, given: dict[str, int]) -> dict[str, int]:
    """The kinds of conference the file gives (no more than the total, as read), the stored ones for the others
    if they still fit; the rest is "other"."""
    known = {field: given.get(field, getattr(result, field) or 0) for field in CONFERENCE_KINDS}
    if sum(known.values()) > total:
        known = {field: given.get(field, 0) for field in CONFERENCE_KINDS}
    return {**known, "conferences_other": total - sum(known.values())}


def _stored_figures(result: UnitResult, outreach: dict[int, dict[str, int]]) -> dict[str, int | None]:
    """The result's figures as the template has them (0 for an organisation without a row: it held none, as the
    figures read it), and its other conferences."""
    return {**HELD_NONE, **outreach.get(result.pk, {}), **{field: getattr(result, field) for field in STORED_FIELDS}}


def _compared(
    row: ValidRow, result: UnitResult | None, *, labels: dict[str, str], outreach: dict[int, dict[str, int]]
) -> PreviewRow:
    unit = {"number": row.number, "unit_id": row.unit.pk, "unit": unit_label(row.unit), "figures": row.figures}
    if result is None:
        return PreviewRow(**unit, kind=RowKind.NEW)
    before = _stored_figures(result, outreach)
    # What confirming writes, the kinds of conference a smaller number leaves included.
    written = {**row.figures, **spread_conferences(result, total=row.figures[CONFERENCES.field], given=row.figures)}
    changes = tuple(
        FigureChange(labels[name], before[name], after) for name, after in written.items() if before[name] != after
    )
    if result.status != UnitResult.Status.ACCEPTED:
        kind = RowKind.CHANGED
    else:
        kind = RowKind.REPLACES_ACCEPTED if changes else RowKind.UNCHANGED
    return PreviewRow(
        **unit, kind=kind, result_id=result.pk, version=result.version, status=result.status, changes=changes
    )


def refuse_not_asked(campaign: Campaign, entries: list[tuple[int, str, Committee, UnitResult | None]]) -> None:
    """No row may make a result for a unit that did not exist while the campaign ran (unless its result was sent
    before the unit was dated away). ``entries``: (row, unit as the row names it, unit, its stored result)."""
    errors = [
        CellError(number, None, reason, unit=label)
        for number, label, unit, result in entries
        if not (result is not None and result.was_sent) and (reason := campaign.not_asked(unit))
    ]
    if errors:
        raise ImportRejected(errors)


def _refuse_locked(rows: list[PreviewRow], results: dict[int, UnitResult], locks: list[Report]) -> None:
    """A row may not change figures a signed report counted: the file is refused, naming the report."""
    errors = [
        CellError(row.number, None, lock_message(report), unit=row.unit)
        for row in rows
        if row.writes and row.result_id and (report := lock_covering(locks, results[row.unit_id]))
    ]
    if errors:
        raise ImportRejected(errors)


def _warned(row: PreviewRow, comparison: Comparison, *, labels: dict[str, str]) -> PreviewRow:
    # The organisations' figures are checked on their own (import_reading); these warnings are the result's.
    own = {field: value for field, value in row.figures.items() if field not in OUTREACH_FIELDS}
    warnings = figure_warnings(own, comparison)
    return replace(row, warnings=tuple(w.as_dict(label=labels[w.field]) for w in warnings))
