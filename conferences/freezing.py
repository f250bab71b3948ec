"""Attendance frozen elsewhere: a signed document counted it, so it no longer changes.

``conferences`` knows nothing of reports; the part of the project that signs
them registers a check here when it starts (``reporting`` does, in its app
config), and every write of attendance asks ``frozen_units`` first.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from conferences.models import Campaign, Committee, Conference


class RecordFrozen(Exception):
    """A change to what a signed document counted or quotes; nothing was saved."""


class AttendanceFrozen(RecordFrozen):
    """A change to attendance a signed document counted; nothing was saved."""


# (conference, units) -> {unit id: why that unit's attendance is frozen}
FrozenCheck = Callable[[Conference, list[Committee]], dict[int, str]]
_checks: list[FrozenCheck] = []


def register(check: FrozenCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def frozen_units(conference: Conference, units: Iterable[Committee]) -> dict[int, str]:
    """The units among ``units`` whose attendance at ``conference`` is frozen, with the reason."""
    units = list(units)
    frozen: dict[int, str] = {}
    for check in _checks:
        frozen.update(check(conference, units))
    return frozen


def all_frozen(frozen: dict[int, str], units: Iterable[Committee]) -> str:
    """The reason, when every one of ``units`` is among ``frozen`` (``frozen_units``'s answer); else ''."""
    units = list(units)
    return next(iter(frozen.values())) if units and all(unit.pk in frozen for unit in units) else ""


def refuse_if_frozen(conference: Conference, units: Iterable[Committee]) -> None:
    if frozen := frozen_units(conference, units):
        raise AttendanceFrozen(next(iter(frozen.values())))


def attendance_frozen(attendance) -> str:
    """Why a unit's attendance (its figures and its absentees) no longer changes, or ''."""
    return next(iter(frozen_units(attendance.conference, [attendance.unit]).values()), "")


def conference_frozen(conference: Conference) -> str:
    """Why ``conference`` itself (its title, date, format, host, sites) no longer changes, or '': a signed
    document counted the attendance of its host, of a unit at it or of a unit owning one of its sites."""
    involved = Committee.objects.filter(
        Q(pk=conference.host_id)
        | Q(attendances__conference=conference)
        | Q(video_sites__conference_sites__conference=conference)
    ).distinct()
    return next(iter(frozen_units(conference, involved).values()), "")


def preparation_frozen(step) -> str:
    """Why a completed preparation step no longer changes, or '': a signed report counted its conference's."""
    return conference_frozen(step.conference)


def site_frozen(site, units: Iterable[Committee]) -> str:
    """Why ``site`` may not pass between ``units`` (the one it belongs to, the one it would go to), or '': a signed
    document counted either's attendance at a conference held there, where the site's unit is whose it counted.
    One query, and one a conference held at the site."""
    units = list(units)
    held_at = Conference.objects.filter(conference_sites__site=site).order_by("date")
    return next((reason for conference in held_at for reason in frozen_units(conference, units).values()), "")


# campaign -> why a signed document that counted or quotes it keeps it as it is, or ''
CampaignCheck = Callable[[Campaign], str]
_campaign_checks: list[CampaignCheck] = []


def register_campaign(check: CampaignCheck) -> None:
    if check not in _campaign_checks:
        _campaign_checks.append(check)


def campaign_frozen(campaign: Campaign) -> str:
    """Why ``campaign`` (its name, dates, deadline, threshold, plan and directing documents) no longer changes,
    or '': a signed document quotes it and counted against it."""
    return next((reason for check in _campaign_checks if (reason := check(campaign))), "")


def resolution_frozen(resolution) -> str:
    """Why ``resolution`` (its number, title …) no longer changes, or '': a signed document quotes a campaign
    that studied it."""
    studied_in = resolution.campaigns.order_by("starts_on")
    return next((reason for campaign in studied_in if (reason := campaign_frozen(campaign))), "")


def read_only(form, reason: str) -> str:
    """Every field of ``form`` (of each form, for a formset) disabled when ``reason`` says what it shows is frozen;
    returns ``reason``, for the page to say."""
    for each in getattr(form, "forms", [form]) if reason else ():
        for field in each.fields.values():
            field.disabled = True
    return reason


def refuse(reason: str) -> None:
    """RecordFrozen with ``reason``, when there is one."""
    if reason:
        raise RecordFrozen(reason)


# (path of a committee, a unit's lifetime before, after) -> why that committee's units cannot change so, or ''
UnitsCheck = Callable[[str, Committee | None, Committee | None], str]
_units_checks: list[UnitsCheck] = []


def register_units(check: UnitsCheck) -> None:
    if check not in _units_checks:
        _units_checks.append(check)


def units_frozen(parent_path: str | None, before: Committee | None, after: Committee | None) -> str:
    """Why a unit cannot go from ``before`` to ``after`` under the committee at ``parent_path`` (each a Committee
    holding the unit's dates; None where it is not one of that committee's units), or '': a signed report counted
    that committee's units, and the change would add one to them or take one away."""
    if parent_path is None or (before and after and before.lifetime == after.lifetime):
        return ""
    return next((reason for check in _units_checks if (reason := check(parent_path, before, after))), "")


# (unit, paths of the committees whose subtree it would leave or join) -> why it cannot move so, or ''
MoveCheck = Callable[[Committee, list[str]], str]
_move_checks: list[MoveCheck] = []


def register_move(check: MoveCheck) -> None:
    if check not in _move_checks:
        _move_checks.append(check)


def move_frozen(unit: Committee, parent_path: str | None) -> str:
    """Why stored ``unit`` cannot move under the committee at ``parent_path`` (None: to the top), or '': it would
    leave or join the units a signed report counted, or take results a signed report counted out of (or into) the
    subtree of the committee that signed it."""
    if parent_path == unit.parent_path:
        return ""
    if reason := units_frozen(unit.parent_path, unit, None) or units_frozen(parent_path, None, unit):
        return reason
    above_now = set(unit.ancestor_paths()[:-1])
    above_then = set(Committee(path=parent_path).ancestor_paths()) if parent_path else set()
    changed = sorted(above_now ^ above_then)
    return next((reason for check in _move_checks if (reason := check(unit, changed))), "")


@dataclass(frozen=True)
class FrozenPeriod:
    """A period a signed document counted the records of a subtree in: supervisions, programmes, plans …"""

    path: str  # the committee whose subtree it counted
    starts_on: datetime.date
    ends_on: datetime.date
    label: str  # the document's number, 190-BC/HU
    reason: str  # why a record it counted no longer changes

    def holds(self, committee: Committee, day: datetime.date) -> bool:
        return committee.path.startswith(self.path) and self.starts_on <= day <= self.ends_on


# committee (or None: every committee) -> the frozen periods over its line: above it, at it or below it.
PeriodsCheck = Callable[[Committee | None], list[FrozenPeriod]]
_period_checks: list[PeriodsCheck] = []


def register_periods(check: PeriodsCheck) -> None:
    if check not in _period_checks:
        _period_checks.append(check)


def frozen_periods(committee: Committee | None) -> list[FrozenPeriod]:
    """Every frozen period over ``committee``'s line (one query per registered check)."""
    return [period for check in _period_checks for period in check(committee)]


def frozen_in(
    periods: list[FrozenPeriod], committee: Committee | None, day: datetime.date | None
) -> FrozenPeriod | None:
    """Of ``periods``, the one holding a record of ``committee`` dated ``day``."""
    if committee is None or day is None:
        return None
    return next((period for period in periods if period.holds(committee, day)), None)


def record_frozen(committee: Committee | None, day: datetime.date | None) -> str:
    """Why a record of ``committee`` dated ``day`` (a supervision, a programme …) no longer changes, or ''."""
    period = frozen_in(frozen_periods(committee), committee, day) if committee is not None else None
    return period.reason if period else ""


def period_taken(committee: Committee | None, day: datetime.date | None) -> str:
    """Why a record cannot be dated ``day`` (a signed document reported that period), or ''."""
    period = frozen_in(frozen_periods(committee), committee, day) if committee is not None else None
    return _taken(period) if period else ""


def span_taken(committee: Committee, first: datetime.date, last: datetime.date) -> str:
    """Why a campaign of ``committee`` cannot run from ``first`` to ``last``, or '': a signed document over its line
    (by it, above it or below it) counted the campaigns running in a period this one would run in too."""
    periods = frozen_periods(committee)
    period = next((period for period in periods if period.starts_on <= last and first <= period.ends_on), None)
    return _taken(period) if period else ""


def _taken(period: FrozenPeriod) -> str:
    return _(
        "Thời gian này đã được báo cáo trong văn bản số %(number)s đã ký; chọn ngày khác, hoặc đề nghị cán bộ "
        "tuyên giáo mở đính chính văn bản đó."
    ) % {"number": period.label}


def mark_frozen(records, *, owner: str, day: str, committee: Committee | None) -> list:
    """``records`` (of ``committee``'s scope) each with ``frozen_by``: the frozen period holding it, or None."""
    periods = frozen_periods(committee)
    records = list(records)
    for record in records:
        record.frozen_by = frozen_in(periods, getattr(record, owner), getattr(record, day))
    return records


def lock_form(form, record, *, owner: str, day: str) -> str:
    """A stored record a signed document counted: its form read-only; the reason ('' for any other record)."""
    reason = record_frozen(getattr(record, owner), getattr(record, day)) if record is not None else ""
    for field in form.fields.values() if reason else ():
        field.disabled = True
    return reason
