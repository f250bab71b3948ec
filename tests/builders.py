"""One shared builder for test data: districts, campaigns, results, conferences."""

import datetime
from typing import Any

from django.utils import timezone

from conferences.models import Attendance, Campaign, Committee, Conference, ConferenceSite, VideoSite
from reporting.models import Organisation, OrganisationOutreach, UnitResult


def committee(code: str, *, parent: Committee | None = None, kind: str | None = None, **fields: Any) -> Committee:
    defaults = {
        "kind": kind or (Committee.Kind.PROVINCE if parent is None else Committee.Kind.GRASSROOTS),
        "name": fields.pop("name", code),
        "printed_name": fields.pop("printed_name", code.upper()),
    }
    if parent is None:
        return Committee.objects.add_root({"code": code, **defaults, **fields})
    return Committee.objects.add_child(parent, {"code": code, **defaults, **fields})


def district(code: str = "huyen", *, communes: int = 3, **commune_fields: Any) -> tuple[Committee, list[Committee]]:
    """A province with one district and its communes; ``commune_fields`` (name, party_members…) go to every commune."""
    Organisation.ensure_defaults()
    province = committee(f"{code}-tinh")
    root = committee(code, parent=province, kind=Committee.Kind.DISTRICT, name=f"Huyện ủy {code}", abbreviation="HU")
    units = [
        committee(f"{code}-xa-{i}", parent=root, **{"name": f"Đảng ủy xã {i}", **commune_fields})
        for i in range(1, communes + 1)
    ]
    return root, units


def campaign(owner: Committee, code: str = "dot-1", **fields: Any) -> Campaign:
    values = {
        "name": "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
        "starts_on": datetime.date(2023, 12, 1),
        "ends_on": datetime.date(2024, 1, 31),
        "reporting_deadline": datetime.date(2024, 1, 15),
        **fields,
    }
    return Campaign.objects.create(code=code, committee=owner, **values)


def result(
    campaign: Campaign,
    unit: Committee,
    *,
    status: str = UnitResult.Status.ACCEPTED,
    submitted_at: datetime.datetime | None = None,
    outreach: dict[str, tuple[int, int]] | None = None,
    **fields: Any,
) -> UnitResult:
    """A unit's result, sent now unless a draft or ``submitted_at`` says when; people default to all who attended.

    ``fields`` are the figures and anything else the row holds (return_reason, reviewed_by…).
    """
    fields.setdefault("people", fields.get("party_members_attended", 0) + fields.get("non_members_attended", 0))
    if submitted_at is None and status != UnitResult.Status.DRAFT:
        submitted_at = timezone.now()
    fields.setdefault("first_submitted_at", submitted_at)
    unit_result = UnitResult.objects.create(
        campaign=campaign, unit=unit, status=status, submitted_at=submitted_at, **fields
    )
    for code, (sessions, people) in (outreach or {}).items():
        OrganisationOutreach.objects.create(
            result=unit_result, organisation=Organisation.objects.get(code=code), sessions=sessions, people=people
        )
    return unit_result


def online_conference(
    campaign: Campaign, *, date: datetime.date = datetime.date(2023, 12, 4), **fields: Any
) -> Conference:
    values = {"title": "Hội nghị trực tuyến toàn quốc", "level": Conference.Level.CENTRE, **fields}
    return Conference.objects.create(campaign=campaign, date=date, format=Conference.Format.ONLINE, **values)


def attend(
    conference: Conference, unit: Committee, *, at_site: bool = True, others: int = 0, **figures: int
) -> Attendance:
    """Attendance of a unit; with ``at_site`` it sits at the unit's own video-link site."""
    site = None
    if at_site:
        site, _ = VideoSite.objects.get_or_create(committee=unit, name=f"Điểm cầu {unit.name}")
        ConferenceSite.objects.get_or_create(conference=conference, site=site)
    return Attendance.objects.create(conference=conference, unit=unit, site=site, others=others, **figures)


def approve(*, report, user) -> None:
    """Approve as staff do on the report page: every suggested paragraph read and kept first."""
    from reporting.documents.workflow import report_approve, report_blocks, report_keep

    for block in report_blocks(report):
        if block.awaits_review:
            report_keep(report=report, key=block.key)
    report_approve(report=report, user=user)
