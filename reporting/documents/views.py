"""The report page, one URL per action on it (draft, edit, approve, sign …), its downloads and the verify page."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import requires, scoped
from conferences.issuing import term_notice
from conferences.models import Campaign, Committee
from conferences.versioning import EditConflict
from reporting.documents.corrections import report_open_correction
from reporting.documents.exports import ReportDocxExporter, ReportPdfExporter
from reporting.documents.forms import (
    ClosingForm,
    CorrectionForm,
    NumberingForm,
    ParagraphForm,
    SendBackForm,
    VerifyForm,
)
from reporting.documents.markup import editor_numbers, shown_blocks
from reporting.documents.numbering import NumberingError, next_label, register_continue, term_on
from reporting.documents.term_drafting import period_of
from reporting.documents.term_reports import TermReportExporter
from reporting.documents.workflow import (
    REPLACES,
    STALE,
    ReportStateError,
    is_current,
    open_report,
    report_approve,
    report_blocks,
    report_edit_typed,
    report_keep,
    report_regenerate,
    report_reopen,
    report_start,
    report_update_closing,
    results_pending,
)
from reporting.exports import XLSX_MIMETYPE, attachment
from reporting.figures.dashboard import DashboardExporter
from reporting.filters import campaign_and_committee, page_url
from reporting.jobs.services import SIGN
from reporting.jobs.tasks import job_start
from reporting.jobs.views import campaign_export, export_response
from reporting.models import Report


@dataclass(frozen=True)
class Subject:
    """What a report page is about: a campaign under a committee, or a committee's period (a term report)."""

    committee: Committee
    campaign: Campaign | None = None
    base: Report | None = None  # a term report's page is reached through any report over its period

    def reports(self):
        if self.campaign is not None:
            return Report.objects.filter(campaign=self.campaign, committee=self.committee)
        return Report.objects.filter(**period_of(self.base).report_fields)

    def open_report(self) -> Report | None:
        return self.reports().exclude(status=Report.Status.SIGNED).first()

    def url(self, action: str = "") -> str:
        """The page, or the URL of one action on it."""
        if self.campaign is not None:
            return page_url(f"report_{action}" if action else "report", self.campaign, self.committee)
        return reverse(f"term_report_{action}" if action else "term_report", args=[self.base.pk])

    def urls(self) -> dict[str, str]:
        return {action: self.url(action) for action in ACTIONS}


ACTIONS = (
    "edit",
    "keep",
    "closing",
    "regenerate",
    "approve",
    "reopen",
    "send_back",
    "numbering",
    "sign",
    "correction",
    "preview",
    "xlsx",
    "docx",
    "prepare",
    "prepared_pdf",
    "upload_signed",
)


def subject_of(request, *, code: str | None = None, pk: int | None = None) -> Subject:
    """The subject of a report URL: ``code`` names a campaign (the committee from ``?committee=``), ``pk`` a
    term report in the user's scope."""
    if code is not None:
        campaign, committee = campaign_and_committee(request, code)
        return Subject(committee=committee, campaign=campaign)
    base = get_object_or_404(
        scoped(Report.objects.filter(campaign=None).select_related("committee"), request.user, "committee"), pk=pk
    )
    return Subject(committee=base.committee, base=base)


# The session key keeping a paragraph edit that was not saved, to show again in its editor.
REFUSED_EDIT = "refused_paragraph_edit"
REFUSED_CORRECTION = "refused_correction"
REFUSED_SEND_BACK = "refused_send_back"
# The files a report keeps, read only to be downloaded.
FILES = ("signed_pdf", "signed_xlsx", "prepared_pdf")


def report_url(report: Report) -> str:
    """The page of the report's subject."""
    if report.campaign_id:
        return page_url("report", report.campaign, report.committee)
    return reverse("term_report", args=[report.pk])


@requires("can_read_figures")
def report_page(request, code=None, pk=None):
    subject = subject_of(request, code=code, pk=pk)
    campaign, committee = subject.campaign, subject.committee
    report = subject.open_report()
    blocks = report_blocks(report) if report else []
    refused_edit = request.session.get(REFUSED_EDIT)
    if report is not None and refused_edit and refused_edit["report"] == report.pk:  # that report's page only
        del request.session[REFUSED_EDIT]
        if report.status != Report.Status.DRAFT or all(block.key != refused_edit["key"] for block in blocks):
            messages.error(request, refused_edit["reason"])  # no editor to open again: said above the page
            refused_edit = None
    else:
        refused_edit = None
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
        "reporting/documents/report.html",
        {
            "campaign": campaign,
            "committee": committee,
            "subject": subject,
            "urls": subject.urls(),
            "report": report,
            "blocks": blocks,
            "shown_blocks": shown_blocks(blocks),
            "footnote_order": " ".join(editor_numbers(blocks)),
            "refused_edit": refused_edit,
            # Approval would be refused while a suggestion waits: the button then asks nothing and shows why.
            "awaiting_review": any(block.awaits_review for block in blocks),
            "closing": closing,
            "signed_reports": _signed_reports(subject),
            "pending": results_pending(report) if report and report.status == Report.Status.DRAFT else [],
            "stale": STALE if report and not is_current(report) else "",
            **_correcting(request),
            "sending_back": _sending_back(request),
            **_numbering(report),
            "term_notice": term_notice(report.committee) if report and report.status == Report.Status.APPROVED else "",
            "replaces_key": REPLACES,
        },
    )


def _signed_reports(subject: Subject):
    """The subject's signed reports as the page lists them: who signed, what replaced them, whether their tables
    were kept; none of their files read."""
    return (
        subject.reports()
        .filter(status=Report.Status.SIGNED)
        .select_related("number", "signed_by", "replaced_by")
        .defer(*FILES, *(f"replaced_by__{name}" for name in FILES))
        .annotate(has_tables=Q(signed_xlsx__isnull=False))
    )


def _refused_again(request, key: str, form_class):
    """The form refused a moment ago (kept in the session under ``key`` by ``_keep_refused``), its errors at its
    boxes; None when there is none."""
    refused = request.session.pop(key, None)
    if refused is None:
        return None
    form = form_class(data=refused)
    form.is_valid()
    return form


def _keep_refused(request, key: str, **kept) -> None:
    """What was typed in a refused reason, kept for the page to show again at its box (bounded, no NUL)."""
    typed = request.POST.get("reason", "")[:1000].replace("\x00", "")
    request.session[key] = {**kept, "reason": typed}


def _correcting(request) -> dict:
    """The correction form: empty, or as refused a moment ago (its error at the reason, the section open)."""
    blank = {"correcting_blank": CorrectionForm(), "correcting_report": None}
    if (form := _refused_again(request, REFUSED_CORRECTION, CorrectionForm)) is None:
        return blank
    return {**blank, "correcting": form, "correcting_report": form.data["report"]}


def _numbering(report: Report | None) -> dict:
    """The number the open report gets when signed, and the form to go on from numbers issued outside the system."""
    if report is None or report.number_id:
        return {"next_number": ""}
    day = timezone.localdate()
    try:
        term = term_on(committee=report.committee, day=day)
    except NumberingError:
        return {"next_number": ""}  # no term yet: signing says why
    return {
        "next_number": next_label(committee=report.committee, term=term),
        "term": term,
        "numbering": NumberingForm(),
    }


def _sending_back(request) -> SendBackForm:
    """The leader's form to send the report back: empty, or as refused a moment ago (its error at the box)."""
    return _refused_again(request, REFUSED_SEND_BACK, SendBackForm) or SendBackForm()


def report_action(view):
    """An action on the open report: back to the report page, with the refusal told if it does not fit."""

    @wraps(view)
    def wrapped(request, code=None, pk=None):
        subject = subject_of(request, code=code, pk=pk)
        page = subject.url()
        report = subject.open_report()
        try:
            if report is None:
                raise ReportStateError(_("Chưa có dự thảo báo cáo."))
            return view(request, report) or redirect(page)
        except (ReportStateError, EditConflict) as error:
            messages.error(request, str(error))
            return redirect(page)

    return wrapped


@require_POST
@requires("can_manage")
def report_start_view(request, code):
    """A first draft; once a report is signed, a new one starts only as its correction."""
    campaign, committee = campaign_and_committee(request, code)
    signed = Report.objects.filter(campaign=campaign, committee=committee, status=Report.Status.SIGNED)
    if signed.exists() and open_report(campaign=campaign, committee=committee) is None:
        messages.error(request, _("Báo cáo đã ký; muốn sửa, hãy mở đính chính báo cáo đã ký."))
    else:
        report_start(campaign=campaign, committee=committee)
        messages.success(request, _("Đã lập dự thảo báo cáo từ số liệu."))
    return redirect(page_url("report", campaign, committee))


@require_POST
@requires("can_manage")
def report_correction_view(request, code=None, pk=None):
    subject = subject_of(request, code=code, pk=pk)
    page = subject.url()
    form = CorrectionForm(request.POST)
    signed = None
    if form.is_valid():
        signed = subject.reports().filter(pk=form.cleaned_data["report"], status=Report.Status.SIGNED).first()
    elif "reason" in form.errors and "report" not in form.errors:  # told at its box, the section open again
        _keep_refused(request, REFUSED_CORRECTION, report=form.cleaned_data["report"])
        return redirect(f"{page}#dinh-chinh-{form.cleaned_data['report']}")
    try:
        if signed is None:
            raise ReportStateError(form.refusal())
        report_open_correction(signed=signed, user=request.user, reason=form.cleaned_data["reason"])
    except ReportStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã mở đính chính báo cáo số %s: số liệu đã mở khóa để sửa; khi ký, văn bản mới có số mới.")
            % signed.number.label,
        )
    return redirect(page)


@require_POST
@requires("can_manage")
@report_action
def report_edit_view(request, report):
    form = ParagraphForm(request.POST)
    if not form.is_valid():
        # The text's own fault (a NUL character …) is told as it is; anything else means no such paragraph.
        raise ReportStateError(form.errors["text"][0] if "text" in form.errors else _("Không tìm thấy đoạn cần sửa."))
    data = form.cleaned_data
    if "seen" not in request.POST:  # the page always says what the editor saw; without it, another's edit is unseen
        raise ReportStateError(_("Không rõ đoạn văn bạn đã xem: tải lại trang rồi sửa lại."))
    order = data["footnotes"].split() or None  # the footnotes' keys in the numbers the editor showed
    at_paragraph = f"{report_url(report)}#doan-{data['key']}"
    try:
        report_edit_typed(report=report, key=data["key"], text=data["text"], seen=data["seen"], order=order)
    except (ReportStateError, EditConflict) as refused:
        # Back to the paragraph, its editor open with what was typed and why it was not saved.
        kept = {"report": report.pk, "key": data["key"], "text": data["text"], "reason": str(refused)}
        request.session[REFUSED_EDIT] = kept
        return redirect(at_paragraph)
    messages.success(request, _("Đã lưu đoạn văn."))
    return redirect(at_paragraph)


@require_POST
@requires("can_manage")
@report_action
def report_keep_view(request, report):
    """A suggested paragraph read and kept as it stands; back to where the reader was."""
    key = request.POST.get("key", "")[:100]
    report_keep(report=report, key=key)
    messages.success(request, _("Đã giữ nguyên đoạn văn."))
    return redirect(f"{report_url(report)}#doan-{key}")


@require_POST
@requires("can_manage")
@report_action
def report_closing_view(request, report):
    form = ClosingForm(request.POST)
    if not form.is_valid():
        raise ReportStateError(form.refusal())
    data = form.cleaned_data
    report_update_closing(
        report=report,
        recipients=data["recipients"],
        authority=data["authority"],
        title=data["title"],
        name=data["name"],
        seen=form.seen(),
    )
    messages.success(request, _("Đã lưu nơi nhận và người ký."))


@require_POST
@requires("can_manage")
@report_action
def report_regenerate_view(request, report):
    stale = report_regenerate(report=report)
    if stale:
        messages.warning(
            request,
            _("Đã cập nhật từ số liệu. %(count)d đoạn đã sửa có số liệu thay đổi bên dưới, cần xem lại.")
            % {"count": len(stale)},
        )
    else:
        messages.success(request, _("Đã cập nhật dự thảo từ số liệu mới nhất; các đoạn đã sửa được giữ nguyên."))


@require_POST
@requires("can_manage")
@report_action
def report_approve_view(request, report):
    report_approve(report=report, user=request.user)
    messages.success(request, _("Đã duyệt báo cáo; chờ lãnh đạo ký."))


@require_POST
@requires("can_manage")
@report_action
def report_reopen_view(request, report):
    report_reopen(report=report)
    messages.success(request, _("Đã chuyển báo cáo về dự thảo."))


@require_POST
@requires("can_sign")
@report_action
def report_send_back_view(request, report):
    """The leader sends the approved report back to staff, saying what to change; without a reason, asked at
    its box."""
    form = SendBackForm(request.POST)
    if not form.is_valid():
        _keep_refused(request, REFUSED_SEND_BACK)
        return redirect(f"{report_url(report)}#tra-lai")
    report_reopen(report=report, returned_by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Đã trả lại báo cáo cho cán bộ tuyên giáo kèm nội dung cần sửa."))


@require_POST
@requires("can_manage")
@report_action
def report_numbering_view(request, report):
    """Reports numbered outside the system this term: the next is numbered after them."""
    if report.number_id:
        raise ReportStateError(_("Báo cáo này đã được cấp số %s.") % report.number.label)
    form = NumberingForm(request.POST)
    if not form.is_valid():
        raise ReportStateError(" ".join(form.errors["last"]))
    try:
        register = register_continue(
            committee=report.committee, day=timezone.localdate(), last=form.cleaned_data["last"]
        )
    except NumberingError as refused:
        raise ReportStateError(str(refused)) from None
    next_number = next_label(committee=report.committee, term=register.term)
    messages.success(request, _("Đã ghi sổ: báo cáo này khi ký sẽ mang số %s.") % next_number)


@require_POST
@requires("can_sign")
@report_action
def report_sign_view(request, report):
    """Signing takes seconds: it runs as a job, whose page is shown next."""
    page = report_url(report)
    return redirect(job_start(user=request.user, kind=SIGN, arguments={"report": report.pk}, return_url=page))


@requires("can_read_figures")
def report_preview(request, code=None, pk=None):
    """The open report as it will print: staff while drafting, the leader before signing."""
    return _open_report_export(request, ReportPdfExporter.identifier, code=code, pk=pk)


@requires("can_read_figures")
def report_docx(request, code=None, pk=None):
    """The open report as a Word file, to finish in Word (the issued document stays the signed PDF)."""
    return _open_report_export(request, ReportDocxExporter.identifier, code=code, pk=pk)


def _open_report_export(request, kind: str, *, code=None, pk=None):
    subject = subject_of(request, code=code, pk=pk)
    report = subject.open_report()
    if report is None:
        raise Http404
    return export_response(request, kind=kind, arguments={"report": report.pk}, return_url=subject.url())


@requires("can_manage")
def report_xlsx(request, code=None, pk=None):
    """The report's tables: a campaign's are the dashboard's workbook; a term report's its own; the same
    selectors as the text."""
    if code is not None:
        return campaign_export(request, code, kind=DashboardExporter.identifier, back_to="report")
    subject = subject_of(request, pk=pk)
    return export_response(
        request, kind=TermReportExporter.identifier, arguments={"report": subject.base.pk}, return_url=subject.url()
    )


@requires("can_read_figures")
def signed_report_pdf(request, pk):
    report = _signed(request, pk, "signed_pdf")
    return attachment(f"bao-cao-{report.number.label.replace('/', '-')}.pdf", "application/pdf", report.signed_pdf)


@requires("can_read_figures")
def signed_report_xlsx(request, pk):
    """The tables kept with the signed file: its figures as signed, whatever has changed since."""
    report = _signed(request, pk, "signed_xlsx")
    if report.signed_xlsx is None:
        raise Http404  # signed before the tables were kept with it
    filename = f"bao-cao-{report.number.label.replace('/', '-')}-bang-so-lieu.xlsx"
    return attachment(filename, XLSX_MIMETYPE, report.signed_xlsx)


def _signed(request, pk, content: str) -> Report:
    """A signed report of the user's subtree, with ``content``, the one file the response needs."""
    reports = Report.objects.select_related("number").only("pk", "committee", "number", content)
    return get_object_or_404(scoped(reports, request.user, "committee"), pk=pk, status=Report.Status.SIGNED)


@login_required
def verify(request):
    from reporting.documents.verification import verify_report_pdf  # pyHanko loads slowly; only when verifying

    form = VerifyForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = verify_report_pdf(form.cleaned_data["file"])
    # The box is empty again after the check: the answer names the file it is about.
    checked = request.FILES["file"].name if outcome else ""
    return render(request, "reporting/documents/verify.html", {"form": form, "outcome": outcome, "checked": checked})
