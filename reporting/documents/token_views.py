"""The leader signs with their own token: prepare the numbered file, download it, upload it signed."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.scoping import requires
from conferences.upload_size import SIGNED_PDF_BYTES, TooLarge, read_at_most
from reporting.documents.token_signing import report_accept_signed, report_prepare
from reporting.documents.views import report_action, subject_of
from reporting.documents.workflow import ReportStateError
from reporting.exports import attachment


class SignedUploadForm(forms.Form):
    file = forms.FileField(label=_lazy("Tệp PDF đã ký bằng thiết bị ký số"))


@require_POST
@requires("can_sign")
@report_action
def report_prepare_view(request, report):
    prepared = report_prepare(report=report, user=request.user)
    messages.success(
        request,
        _("Đã cấp số %s và tạo văn bản để ký: tải về, ký bằng thiết bị ký số của bạn, rồi tải lên tệp đã ký.")
        % prepared.number.label,
    )


@requires("can_sign")
def report_prepared_pdf(request, code=None, pk=None):
    report = subject_of(request, code=code, pk=pk).open_report()
    if report is None or report.prepared_pdf is None:
        raise Http404
    label = report.number.label.replace("/", "-")
    return attachment(f"bao-cao-{label}-de-ky.pdf", "application/pdf", bytes(report.prepared_pdf))


@require_POST
@requires("can_sign")
@report_action
def report_upload_signed_view(request, report):
    form = SignedUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ReportStateError(_("Chọn tệp PDF đã ký để tải lên."))
    try:
        content = read_at_most(form.cleaned_data["file"], SIGNED_PDF_BYTES)
    except TooLarge as refused:
        raise ReportStateError(str(refused)) from None
    signed = report_accept_signed(report=report, signed=content, user=request.user)
    messages.success(request, _("Đã nhận văn bản ký số, ban hành với số %s.") % signed.number.label)
