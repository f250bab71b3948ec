"""Figures frozen by a signed report: what a signed report counted cannot change until staff open a correction.

A unit's accepted result is locked while a signed report on its campaign (or
a term report over a period its campaign ran in), by
the unit's committee or any committee above it, stands without an open
correction and was signed after the result was accepted (so it counted it).
The lock is read from the reports themselves, so signing and opening a
correction need no second write to keep it right.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from conferences.models import Committee
from reporting.models.reports import Report


class FiguresLocked(Exception):
    """A change to figures a signed report counted; nothing was changed."""


def _standing(**where):
    """Signed reports matching ``where`` that no open correction is about to replace, newest first."""
    correcting = Report.objects.filter(replaces=OuterRef("pk")).exclude(status=Report.Status.SIGNED)
    return (
        Report.objects.filter(status=Report.Status.SIGNED, **where)
        .exclude(Exists(correcting))
        .select_related("number", "campaign", "committee")
        .order_by("-signed_at")
    )


def locking_reports(*, campaign, paths: list[str] | None = None, under: str | None = None):
    """Signed reports on ``campaign`` that still lock figures, by committees at ``paths`` or under ``under``
    (by any committee when neither is given)."""
    where = Q()
    if paths is not None:
        where |= Q(committee__path__in=paths)
    if under is not None:
        where |= Q(committee__path__startswith=under)
    # A term report counted every campaign running in its period.
    covering = Q(campaign=campaign) | Q(
        campaign__isnull=True, period_starts_on__lte=campaign.ends_on, period_ends_on__gte=campaign.starts_on
    )
    return _standing().filter(where, covering)


def lock_for(result) -> Report | None:
    """The signed report that counted ``result`` and froze it, if any (one query)."""
    if result.pk is None or result.status != "accepted":
        return None
    return lock_covering(list(locking_reports(campaign=result.campaign, paths=result.unit.ancestor_paths())), result)


def locks_under(*, campaign, committee) -> list[Report]:
    """Every report that freezes figures anywhere in ``committee``'s subtree (above it, at it, or below it)."""
    return list(locking_reports(campaign=campaign, paths=committee.ancestor_paths(), under=committee.path))


def lock_covering(locks: list[Report], result) -> Report | None:
    """Of ``locks`` (newest first, from ``locking_reports``), the one that froze ``result``: a report over its
    unit, signed after the result was accepted. Its unit already loaded."""
    if result.pk is None or result.status != "accepted":
        return None
    reviewed = result.reviewed_at
    return next(
        (
            report
            for report in locks
            if result.unit.path.startswith(report.committee.path) and (reviewed is None or report.signed_at >= reviewed)
        ),
        None,
    )


def lock_message(report: Report, *, to_staff: bool = True) -> str:
    """Why figures cannot change, and the way to correct them: staff open a correction; a unit asks them to."""
    if to_staff:
        message = _(
            "Số liệu đã được dùng trong báo cáo số %(number)s đã ký; không sửa được nữa. "
            "Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
        )
    else:
        message = _(
            "Số liệu đã được dùng trong báo cáo số %(number)s đã ký; không sửa được nữa. "
            "Nếu số liệu sai, báo cán bộ tuyên giáo để mở đính chính báo cáo đó."
        )
    return message % {"number": report.number.label}


def refuse_if_locked(result) -> None:
    report = lock_for(result)
    if report is not None:
        raise FiguresLocked(lock_message(report))


def frozen_attendance(conference, units) -> dict:
    """For ``conferences.freezing``: units whose attendance at ``conference`` a standing signed report counted."""
    if not units:
        return {}
    reports = list(locking_reports(campaign=conference.campaign))
    frozen = {}
    for unit in units:
        report = next((r for r in reports if unit.path.startswith(r.committee.path)), None)
        if report is not None:
            frozen[unit.pk] = lock_message(report)
    return frozen


def frozen_campaign(campaign) -> str:
    """For ``conferences.freezing``: a standing signed report on ``campaign`` (by any committee, or a term report
    over its time) quotes its name, plan and deadline and counted against its threshold."""
    report = locking_reports(campaign=campaign).first()
    return lock_message(report) if report else ""


def frozen_periods(committee) -> list:
    """For ``conferences.freezing``: the periods standing signed term reports counted, over ``committee``'s line
    (by it, above it or below it; every committee's when None), in one query."""
    from conferences.freezing import FrozenPeriod

    line = Q()
    if committee is not None:
        line = Q(committee__path__in=committee.ancestor_paths()) | Q(committee__path__startswith=committee.path)
    reports = _standing(campaign__isnull=True).filter(line)
    return [
        FrozenPeriod(r.committee.path, r.period_starts_on, r.period_ends_on, r.number.label, lock_message(r))
        for r in reports
    ]


def _counted_time(report) -> tuple:
    """The days a report counted: its campaign's, or a term report's period."""
    if report.campaign is not None:
        return report.campaign.starts_on, report.campaign.ends_on
    return report.period_starts_on, report.period_ends_on


def frozen_units(parent_path: str, before, after) -> str:
    """For ``conferences.freezing``: a standing signed report that the unit would join or leave with the change
    (``before``, ``after``: the unit's dates, None where it is not the unit of the committee at ``parent_path``):
    that committee's report on a campaign, whose completeness counted the units asked then, or a term report of it
    or of a committee above it, which counted its subtree's units over the period."""
    on_campaigns = Q(committee__path=parent_path, campaign__isnull=False)
    over_periods = Q(committee__path__in=Committee(path=parent_path).ancestor_paths(), campaign__isnull=True)
    if before is not None and after is not None and before.path:  # redated, its own term report counted it too
        over_periods |= Q(committee__path=before.path, campaign__isnull=True)
    for report in _standing().filter(on_campaigns | over_periods):
        first, last = _counted_time(report)
        if _asked(before, first, last) != _asked(after, first, last):
            return _(
                "Thay đổi này làm thay đổi các đơn vị phải báo cáo trong báo cáo số %(number)s đã ký; không lưu được. "
                "Đơn vị mới thành lập thì ghi ngày thành lập; nếu đã ghi sai, cán bộ tuyên giáo mở đính chính báo cáo "
                "đó (trang Báo cáo) rồi sửa."
            ) % {"number": report.number.label}
    return ""


def frozen_move(unit, paths: list[str]) -> str:
    """For ``conferences.freezing``: a standing signed report, by a committee at ``paths`` (whose subtree ``unit``
    would leave or join), on a campaign that has counted results in ``unit``'s subtree: its figures would change.
    (A term report over a period ``unit`` existed in refuses the move as a change of its units.)"""
    from reporting.models.unit_results import COUNTED_STATUSES, UnitResult

    counted = UnitResult.objects.filter(
        campaign=OuterRef("campaign"), status__in=COUNTED_STATUSES, unit__path__startswith=unit.path
    )
    report = _standing(committee__path__in=paths, campaign__isnull=False).filter(Exists(counted)).first()
    if report is None:
        return ""
    return _(
        "Chuyển đơn vị này làm thay đổi số liệu của báo cáo số %(number)s đã ký; không chuyển được. Nếu đơn vị đặt "
        "sai chỗ, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi chuyển."
    ) % {"number": report.number.label}


def _asked(unit, first, last) -> bool:
    return unit is not None and unit.existed_during(first, last)
