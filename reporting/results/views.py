"""A unit's result (the secretary saves and sends it, staff accept or return it) and the Excel template and import.

Each action has its own URL; the page itself only reads.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.scoping import requires
from conferences.choice_fields import key_or_none
from conferences.freezing import all_frozen, frozen_units
from conferences.models import Campaign, Committee
from conferences.selectors import attendance_grid_rows, visible_campaigns, visible_committees
from conferences.versioning import EditConflict, conflict_shown
from conferences.views import scoped_conference
from reporting.exports import attachment
from reporting.filters import campaign_and_committee, page_url
from reporting.jobs.views import campaign_export
from reporting.models import ResultImport, UnitResult
from reporting.models.locks import FiguresLocked, lock_for, lock_message
from reporting.results.attendance_excel import attendance_template, import_attendance
from reporting.results.forms import (
    MAX_REASON,
    ReturnForm,
    UnitResultForm,
    UploadForm,
    outreach_entries,
    outreach_forms,
)
from reporting.results.importing import (
    EXPIRED,
    ImportRejected,
    PreviewExpired,
    import_preview,
    result_import_confirm,
    result_import_create,
    stored_preview,
)
from reporting.results.refusals import first_errors
from reporting.results.selectors import result_history, results_waiting, with_outreach_totals
from reporting.results.submissions import (
    SubmissionLocked,
    unit_result_accept,
    unit_result_for,
    unit_result_return,
    unit_result_save,
)
from reporting.results.template import FilledResultsTemplateExporter, ResultsTemplateExporter


def _campaign_and_unit(request, code: str, unit_code: str) -> tuple[Campaign, Committee]:
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    return campaign, get_object_or_404(visible_committees(request.user), code=unit_code)


def _page(request, result: UnitResult, *, form=None, organisations=None, returning=None, conflicts=(), status=200):
    """The result's page; the forms passed in carry what was posted, with its errors."""
    user = request.user
    history = result_history(result) if result.pk and not user.can_edit_results else []
    return render(
        request,
        "reporting/results/unit_result.html",
        {
            "campaign": result.campaign,
            "unit": result.unit,
            "result": result,
            "form": form or UnitResultForm(instance=result),
            "organisations": organisations or outreach_forms(None, result),
            "returning": returning or ReturnForm(),
            "can_edit": user.can_edit_results and result.is_editable_by_unit,
            "can_review": user.can_review and result.pk is not None,
            "history": history,
            "conflicts": conflicts,
            "lock": lock_message(lock, to_staff=user.can_manage) if (lock := lock_for(result)) else "",
        },
        status=status,
    )


@login_required
def unit_result(request, code, unit_code):
    campaign, unit = _campaign_and_unit(request, code, unit_code)
    return _page(request, unit_result_for(campaign=campaign, unit=unit))


def _save(request, code: str, unit_code: str, *, submit: bool):
    campaign, unit = _campaign_and_unit(request, code, unit_code)
    result = unit_result_for(campaign=campaign, unit=unit)
    organisations = outreach_forms(request.POST, result, sending=submit)
    form = UnitResultForm(request.POST, instance=result, sending=submit, outreach=organisations)
    if not result.is_editable_by_unit:
        lock = lock_for(result)
        locked = _("Kết quả đã gửi hoặc đã được tiếp nhận, không sửa được nữa.")
        said = lock_message(lock, to_staff=request.user.can_manage) if lock else locked
        messages.error(request, result.not_asked or said)
    elif not (form.is_valid() and all(f.is_valid() for f in organisations)):
        if form.waits_for_confirmation and all(f.is_valid() for f in organisations):
            messages.warning(request, _("Chưa gửi: có số liệu khác thường cần xác nhận (đánh dấu ⚠)."))
        else:
            # Sending refused leaves the stored draft as it was: it is the sending that failed.
            messages.error(
                request, _("Chưa gửi: kiểm tra các ô báo đỏ.") if submit else _("Chưa lưu: kiểm tra các ô báo đỏ.")
            )
    else:
        try:
            unit_result_save(
                result=result,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                outreach=outreach_entries(organisations),
                submit=submit,
                version=form.cleaned_data["version"],
                confirmed_warnings=form.confirmed_warnings,
            )
        except (SubmissionLocked, FiguresLocked) as error:
            messages.error(request, str(error))
        except EditConflict as conflict:
            conflicts = conflict_shown(request, form, conflict)
            return _page(request, result, form=form, organisations=organisations, conflicts=conflicts, status=409)
        else:
            messages.success(request, _("Đã gửi kết quả.") if submit else _("Đã lưu nháp."))
            return redirect("unit_result", code=code, unit_code=unit_code)
    return _page(request, result, form=form, organisations=organisations)


@require_POST
@requires("can_edit_results")
def unit_result_save_draft(request, code, unit_code):
    return _save(request, code, unit_code, submit=False)


@require_POST
@requires("can_edit_results")
def unit_result_submit(request, code, unit_code):
    return _save(request, code, unit_code, submit=True)


def _reviewed_result(request, code: str, unit_code: str) -> UnitResult:
    campaign, unit = _campaign_and_unit(request, code, unit_code)
    return get_object_or_404(UnitResult.objects.select_related("campaign", "unit"), campaign=campaign, unit=unit)


def _after_review(request, code: str, unit_code: str):
    """Back to the queue when the review was made there, else to the result."""
    if request.POST.get("next") == "queue":
        return redirect("review_queue")
    return redirect("unit_result", code=code, unit_code=unit_code)


# The session key keeping a return refused on the queue (the result, the reason typed, why), to tell at its card.
REFUSED_RETURN = "refused_return"


@requires("can_review")
def review_queue(request):
    """The results waiting, the longest first; a return just refused is told at its card, with what was typed."""
    results = list(with_outreach_totals(results_waiting(request.user)))
    refused = request.session.pop(REFUSED_RETURN, None)
    if refused and all(result.pk != refused["result"] for result in results):  # reviewed meanwhile: said above
        messages.error(request, _("Kết quả này không còn chờ duyệt (đã được xem xét); không trả lại được."))
    return render(request, "reporting/results/review_queue.html", {"results": results, "refused": refused})


@require_POST
@requires("can_review")
def unit_result_accept_view(request, code, unit_code):
    result = _reviewed_result(request, code, unit_code)
    try:
        unit_result_accept(result=result, user=request.user)
    except (SubmissionLocked, FiguresLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã tiếp nhận kết quả của %s.") % result.unit)
    return _after_review(request, code, unit_code)


@require_POST
@requires("can_review")
def unit_result_return_view(request, code, unit_code):
    result = _reviewed_result(request, code, unit_code)
    returning = ReturnForm(request.POST)
    if not returning.is_valid():
        if request.POST.get("next") == "queue":  # told where it was asked, back on the queue
            error = " ".join(returning.errors.get("reason", []))
            typed = request.POST.get("reason", "")[:MAX_REASON].replace("\x00", "")
            request.session[REFUSED_RETURN] = {"result": result.pk, "reason": typed, "error": error}
            return redirect("review_queue")
        return _page(request, result, returning=returning)
    try:
        unit_result_return(result=result, user=request.user, reason=returning.cleaned_data["reason"])
    except (SubmissionLocked, FiguresLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã trả lại kết quả của %s để sửa.") % result.unit)
    return _after_review(request, code, unit_code)


@requires("can_manage")
def results_template(request, code):
    """The Excel template, made as a job: a link gets the file at once, the dashboard's button the job's page."""
    return campaign_export(request, code, kind=ResultsTemplateExporter.identifier, back_to="dashboard")


@requires("can_manage")
def results_import(request, code):
    """The upload: a file without errors is kept as a preview to confirm, nothing written yet."""
    campaign, committee = campaign_and_committee(request, code)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            preview = import_preview(file=file, campaign=campaign, committee=committee)
        except ImportRejected as rejected:
            errors = rejected.errors
            messages.error(
                request, _("Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại.")
            )
        else:
            kept = result_import_create(
                preview=preview, campaign=campaign, committee=committee, user=request.user, file_name=file.name
            )
            return redirect(kept)
    return _import_page(request, campaign, committee, form=form, errors=errors)


def _import_page(request, campaign: Campaign, committee: Committee, *, form=None, errors=(), status=200):
    shown, more = first_errors(list(errors))
    return render(
        request,
        "reporting/results/results_import.html",
        {
            "campaign": campaign,
            "committee": committee,
            "form": form or UploadForm(),
            "errors": shown,
            "more_errors": more,
        },
        status=status,
    )


def _own_import(request, code: str, pk) -> ResultImport | None:
    """The user's own preview; None for one used up, or anyone else's (answered alike, by ``_gone``)."""
    return (
        ResultImport.objects.select_related("campaign", "committee")
        .filter(pk=pk, user=request.user, campaign__code=code)
        .first()
    )


def _gone(request, code: str):
    """Not found (404), saying why a preview of one's own would be gone, with the way back to the upload."""
    upload_url = reverse("results_import", kwargs={"code": code})
    return render(request, "reporting/preview_gone.html", {"upload_url": upload_url}, status=404)


@requires("can_manage")
def results_import_preview(request, code, pk):
    result_import = _own_import(request, code, pk)
    if result_import is None:
        return _gone(request, code)
    if result_import.is_expired:
        messages.error(request, str(EXPIRED))
        return redirect(page_url("results_import", result_import.campaign, result_import.committee))
    return render(
        request,
        "reporting/results/results_import_preview.html",
        {
            "result_import": result_import,
            "campaign": result_import.campaign,
            "committee": result_import.committee,
            "preview": stored_preview(result_import),
        },
    )


@require_POST
@requires("can_manage")
def results_import_confirm(request, code, pk):
    """Writes the preview: warnings accepted, the accepted results ticked replaced, the others kept."""
    result_import = _own_import(request, code, pk)
    if result_import is None:
        return _gone(request, code)
    campaign, committee = result_import.campaign, result_import.committee
    replace = {key for value in request.POST.getlist("replace") if (key := key_or_none(value)) is not None}
    try:
        summary = result_import_confirm(result_import=result_import, replace=replace)
    except PreviewExpired as expired:
        messages.error(request, str(expired))
        return redirect(page_url("results_import", campaign, committee))
    except ImportRejected as rejected:
        messages.error(request, _("Chưa nhập gì: số liệu đã thay đổi sau khi xem trước. Xem các dòng dưới đây."))
        return _import_page(request, campaign, committee, errors=rejected.errors, status=409)
    messages.success(request, summary.message())
    # Results kept unreplaced are one upload away: back to the import page, not on to the figures.
    return redirect(page_url("results_import" if summary.kept else "dashboard", campaign, committee))


@requires("can_manage")
def results_template_filled(request, code):
    """The template with each unit's accepted figures filled in, to correct and upload again; made as a job."""
    return campaign_export(request, code, kind=FilledResultsTemplateExporter.identifier, back_to="results_import")


NOTHING_IMPORTED = _lazy("Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại.")


@requires("can_manage")
def attendance_template_view(request, pk):
    """The conference's attendance template, the user's units filled with what is stored."""
    conference = scoped_conference(request, pk)
    return attachment(*attendance_template(conference, visible_committees(request.user)))


@requires("can_manage")
def attendance_import_view(request, pk):
    """Attendance from Excel, all or nothing, back to the grid with what was saved."""
    conference = scoped_conference(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    shown, more = [], ""
    if request.method == "POST" and form.is_valid():
        try:
            written = import_attendance(form.cleaned_data["file"], conference, visible_committees(request.user))
        except ImportRejected as rejected:
            shown, more = first_errors(rejected.errors)
            messages.error(request, str(NOTHING_IMPORTED))
        else:
            messages.success(request, _("Đã lưu số liệu tham dự của %(count)d đơn vị.") % {"count": written})
            return redirect("attendance_grid", pk=conference.pk)
    units = [
        row.unit for row in attendance_grid_rows(conference=conference, committees=visible_committees(request.user))
    ]
    locked = all_frozen(frozen_units(conference, units), units)
    context = {"conference": conference, "form": form, "errors": shown, "more_errors": more, "locked": locked}
    return render(request, "reporting/results/attendance_import.html", context)
