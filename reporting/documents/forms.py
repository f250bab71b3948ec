from django import forms
from django.utils.translation import gettext_lazy as _

CLOSING_FIELDS = ("recipients", "authority", "title", "name")


class ParagraphForm(forms.Form):
    """Staff's own wording for one paragraph; ``seen`` is the paragraph as the editor was shown it."""

    key = forms.CharField(max_length=100)
    text = forms.CharField(required=False, strip=False)
    seen = forms.CharField(required=False, strip=False)


class ClosingForm(forms.Form):
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=100)
    title = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
    name = forms.CharField(label=_("Họ tên người ký"), max_length=100)

    def seen(self) -> dict[str, str]:
        """The values the form was shown with (hidden ``seen_*`` fields), to detect someone else's save."""
        return {field: self.data.get(f"seen_{field}", "") for field in CLOSING_FIELDS}


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra"))
