import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.choice_fields import MAX_KEY, BoundedModelForm, KeyChoiceField
from conferences.figure_rules import digits_only
from conferences.forms import DateInput
from conferences.models import Committee
from conferences.upload_size import SIGNED_PDF_BYTES, TooLarge, read_at_most
from reporting.models import Report

CLOSING_FIELDS = ("recipients", "authority", "title", "name")


# A report's longest paragraph runs to a few hundred words; more is a paste gone wrong.
MAX_PARAGRAPH = 5_000
MAX_RECIPIENTS = 2_000


def too_long(what: str, limit: int) -> dict[str, str]:
    """The message for a text field too long, with its limit and the length typed."""
    message = _("%(what)s quá dài: tối đa %(limit)s ký tự, đã nhập %%(show_value)s.") % {
        "what": what,
        "limit": f"{limit:,}".replace(",", "."),
    }
    return {"max_length": message}


class ParagraphForm(forms.Form):
    """Staff's own wording for one paragraph; ``seen`` is the paragraph as the editor was shown it."""

    key = forms.CharField(max_length=100)
    text = forms.CharField(
        required=False, strip=False, max_length=MAX_PARAGRAPH, error_messages=too_long(_("Đoạn văn"), MAX_PARAGRAPH)
    )
    seen = forms.CharField(required=False, strip=False, max_length=4 * MAX_PARAGRAPH)
    footnotes = forms.CharField(required=False, max_length=MAX_PARAGRAPH)  # their keys, in the editor's numbers


class ClosingForm(forms.Form):
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_RECIPIENTS,
        error_messages=too_long(_("Nơi nhận"), MAX_RECIPIENTS),
    )
    authority = forms.CharField(
        label=_("Thẩm quyền ký"), max_length=100, error_messages=too_long(_("Thẩm quyền ký"), 100)
    )
    title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=100, error_messages=too_long(_("Chức vụ người ký"), 100)
    )
    name = forms.CharField(
        label=_("Họ tên người ký"), max_length=100, error_messages=too_long(_("Họ tên người ký"), 100)
    )

    def refusal(self) -> str:
        """Why the form was refused, in one sentence for the page's message."""
        errors = [error for errors in self.errors.as_data().values() for error in errors]
        for code in ("null_characters_not_allowed", "max_length"):
            if refused := next((error for error in errors if error.code == code), None):
                return " ".join(refused.messages)
        return str(_("Nhập đủ thẩm quyền, chức vụ và họ tên người ký."))

    def seen(self) -> dict[str, str]:
        """The values the form was shown with (hidden ``seen_*`` fields), to detect someone else's save."""
        return {field: self.data.get(f"seen_{field}", "") for field in CLOSING_FIELDS}


class CorrectionForm(forms.Form):
    """Staff open a correction of a signed report, saying why."""

    report = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_KEY)
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Nêu lý do đính chính.")},
    )

    def refusal(self) -> str:
        return str(next(iter(self.errors.get("reason", [])), _("Không tìm thấy báo cáo cần đính chính.")))


class SendBackForm(forms.Form):
    """The leader sends an approved report back to staff, saying what to change."""

    reason = forms.CharField(
        label=_("Cần sửa gì"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Ghi cần sửa gì để cán bộ tuyên giáo biết.")},
    )


class NumberingForm(forms.Form):
    """Reports the committee numbered outside the system this term: the register goes on after the last."""

    last = forms.IntegerField(
        label=_("Số báo cáo cuối cùng đã cấp ngoài hệ thống trong nhiệm kỳ này"),
        min_value=0,
        max_value=9999,
        error_messages={
            "required": _("Ghi số báo cáo cuối cùng đã cấp, ví dụ 57."),
            "invalid": _("Ghi số báo cáo cuối cùng đã cấp, ví dụ 57."),
            "min_value": _("Ghi số báo cáo cuối cùng đã cấp, ví dụ 57."),
            "max_value": _("Số quá lớn: một nhiệm kỳ không cấp quá 9999 báo cáo."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain digits only: "1_0" or "５" read as numbers would use up numbers for the rest of the term.
        self.fields["last"].to_python = digits_only(self.fields["last"])


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra"))

    def clean_file(self) -> bytes:
        """The file's bytes, read no further than the bound."""
        try:
            return read_at_most(self.cleaned_data["file"], SIGNED_PDF_BYTES)
        except TooLarge as refused:
            raise forms.ValidationError(str(refused)) from None


# A term report covers a year or a term (five years), never more than two terms; it ends at most a year ahead.
MAX_PERIOD_DAYS = 10 * 366
MAX_DAYS_AHEAD = 366
EARLIEST = datetime.date(1930, 2, 3)  # the Party's founding: nothing it studied is older
MAX_SUBJECT = 1_000


class TermReportForm(BoundedModelForm):
    """A term report: the committee, the period, and the superior's request it answers (optional)."""

    committee = KeyChoiceField(label=_("Cấp ủy báo cáo"), queryset=Committee.objects.none())
    request_subject = forms.CharField(
        label=_("Trích yếu văn bản yêu cầu"),
        required=False,
        max_length=MAX_SUBJECT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: về việc báo cáo công tác nghiên cứu, học tập, quán triệt … các nghị quyết của Đảng"),
        error_messages=too_long(_("Trích yếu"), MAX_SUBJECT),
    )

    class Meta(BoundedModelForm.Meta):
        model = Report
        fields = [
            "committee",
            "period_starts_on",
            "period_ends_on",
            "request_number",
            "request_issued_on",
            "request_issuer",
            "request_subject",
        ]
        widgets = {
            "period_starts_on": DateInput(),
            "period_ends_on": DateInput(),
            "request_issued_on": DateInput(),
        }
        error_messages = {
            "period_starts_on": {"required": _("Nhập ngày bắt đầu của thời gian báo cáo.")},
            "period_ends_on": {"required": _("Nhập ngày kết thúc của thời gian báo cáo.")},
        }

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        for name in ("period_starts_on", "period_ends_on"):
            self.fields[name].required = True
            self.fields[name].error_messages["invalid"] = _("Ngày không hợp lệ; chọn ngày trên lịch.")
        self.fields["request_issued_on"].error_messages["invalid"] = _("Ngày không hợp lệ; chọn ngày trên lịch.")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("period_starts_on"), data.get("period_ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("period_ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        elif starts_on and ends_on and (ends_on - starts_on).days > MAX_PERIOD_DAYS:
            self.add_error(
                "period_starts_on", _("Thời gian báo cáo dài quá 10 năm; chọn một năm, một nhiệm kỳ hoặc ngắn hơn.")
            )
        for name in ("period_starts_on", "request_issued_on"):
            if data.get(name) and data[name] < EARLIEST:
                self.add_error(name, _("Ngày quá xa trong quá khứ; kiểm tra lại năm."))
        if ends_on and ends_on > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
            self.add_error("period_ends_on", _("Ngày kết thúc quá xa: chọn một ngày trong vòng một năm tới."))
        # A field refused already (a date too early) counts as given: one message is enough.
        request = [
            data.get(name) or name in self.errors for name in ("request_number", "request_issued_on", "request_issuer")
        ]
        if any(request) and not all(request):
            self.add_error(
                "request_number" if not request[0] else "request_issued_on" if not request[1] else "request_issuer",
                _("Văn bản yêu cầu báo cáo cần đủ số, ngày và cơ quan ban hành (hoặc để trống cả ba)."),
            )
        return data

    def _post_clean(self):
        # The instance's own checks (a report on a campaign or a period) run when the service saves it.
        pass
