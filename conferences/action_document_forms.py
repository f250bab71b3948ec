"""The forms of action programmes and plans: one document, its text pasted or uploaded; the list's filter."""

from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from conferences.action_documents.services import MAX_DOCUMENTS_PER_CAMPAIGN
from conferences.action_documents.uploads import (
    CONTROL_CHARACTERS,
    MAX_TEXT_CHARS,
    UnreadableDocument,
    uploaded_text,
    with_line_breaks,
)
from conferences.choice_fields import BoundedModelForm
from conferences.forms import DateInput
from conferences.models import ActionDocument, Campaign, Committee
from conferences.record_forms import ScopedForm
from conferences.similarity import COPIED_PERCENT

no_control_characters = RegexValidator(
    CONTROL_CHARACTERS,
    inverse_match=True,
    message=_("Văn bản có ký tự điều khiển không hợp lệ; hãy gõ lại phần đó."),
    code="control_characters",
)


class ActionDocumentForm(ScopedForm):
    """A programme or plan of a unit of the user's scope; a secretary's unit is fixed to their own."""

    scoped = ("unit",)
    field_order = ["unit", "campaign", "kind", "number", "issued_on", "title", "upload", "text"]
    upload = forms.FileField(
        label=_("Tải lên tệp văn bản (.docx, .pdf)"),
        required=False,
        help_text=_("Tối đa 5 MB. Nội dung đọc được từ tệp thay cho nội dung dán ở ô dưới."),
    )

    class Meta(BoundedModelForm.Meta):
        model = ActionDocument
        fields = ["unit", "campaign", "kind", "number", "issued_on", "title", "text"]
        widgets = {"issued_on": DateInput(), "title": forms.Textarea(attrs={"rows": 2}), "text": forms.Textarea}

    def __init__(
        self, *args, committees: QuerySet[Committee], campaigns: QuerySet[Campaign], unit_fixed: bool, **kwargs
    ):
        super().__init__(*args, committees=committees, **kwargs)
        self.fields["campaign"].queryset = campaigns
        self.fields["unit"].disabled = unit_fixed
        text = self.fields["text"]
        text.widget.attrs["rows"] = 12
        text.validators.append(MaxLengthValidator(MAX_TEXT_CHARS))
        text.error_messages["max_length"] = _("Nội dung quá dài: tối đa 100.000 ký tự, đã nhập %(show_value)s.")
        for name in ("title", "text"):
            self.fields[name].validators.append(no_control_characters)

    def clean_title(self) -> str:
        return with_line_breaks(self.cleaned_data["title"])

    def clean_text(self) -> str:
        return with_line_breaks(self.cleaned_data["text"])

    def clean_upload(self) -> str:
        """The text read from the uploaded file, '' when none was chosen."""
        upload = self.cleaned_data.get("upload")
        if not upload:
            return ""
        try:
            return uploaded_text(upload, upload.name)
        except UnreadableDocument as refused:
            raise forms.ValidationError(str(refused)) from None

    def clean(self):
        data = super().clean()
        if data.get("upload"):
            data["text"] = data["upload"]
        elif not {"upload", "text"} & self.errors.keys() and not (data.get("text") or "").strip():
            self.add_error("text", _("Dán nội dung văn bản vào đây hoặc tải lên tệp .docx, .pdf."))
        unit, campaign = data.get("unit"), data.get("campaign")
        if unit and campaign and not unit.path.startswith(campaign.committee.path):
            self.add_error(
                "campaign",
                _("Đợt học tập này không do cấp ủy cấp trên của %(unit)s chỉ đạo.") % {"unit": unit},
            )
        elif unit and campaign and self._documents_besides(unit, campaign) >= MAX_DOCUMENTS_PER_CAMPAIGN:
            self.add_error(
                "campaign",
                _(
                    "%(unit)s đã có %(limit)d văn bản cho đợt học tập này, là số tối đa; "
                    "hãy sửa một văn bản đã nhập thay vì thêm mới."
                )
                % {"unit": unit, "limit": MAX_DOCUMENTS_PER_CAMPAIGN},
            )
        return data

    def _documents_besides(self, unit: Committee, campaign: Campaign) -> int:
        """How many other programmes and plans the unit has for the campaign."""
        return ActionDocument.objects.filter(unit=unit, campaign=campaign).exclude(pk=self.instance.pk).count()


class ActionDocumentFilterForm(forms.Form):
    """The list's filter: the documents of one campaign, or of all."""

    campaign = forms.ModelChoiceField(
        label=_("Đợt học tập"),
        queryset=Campaign.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả đợt học tập"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    copied = forms.BooleanField(
        label=_("Chỉ văn bản trùng với kế hoạch cấp trên"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, campaigns: QuerySet[Campaign], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns

    def filter_qs(self, documents: QuerySet[ActionDocument]) -> QuerySet[ActionDocument]:
        if not self.is_valid():
            return documents
        if self.cleaned_data["campaign"]:
            documents = documents.filter(campaign=self.cleaned_data["campaign"])
        if self.cleaned_data["copied"]:
            documents = documents.filter(similarity__gte=COPIED_PERCENT)
        return documents
