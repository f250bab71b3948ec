"""The attendance grid: saved whole with one button, or a row at a time as the person moves on; and each
unit's list of absentees."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import requires, scoped
from conferences.choice_fields import key_or_none
from conferences.forms import AbsenteeFormSet, AttendanceRowForm
from conferences.freezing import AttendanceFrozen, all_frozen, attendance_frozen, frozen_units, read_only
from conferences.models import Attendance, Conference
from conferences.selectors import absentee_mismatch, attendance_grid_rows, grid_totals, visible_committees
from conferences.services import ATTENDANCE_FIELDS, SITE_FIELDS, GridRow, absentees_save, attendance_grid_save
from conferences.versioning import EditConflict
from conferences.views import scoped_conference


@requires("can_manage")
def attendance_grid(request, pk):
    conference = scoped_conference(request, pk)
    rows = attendance_grid_rows(conference=conference, committees=visible_committees(request.user))
    forms = [row_form(request, row) for row in rows]
    status = 200
    if request.method == "POST":
        if wrong := [str(row.unit) for row, form in zip(rows, forms, strict=True) if not form.is_valid()]:
            messages.error(
                request,
                _("Chưa lưu: có dòng sai (%(units)s), xem các ô báo đỏ bên dưới.") % {"units": ", ".join(wrong)},
            )
        else:
            try:
                written = attendance_grid_save(
                    conference=conference,
                    rows=[(row, form.cleaned_data) for row, form in zip(rows, forms, strict=True)],
                )
            except AttendanceFrozen as frozen:
                messages.error(request, str(frozen))
            except EditConflict as conflict:
                messages.error(request, str(conflict))
                # Show what is stored now for the rows someone else changed; keep this person's other rows.
                moved = {unit.pk for unit in conflict.current}
                rows = attendance_grid_rows(conference=conference, committees=visible_committees(request.user))
                forms = [row_form(request, row, after_conflict=True, fresh=row.unit.pk in moved) for row in rows]
                status = 409
            else:
                if written:
                    messages.success(request, _("Đã lưu số liệu tham dự của %(count)d đơn vị.") % {"count": written})
                else:
                    messages.info(request, _("Không có thay đổi nào để lưu."))
                return redirect("attendance_grid", pk=conference.pk)
    return render(
        request, "conferences/attendance_grid.html", grid_context(request, conference, rows, forms), status=status
    )


def grid_context(request, conference: Conference, rows: list[GridRow], forms: list[AttendanceRowForm]) -> dict:
    history = (
        Attendance.history.filter(conference_id=conference.pk, unit__in=visible_committees(request.user))
        .select_related("history_user", "unit")
        .order_by("-history_date")[:50]
    )
    frozen = frozen_units(conference, [row.unit for row in rows])
    for row, form in zip(rows, forms, strict=True):
        form.locked = read_only(form, frozen.get(row.unit.pk, ""))
    return {
        "conference": conference,
        "grid": list(zip(rows, forms, strict=True)),
        "history": history,
        "locked": all_frozen(frozen, [row.unit for row in rows]),
        **grid_totals(conference, visible_committees(request.user)),
    }


@require_POST
@requires("can_manage")
def attendance_row_save(request, pk, row):
    """One row of the grid, saved as the person leaves it; the answer says saved, or what is wrong, in JSON."""
    conference = scoped_conference(request, pk)
    grid_row = grid_row_of(request, conference, row)
    form = row_form(request, grid_row)
    if not form.is_valid():
        errors = {form[name].html_name: " ".join(errs) for name, errs in form.errors.items() if name != "__all__"}
        message = " ".join(form.non_field_errors()) or _("Chưa lưu: xem các ô báo đỏ.")
        return JsonResponse({"state": "invalid", "message": message, "errors": errors}, status=400)
    try:
        written = attendance_grid_save(conference=conference, rows=[(grid_row, form.cleaned_data)])
    except (AttendanceFrozen, EditConflict) as refused:
        return JsonResponse({"state": "refused", "message": str(refused)}, status=409)
    saved = next(
        r
        for r in attendance_grid_rows(conference=conference, committees=visible_committees(request.user))
        if r.key == row
    )
    totals = grid_totals(conference, visible_committees(request.user))
    return JsonResponse(
        {
            "state": "saved" if written else "unchanged",
            "message": _("Đã lưu.") if written else _("Không có thay đổi."),
            "version": saved.attendance.version if saved.attendance else 0,
            "site_version": saved.conference_site.version if saved.conference_site else 0,
            "column_totals": dict(totals["column_totals"]),
            "site_count": totals["totals"]["site_count"],
            "delegates": totals["totals"]["delegates"],
        }
    )


def grid_row_of(request, conference: Conference, key: str) -> GridRow:
    """The grid row named ``key`` ("unit-<committee>" or "site-<conference site>"), built for its unit alone: a
    row saved costs one unit's rows, not the whole grid's."""
    kind, _, pk = key.partition("-")
    units = visible_committees(request.user)
    if (number := key_or_none(pk)) is None:
        raise Http404
    if kind == "unit":
        units = units.filter(pk=number)
    elif kind == "site":
        units = units.filter(video_sites__conference_sites=number, video_sites__conference_sites__conference=conference)
    else:
        raise Http404
    for row in attendance_grid_rows(conference=conference, committees=units):
        if row.key == key:
            return row
    raise Http404


def row_form(request, row: GridRow, *, after_conflict: bool = False, fresh: bool = False) -> AttendanceRowForm:
    """A grid row's form, bound to what was posted.

    After a conflict the rows carry the stored versions, so saving again goes
    through; ``fresh`` rows (changed by someone else) show what is stored now.
    """
    initial = {field: getattr(row.attendance, field) for field in ATTENDANCE_FIELDS} if row.attendance else {}
    initial["version"] = row.attendance.version if row.attendance else 0
    if row.conference_site is not None:
        initial.update({field: getattr(row.conference_site, field) for field in SITE_FIELDS})
        initial["site_version"] = row.conference_site.version
    data = None if fresh or request.method != "POST" else request.POST.copy()
    if data is not None and after_conflict:
        data[f"{row.key}-version"] = initial["version"]
        data[f"{row.key}-site_version"] = initial.get("site_version", 0)
    form = AttendanceRowForm(data, prefix=row.key, initial=initial, stored=row.attendance is not None)
    if row.conference_site is None:
        for field in SITE_FIELDS:
            del form.fields[field]
    else:
        form.fields["line_test"].required = True
    if not row.records_attendance:
        for field in ATTENDANCE_FIELDS:
            del form.fields[field]
    return form


@requires("can_manage")
def absentee_list(request, pk, unit_code):
    conference = scoped_conference(request, pk)
    attendance = get_object_or_404(
        scoped(Attendance.objects.select_related("unit"), request.user, "unit"),
        conference=conference,
        unit__code=unit_code,
    )
    formset = AbsenteeFormSet(request.POST or None, queryset=attendance.absentees.all())
    locked = read_only(formset, attendance_frozen(attendance))
    status = 409 if request.method == "POST" and locked else 200
    if request.method == "POST" and not locked and formset.is_valid():
        try:
            absentees_save(attendance=attendance, formset=formset)
        except AttendanceFrozen as refused:
            locked, status = read_only(formset, str(refused)), 409
        else:
            messages.success(request, _("Đã lưu danh sách vắng mặt."))
            return redirect("absentee_list", pk=conference.pk, unit_code=unit_code)
    context = {"conference": conference, "attendance": attendance, "formset": formset, "locked": locked}
    context["mismatch"] = absentee_mismatch(attendance)
    return render(request, "conferences/absentee_list.html", context, status=status)
