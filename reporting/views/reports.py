from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.scoping import EVERYONE, READERS, STAFF, role_required, scoped
from conferences.models import Committee
from conferences.versioning import EditConflict
from reporting.jobs import SIGN, job_start
from reporting.models import Report
from reporting.models.jobs import ExportJob
from reporting.report_exports import ReportPdfExporter, ReportTablesExporter
from reporting.reports import (
    ReportStateError,
    open_report,
    report_approve,
    report_blocks,
    report_edit,
    report_regenerate,
    report_reopen,
    report_start,
    report_update_closing,
)
from reporting.views.dashboard import campaign_and_committee
from reporting.views.downloads import attachment
from reporting.views.jobs import export_response

Role = User.Role
STAFF_ACTIONS = {"start", "edit", "closing", "regenerate", "approve", "reopen"}


class ClosingForm(forms.Form):
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    authority = forms.CharField(label=gettext_lazy("Thẩm quyền ký"), max_length=100)
    title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=100)
    name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=100)


@role_required(*READERS)
def report_page(request, code):
    campaign, committee = campaign_and_committee(request, code)
    user = request.user
    report = open_report(campaign=campaign, committee=committee)
    action = request.POST.get("action") if request.method == "POST" else None
    page = _page(code, committee)

    if action:
        is_staff = user.role in (Role.PROPAGANDA_STAFF, Role.ADMINISTRATOR)
        is_leader = user.role in (Role.LEADER, Role.ADMINISTRATOR)
        if (action in STAFF_ACTIONS and not is_staff) or (action == "sign" and not is_leader):
            raise PermissionDenied
        if action not in STAFF_ACTIONS | {"sign"}:
            raise PermissionDenied
        try:
            job = _act(request, action, campaign, committee, report, page)
        except (ReportStateError, EditConflict) as error:
            messages.error(request, str(error))
            job = None
        return redirect(job or page)

    signed = Report.objects.filter(campaign=campaign, committee=committee, status=Report.Status.SIGNED).select_related(
        "number", "signed_by"
    )
    closing = None
    if report is not None:
        closing = ClosingForm(
            initial={
                "recipients": report.recipients,
                "authority": report.signing_authority,
                "title": report.signer_title,
                "name": report.signer_name,
            }
        )
    return render(
        request,
        "reporting/report.html",
        {
            "campaign": campaign,
            "committee": committee,
            "report": report,
            "blocks": report_blocks(report) if report else [],
            "closing": closing,
            "signed_reports": signed,
        },
    )


def _act(request, action, campaign, committee, report, page: str) -> ExportJob | None:
    """Does the action; signing, which takes seconds, becomes a job whose page is shown next."""
    user = request.user
    if action == "start":
        report_start(campaign=campaign, committee=committee)
        messages.success(request, _("Đã lập dự thảo báo cáo từ số liệu."))
        return None
    if report is None:
        raise ReportStateError(_("Chưa có dự thảo báo cáo."))
    if action == "edit":
        report_edit(
            report=report,
            key=request.POST.get("key", ""),
            text=request.POST.get("text", ""),
            seen=request.POST.get("seen"),
        )
        messages.success(request, _("Đã lưu đoạn văn."))
    elif action == "closing":
        form = ClosingForm(request.POST)
        if not form.is_valid():
            raise ReportStateError(_("Nhập đủ thẩm quyền, chức vụ và họ tên người ký."))
        data = form.cleaned_data
        report_update_closing(
            report=report,
            recipients=data["recipients"],
            authority=data["authority"],
            title=data["title"],
            name=data["name"],
            seen={
                field: request.POST.get(f"seen_{field}", "") for field in ("recipients", "authority", "title", "name")
            },
        )
        messages.success(request, _("Đã lưu nơi nhận và người ký."))
    elif action == "regenerate":
        stale = report_regenerate(report=report)
        if stale:
            messages.warning(
                request,
                _("Đã cập nhật từ số liệu. %(count)d đoạn đã sửa có số liệu thay đổi bên dưới, cần xem lại.")
                % {"count": len(stale)},
            )
        else:
            messages.success(request, _("Đã cập nhật dự thảo từ số liệu mới nhất; các đoạn đã sửa được giữ nguyên."))
    elif action == "approve":
        report_approve(report=report, user=user)
        messages.success(request, _("Đã duyệt báo cáo; chờ lãnh đạo ký."))
    elif action == "reopen":
        report_reopen(report=report)
        messages.success(request, _("Đã chuyển báo cáo về dự thảo."))
    elif action == "sign":
        return job_start(user=user, kind=SIGN, arguments={"report": report.pk}, return_url=page)
    return None


@role_required(*STAFF)
def report_preview(request, code):
    campaign, committee = campaign_and_committee(request, code)
    report = open_report(campaign=campaign, committee=committee)
    if report is None:
        raise Http404
    return export_response(
        request,
        kind=ReportPdfExporter.identifier,
        arguments={"report": report.pk},
        return_url=_page(code, committee),
    )


@role_required(*STAFF)
def report_xlsx(request, code):
    campaign, committee = campaign_and_committee(request, code)
    return export_response(
        request,
        kind=ReportTablesExporter.identifier,
        arguments={"campaign": campaign.code, "committee": committee.code},
        return_url=_page(code, committee),
    )


def _page(code: str, committee: Committee) -> str:
    return f"{reverse('report', args=[code])}?committee={committee.code}"


@role_required(*READERS)
def signed_report_pdf(request, pk):
    report = get_object_or_404(
        scoped(Report.objects.select_related("number"), request.user, "committee"),
        pk=pk,
        status=Report.Status.SIGNED,
    )
    return attachment(f"bao-cao-{report.number.label.replace('/', '-')}.pdf", "application/pdf", report.signed_pdf)


class VerifyForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp PDF cần kiểm tra"))


@role_required(*EVERYONE)
def verify(request):
    from reporting.verification import verify_report_pdf

    form = VerifyForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = verify_report_pdf(form.cleaned_data["file"].read())
    return render(request, "reporting/verify.html", {"form": form, "outcome": outcome})
