from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import EVERYONE, role_required, visible_campaigns, visible_committees
from conferences.versioning import EditConflict, conflict_shown
from reporting.forms import OutreachForm, ReviewForm, UnitResultForm
from reporting.models import Organisation, UnitResult
from reporting.submissions import (
    OutreachEntry,
    SubmissionLocked,
    unit_result_accept,
    unit_result_for,
    unit_result_return,
    unit_result_save,
)

Role = User.Role
EXTRA_ORGANISATIONS = 2


def outreach_forms(request, result: UnitResult) -> list[OutreachForm]:
    existing = {o.organisation_id: o for o in result.outreach.all()} if result.pk else {}
    data = request.POST if request.method == "POST" and request.POST.get("action") in ("save", "submit") else None
    forms = []
    for organisation in Organisation.objects.all():
        current = existing.pop(organisation.pk, None)
        initial = {"sessions": current.sessions, "people": current.people} if current else {}
        forms.append(OutreachForm(data, organisation=organisation, prefix=f"org-{organisation.code}", initial=initial))
    forms += [OutreachForm(data, prefix=f"other-{n}") for n in range(EXTRA_ORGANISATIONS)]
    return forms


def outreach_entries(forms: list[OutreachForm]) -> list[OutreachEntry]:
    return [
        OutreachEntry(
            form.organisation,
            form.cleaned_data.get("name", ""),
            form.cleaned_data["sessions"],
            form.cleaned_data["people"],
        )
        for form in forms
        if form.organisation is not None or form.cleaned_data.get("name")
    ]


@role_required(*EVERYONE)
def unit_result(request, code, unit_code):
    user = request.user
    campaign = get_object_or_404(visible_campaigns(user), code=code)
    unit = get_object_or_404(visible_committees(user), code=unit_code)
    result = unit_result_for(campaign=campaign, unit=unit)
    is_secretary = user.role == Role.UNIT_SECRETARY
    can_edit = is_secretary and result.is_editable_by_unit
    can_review = user.role in (Role.PROPAGANDA_STAFF, Role.ADMINISTRATOR) and result.pk is not None

    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("save", "submit") and not is_secretary:
        raise PermissionDenied
    if action == "review" and not can_review:
        raise PermissionDenied

    form = UnitResultForm(request.POST if action in ("save", "submit") else None, instance=result)
    conflicts: list[tuple[str, object, object]] = []
    conflicted = False
    organisations = outreach_forms(request, result)
    review = ReviewForm(request.POST if action == "review" else None)

    if action in ("save", "submit"):
        if not can_edit:
            messages.error(request, _("Kết quả đã gửi hoặc đã được tiếp nhận, không sửa được nữa."))
        elif form.is_valid() and all(f.is_valid() for f in organisations):
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                unit_result_save(
                    result=result,
                    data=data,
                    outreach=outreach_entries(organisations),
                    submit=action == "submit",
                    version=form.cleaned_data["version"],
                )
            except SubmissionLocked as error:
                messages.error(request, str(error))
            except EditConflict as conflict:
                conflicted = True
                conflicts = conflict_shown(request, form, conflict)
            else:
                messages.success(request, _("Đã gửi kết quả.") if action == "submit" else _("Đã lưu nháp."))
                return redirect("unit_result", code=code, unit_code=unit_code)
        else:
            messages.error(request, _("Chưa lưu: kiểm tra các ô báo đỏ."))
    elif action == "review" and review.is_valid():
        try:
            if review.cleaned_data["decision"] == "accept":
                unit_result_accept(result=result, user=user)
                messages.success(request, _("Đã tiếp nhận kết quả của %s.") % unit)
            else:
                unit_result_return(result=result, user=user, reason=review.cleaned_data["reason"])
                messages.success(request, _("Đã trả lại kết quả của %s để sửa.") % unit)
        except SubmissionLocked as error:
            messages.error(request, str(error))
        return redirect("unit_result", code=code, unit_code=unit_code)

    history = []
    if result.pk and not is_secretary:
        history = result.history.select_related("history_user").order_by("-history_date")[:30]
    return render(
        request,
        "reporting/unit_result.html",
        {
            "campaign": campaign,
            "unit": unit,
            "result": result,
            "form": form,
            "organisations": organisations,
            "review": review,
            "can_edit": can_edit,
            "can_review": can_review,
            "history": history,
            "conflicts": conflicts,
        },
        status=409 if conflicted else 200,
    )
