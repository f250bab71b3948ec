from django import forms
from django.utils.translation import gettext_lazy as _

CLOSING_FIELDS = ("recipients", "authority", "title", "name")
# A NUL character (pasted from another program) cannot be stored; Django's own message is English.
NUL_REFUSED = {"null_characters_not_allowed": _("Văn bản có ký tự không hợp lệ (ký tự rỗng); hãy gõ lại phần đó.")}


class ParagraphForm(forms.Form):
    """Staff's own wording for one paragraph; ``seen`` is the paragraph as the editor was shown it."""

    key = forms.CharField(max_length=100)
    text = forms.CharField(required=False, strip=False, error_messages=NUL_REFUSED)
    seen = forms.CharField(required=False, strip=False)


class ClosingForm(forms.Form):
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=100)
    title = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
    name = forms.CharField(label=_("Họ tên người ký"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(NUL_REFUSED)

    def refusal(self) -> str:
        """Why the form was refused, in one sentence for the page's message."""
        codes = {error.code for errors in self.errors.as_data().values() for error in errors}
        if "null_characters_not_allowed" in codes:
            return str(NUL_REFUSED["null_characters_not_allowed"])
        return str(_("Nhập đủ thẩm quyền, chức vụ và họ tên người ký."))

    def seen(self) -> dict[str, str]:
        """The values the form was shown with (hidden ``seen_*`` fields), to detect someone else's save."""
        return {field: self.data.get(f"seen_{field}", "") for field in CLOSING_FIELDS}


class CorrectionForm(forms.Form):
    """Staff open a correction of a signed report, saying why."""

    report = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Nêu lý do đính chính."), **NUL_REFUSED},
    )

    def refusal(self) -> str:
        return str(next(iter(self.errors.get("reason", [])), _("Không tìm thấy báo cáo cần đính chính.")))


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra"))
