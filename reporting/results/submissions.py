"""Writes for what units report: save, submit, accept, return."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from accounts.names import name_key
from conferences.models import Campaign, Committee
from conferences.versioning import EditConflict, locked_current, versioned_save
from reporting.models import Organisation, OrganisationOutreach, UnitResult
from reporting.models.organisations import MAX_ADDED_PER_UNIT
from reporting.models.unit_results import FIGURE_FIELDS

Status = UnitResult.Status


class SubmissionLocked(Exception):
    """The result cannot change in its current state."""


@dataclass(frozen=True)
class OutreachEntry:
    organisation: Organisation | None
    name: str
    sessions: int | None  # None, with people: left empty
    people: int | None
    remove: bool = False  # a name the unit added, taken off its list (kept where a result holds its figures)


def unit_result_for(*, campaign: Campaign, unit: Committee) -> UnitResult:
    """The unit's result, or a new draft whose totals start from the unit's head-counts and whose other
    figures are empty: each is typed (0 where there is none) before it is sent, none taken for 0 unseen."""
    result = UnitResult.objects.filter(campaign=campaign, unit=unit).first()
    if result is not None:
        return result
    return UnitResult(
        campaign=campaign,
        unit=unit,
        **{
            **dict.fromkeys(FIGURE_FIELDS, None),
            "party_members_total": unit.party_members,
            "non_members_total": unit.non_member_staff,
        },
    )


CONFLICT = _lazy(
    "Trong lúc bạn nhập, kết quả này đã được người khác lưu. Số liệu của bạn chưa được lưu: "
    "xem số liệu đang lưu bên dưới, rồi lưu lại nếu vẫn đúng."
)


def unit_result_save(
    *,
    result: UnitResult,
    data: dict[str, Any],
    outreach: list[OutreachEntry],
    submit: bool,
    version: int,
    confirmed_warnings: list[dict[str, str]] = (),
) -> UnitResult:
    """Save the unit's figures as a draft, or send them (timestamped) with the warnings the sender confirmed.

    ``version`` is the one the form was opened with (0 for a new result);
    if someone saved since, or two people save a new result at once,
    EditConflict and nothing changes.
    """
    try:
        with transaction.atomic():
            return _save(result, data, outreach, submit=submit, version=version, warnings=list(confirmed_warnings))
    except IntegrityError:
        # Two first saves at once: the other one's row is stored, and this one is a conflict like any other.
        stored = UnitResult.objects.filter(campaign=result.campaign, unit=result.unit).first()
        if stored is None:
            raise
        raise EditConflict(str(CONFLICT), stored) from None


def _save(result, data, outreach, *, submit: bool, version: int, warnings: list[dict[str, str]]) -> UnitResult:
    if result.pk:
        current = locked_current(UnitResult, result.pk, version, str(CONFLICT))
        if not current.is_editable_by_unit:
            raise SubmissionLocked(current.not_asked or _("Kết quả đã gửi hoặc đã được tiếp nhận, không sửa được nữa."))
        result.version = current.version
        result.first_submitted_at = current.first_submitted_at
    elif UnitResult.objects.filter(campaign=result.campaign, unit=result.unit).exists():
        raise EditConflict(str(CONFLICT), UnitResult.objects.get(campaign=result.campaign, unit=result.unit))
    elif result.not_asked:
        raise SubmissionLocked(result.not_asked)
    sent = {}
    if submit:
        now = timezone.now()
        sent = {
            "status": Status.SUBMITTED,
            "submitted_at": now,
            "first_submitted_at": result.first_submitted_at or now,
            "confirmed_warnings": warnings,
        }
    versioned_save(result, {**data, **sent})
    _save_outreach(result, outreach)
    return result


def _save_outreach(result: UnitResult, entries: list[OutreachEntry]) -> None:
    """Each organisation's figures as entered, 0 included (the unit said it held none); a row left empty is none.
    A new name is kept even without figures: it comes back as the unit's own row, its figures to come. A row whose
    figures are unchanged is left alone, so its history lists what changed, not each save."""
    stored = {row.organisation_id: row for row in OrganisationOutreach.objects.filter(result=result)}
    for entry in entries:
        empty = entry.remove or (entry.sessions is None and entry.people is None)
        organisation = entry.organisation or _organisation_named(entry.name, unit=result.unit)
        row = stored.get(organisation.pk)
        if empty:
            if row is not None:
                row.delete()
            if entry.remove and organisation.added_by_id == result.unit_id and not organisation.outreach.exists():
                organisation.delete()
        else:
            _write_outreach(result, organisation, row, sessions=entry.sessions or 0, people=entry.people or 0)


def _write_outreach(
    result: UnitResult, organisation: Organisation, row: OrganisationOutreach | None, *, sessions: int, people: int
) -> None:
    """The organisation's figures stored, if they are new or changed from its ``row``."""
    if row is None:
        OrganisationOutreach.objects.create(result=result, organisation=organisation, sessions=sessions, people=people)
    elif (row.sessions, row.people) != (sessions, people):
        row.sessions, row.people = sessions, people
        row.save(update_fields=["sessions", "people"])


def _organisation_named(name: str, *, unit: Committee) -> Organisation:
    """Organisations beyond the usual five are added as units report them, each unit its own, up to a limit."""
    # Compared as the form compared it (the database's own case rules differ: 'ı' is 'I' to it).
    key = name_key(name)
    organisation = next((each for each in Organisation.objects.usable_by(unit) if name_key(each.name) == key), None)
    if organisation is not None:
        return organisation
    if Organisation.objects.filter(added_by=unit).count() >= MAX_ADDED_PER_UNIT:
        raise SubmissionLocked(_("Đơn vị đã thêm %d tổ chức khác; ghi vào một tổ chức đã có.") % MAX_ADDED_PER_UNIT)
    # A random ending: a code says nothing of the names other units added, and two units adding one name at
    # the same moment do not meet on it.
    base = slugify(name.replace("đ", "d").replace("Đ", "D"))[:27].strip("-") or "to-chuc"
    return Organisation.objects.create(code=f"{base}-{secrets.token_hex(4)}", name=name, order=90, added_by=unit)


@transaction.atomic
def unit_result_accept(*, result: UnitResult, user: User) -> UnitResult:
    result = UnitResult.objects.select_for_update().get(pk=result.pk)
    if result.status != Status.SUBMITTED:
        raise SubmissionLocked(_("Chỉ tiếp nhận được kết quả đã gửi."))
    return versioned_save(result, _reviewed(Status.ACCEPTED, user=user, reason=""))


@transaction.atomic
def unit_result_return(*, result: UnitResult, user: User, reason: str) -> UnitResult:
    result = UnitResult.objects.select_for_update().get(pk=result.pk)
    if result.status not in UnitResult.SENT_STATUSES:
        raise SubmissionLocked(_("Chỉ trả lại được kết quả đã gửi hoặc đã tiếp nhận."))
    return versioned_save(result, _reviewed(Status.RETURNED, user=user, reason=reason))


def _reviewed(status: str, *, user: User, reason: str) -> dict[str, Any]:
    return {"status": status, "reviewed_at": timezone.now(), "reviewed_by": user, "return_reason": reason}
