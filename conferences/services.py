"""Writes for what happens: campaigns, conferences, attendance."""

import datetime
import secrets
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _lazy

from conferences.document_types import DocumentType
from conferences.freezing import campaign_frozen, conference_frozen, refuse, refuse_if_frozen
from conferences.models import Attendance, Campaign, Committee, Conference, ConferenceSite, DirectingDocument, VideoSite
from conferences.versioning import EditConflict, locked_current, versioned_save

SITE_FIELDS = ("line_test", "sound_lost", "picture_lost", "incident_note")
ATTENDANCE_FIELDS = (
    "party_members_expected",
    "party_members_attended",
    "non_members_expected",
    "non_members_attended",
    "others",
)


@dataclass(frozen=True)
class Plan:
    """The committee's own directing plan, as typed on the campaign form."""

    number: str
    issued_on: datetime.date
    subject: str


# Letters and digits no one misreads (no 0/o, 1/l/i).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def campaign_code(data: dict[str, Any]) -> str:
    """The code in a campaign's links: its short name as a slug, and four random characters.

    Made, never typed: a code someone chooses could be refused as taken, telling
    one district what another uses; four random characters make a clash rare,
    and one is drawn again.
    """
    name = (data.get("short_name") or data["name"]).replace("đ", "d").replace("Đ", "D")  # đ has no accent to drop
    base = slugify(name)[:60].strip("-") or "dot-hoc-tap"
    while True:
        code = f"{base}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(4))}"
        if not Campaign.objects.filter(code=code).exists():
            return code


@transaction.atomic
def campaign_create(*, data: dict[str, Any], plan: Plan) -> Campaign:
    resolutions = data.pop("resolutions")
    campaign = Campaign.objects.create(code=campaign_code(data), **data)
    campaign.resolutions.set(resolutions)
    _save_plan(campaign, plan)
    return campaign


CAMPAIGN_CONFLICT = _lazy(
    "Trong lúc bạn sửa, đợt học tập này đã được người khác lưu. Chưa lưu: xem số liệu đang lưu bên dưới, "
    "rồi lưu lại nếu vẫn đúng."
)


@transaction.atomic
def campaign_update(*, campaign: Campaign, version: int, data: dict[str, Any], plan: Plan) -> Campaign:
    """Change a campaign and its plan; EditConflict (nothing changed) if someone saved it since ``version``."""
    current = locked_current(Campaign, campaign.pk, version, str(CAMPAIGN_CONFLICT))
    refuse(campaign_frozen(current))
    if plan.subject == plan_subject(current.name):
        plan = replace(plan, subject="")  # the plan's subject quoted the campaign: it follows a new name
    resolutions = data.pop("resolutions")
    versioned_save(current, data)
    current.resolutions.set(resolutions)
    _save_plan(current, plan)
    return current


def plan_subject(campaign_name: str) -> str:
    """The subject of a campaign's plan left for the system to write: it quotes the campaign."""
    return f"về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện {campaign_name}"


def _save_plan(campaign: Campaign, plan: Plan) -> None:
    values = {
        "number": plan.number,
        "issued_on": plan.issued_on,
        "subject": plan.subject or plan_subject(campaign.name),
    }
    stored = campaign.own_plan()
    if stored is None:
        DirectingDocument.objects.create(
            campaign=campaign, kind=DocumentType.PLAN, issuer=f"Ban Thường vụ {campaign.committee.name}", **values
        )
    else:
        DirectingDocument.objects.filter(pk=stored.pk).update(**values)


@transaction.atomic
def conference_create(*, campaign: Campaign, data: dict[str, Any]) -> Conference:
    """A new conference of ``campaign``; RecordFrozen once a signed report counted the campaign's conferences."""
    refuse(campaign_frozen(campaign))
    sites = data.pop("sites")
    conference = Conference.objects.create(campaign=campaign, **data)
    ConferenceSite.objects.bulk_create(ConferenceSite(conference=conference, site=site) for site in sites)
    return conference


CONFERENCE_CONFLICT = _lazy(
    "Trong lúc bạn sửa, hội nghị này đã được người khác lưu. Chưa lưu: xem số liệu đang lưu bên dưới, "
    "rồi lưu lại nếu vẫn đúng."
)


@transaction.atomic
def conference_update(
    *, conference: Conference, version: int, data: dict[str, Any], editable_sites: QuerySet[VideoSite]
) -> Conference:
    """Change a conference; of its sites, only ``editable_sites`` (the user's) are added or taken away.

    A site taken away loses its line test and incidents, so the form refuses that
    for sites with data. EditConflict (nothing changed) if someone saved since ``version``.
    """
    current = locked_current(Conference, conference.pk, version, str(CONFERENCE_CONFLICT))
    refuse(conference_frozen(current))
    chosen = {site.pk for site in data.pop("sites")}
    versioned_save(current, data)
    existing = set(current.conference_sites.values_list("site_id", flat=True))
    editable = set(editable_sites.filter(pk__in=existing | chosen).values_list("pk", flat=True))
    current.conference_sites.filter(site_id__in=(existing - chosen) & editable).delete()
    ConferenceSite.objects.bulk_create(
        ConferenceSite(conference=current, site_id=pk) for pk in sorted((chosen - existing) & editable)
    )
    return current


@transaction.atomic
def directing_documents_save(*, campaign: Campaign, formset) -> None:
    """A campaign's directing documents as the formset has them; RecordFrozen once a signed report quotes them."""
    refuse(campaign_frozen(Campaign.objects.select_for_update().get(pk=campaign.pk)))
    formset_save(formset, campaign=campaign)


@transaction.atomic
def absentees_save(*, attendance: Attendance, formset) -> None:
    """A unit's absentees as the formset has them; AttendanceFrozen once a signed document counted its attendance."""
    refuse_if_frozen(attendance.conference, [attendance.unit])
    formset_save(formset, attendance=attendance)


@transaction.atomic
def formset_save(formset, **parent: Any) -> None:
    """Save a model formset's rows under their parent (``attendance=…``), deleting those marked: all or none."""
    for record in formset.save(commit=False):
        for field, value in parent.items():
            setattr(record, field, value)
        record.save()
    for record in formset.deleted_objects:
        record.delete()


@dataclass(frozen=True)
class GridRow:
    """One row of the attendance grid: a unit, at one of its sites when the conference has any.

    A unit's attendance is one record, entered on its first row (``records_attendance``);
    a second site of the same unit gets a row of its own for its line test and incidents.
    """

    unit: Committee
    site: VideoSite | None
    conference_site: ConferenceSite | None
    attendance: Attendance | None
    records_attendance: bool = True

    @property
    def key(self) -> str:
        """The row's name in the grid: its inputs' prefix and its own save URL."""
        return f"unit-{self.unit.pk}" if self.records_attendance else f"site-{self.conference_site.pk}"


GRID_CONFLICT = _lazy(
    "Trong lúc bạn nhập, số liệu của %(units)s đã được người khác lưu. Bảng chưa được lưu: "
    "các ô đó nay hiện số liệu đang lưu; xem lại rồi lưu lại."
)


def attendance_grid_save(*, conference: Conference, rows: list[tuple[GridRow, dict[str, Any]]]) -> int:
    """Save every row or none: the caller validated them all first. Returns rows changed.

    Each row carries the versions it was shown with; if anyone saved one of
    them since (or two people entered a unit's first figures at once),
    EditConflict names the units and nothing is saved. Attendance a signed
    document counted is refused (AttendanceFrozen). Rows left as they were
    are not saved, so the history shows changes only.
    """
    try:
        return _grid_save(conference, rows)
    except IntegrityError:
        # Both saved a unit's first attendance at once: the other one's is stored, so theirs is a conflict.
        stored = set(Attendance.objects.filter(conference=conference).values_list("unit_id", flat=True))
        moved = [row.unit for row, data in rows if row.records_attendance and not data["version"]]
        moved = [unit for unit in moved if unit.pk in stored]
        if not moved:
            raise
        raise EditConflict(str(GRID_CONFLICT) % {"units": ", ".join(unit.name for unit in moved)}, moved) from None


@transaction.atomic
def _grid_save(conference: Conference, rows: list[tuple[GridRow, dict[str, Any]]]) -> int:
    _check_grid_versions(conference, rows)
    # A signed report counted the unit's attendance and its sites' line tests and incidents alike.
    changing = [
        row.unit for row, data in rows if (row.records_attendance and _differs(row, data)) or _site_changes(row, data)
    ]
    refuse_if_frozen(conference, changing)
    written = 0
    for row, data in rows:
        attendance_changed = row.records_attendance and _save_attendance(conference, row, data)
        changed = _site_changes(row, data)
        if changed:
            versioned_save(row.conference_site, {field: data[field] for field in changed})
        if attendance_changed or changed:
            written += 1
    return written


def _site_changes(row: GridRow, data: dict[str, Any]) -> list[str]:
    """The site fields (line test, incidents) ``data`` changes on the row's video-link site."""
    if row.conference_site is None:
        return []
    return [field for field in SITE_FIELDS if getattr(row.conference_site, field) != data[field]]


def _differs(row: GridRow, data: dict[str, Any]) -> bool:
    """Whether saving ``data`` would write the unit's attendance."""
    figures = {field: data[field] for field in ATTENDANCE_FIELDS}
    if row.attendance is None:
        return any(figures.values())
    return any(getattr(row.attendance, field) != value for field, value in {**figures, "site": row.site}.items())


def _save_attendance(conference: Conference, row: GridRow, data: dict[str, Any]) -> bool:
    """Create or change the unit's attendance; whether anything was written."""
    if not _differs(row, data):
        return False
    values = {**{field: data[field] for field in ATTENDANCE_FIELDS}, "site": row.site}
    if row.attendance is None:
        Attendance.objects.create(conference=conference, unit=row.unit, **values)
    else:
        versioned_save(row.attendance, values)
    return True


def _check_grid_versions(conference: Conference, rows: list[tuple[GridRow, dict[str, Any]]]) -> None:
    stored = {a.unit_id: a.version for a in Attendance.objects.select_for_update().filter(conference=conference)}
    sites = {s.pk: s.version for s in ConferenceSite.objects.select_for_update().filter(conference=conference)}
    moved = [
        row.unit
        for row, data in rows
        if (row.records_attendance and stored.get(row.unit.pk, 0) != data["version"])
        or (row.conference_site is not None and sites.get(row.conference_site.pk) != data["site_version"])
    ]
    if moved:
        raise EditConflict(str(GRID_CONFLICT) % {"units": ", ".join(unit.name for unit in moved)}, moved)
