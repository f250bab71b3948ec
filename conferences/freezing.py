"""Attendance frozen elsewhere: a signed document counted it, so it no longer changes.

``conferences`` knows nothing of reports; the part of the project that signs
them registers a check here when it starts (``reporting`` does, in its app
config), and every write of attendance asks ``frozen_units`` first.
"""

import datetime
from collections.abc import Callable, Iterable

from conferences.models import Committee, Conference


class AttendanceFrozen(Exception):
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


def refuse_if_frozen(conference: Conference, units: Iterable[Committee]) -> None:
    if frozen := frozen_units(conference, units):
        raise AttendanceFrozen(next(iter(frozen.values())))


# (committee, day) -> why what ``committee`` recorded for ``day`` is frozen ('' when it is not): a signed
# document over a period counted the records of the committees below it dated in the period.
RecordCheck = Callable[[Committee, datetime.date], str]
_record_checks: list[RecordCheck] = []


def register_records(check: RecordCheck) -> None:
    if check not in _record_checks:
        _record_checks.append(check)


def record_frozen(committee: Committee | None, day: datetime.date | None) -> str:
    """Why a record of ``committee`` dated ``day`` (a supervision, a programme …) no longer changes, or ''."""
    if committee is None or day is None:
        return ""
    return next((reason for check in _record_checks if (reason := check(committee, day))), "")
