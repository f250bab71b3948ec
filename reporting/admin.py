from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from conferences.figure_rules import RESULT_RULES, FigureRulesForm
from conferences.history_admin import HistoryAdmin
from conferences.upload_size import CERTIFICATE_BYTES, TooLarge, read_at_most
from reporting.documents.keys import KeyRefused, committee_key_add, read_pkcs12
from reporting.models import (
    ExportJob,
    IssuedNumber,
    NumberRegister,
    Organisation,
    OrganisationOutreach,
    Report,
    ResultImport,
    SealImage,
    SetupUpload,
    SignatureImage,
    SigningKey,
    UnitResult,
)
from reporting.models.locks import lock_for, lock_message
from reporting.models.unit_results import FIGURE_FIELDS
from reporting.results.checks import comparison_for, figure_warnings


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name"]


def _locked(result: UnitResult | None) -> bool:
    """Whether a signed report counted ``result``: the admin then shows it read-only."""
    return result is not None and lock_for(result) is not None


class OrganisationOutreachInline(admin.TabularInline):
    model = OrganisationOutreach
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(UnitResult)
class UnitResultAdmin(HistoryAdmin):
    """Results a signed report counted are shown read-only, with the reason; nothing deletes them in bulk."""

    form = FigureRulesForm.for_admin(RESULT_RULES)
    list_display = [
        "unit",
        "campaign",
        "status",
        "submitted_at",
        "party_members_attended",
        "party_members_total",
        "non_members_attended",
        "non_members_total",
    ]
    list_filter = ["status", "campaign"]
    list_select_related = ["unit", "campaign"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit", "campaign"]
    inlines = [OrganisationOutreachInline]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """Saved as typed; the warnings a secretary would have been asked to confirm are told here."""
        super().save_model(request, obj, form, change)
        figures = {name: getattr(obj, name) for name in FIGURE_FIELDS}
        for warning in figure_warnings(figures, comparison_for(obj)):
            messages.warning(request, f"{form.fields[warning.field].label}: {warning.message}")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        result = self.get_object(request, object_id)
        if result is not None and (report := lock_for(result)) is not None:
            messages.warning(request, lock_message(report))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(OrganisationOutreach)
class OrganisationOutreachAdmin(HistoryAdmin):
    list_display = ["result", "organisation", "sessions", "people"]
    list_filter = ["organisation"]
    list_select_related = ["result__unit", "result__campaign", "organisation"]
    autocomplete_fields = ["result"]

    def has_change_permission(self, request, obj=None):
        return not (obj and _locked(obj.result)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and _locked(obj.result)) and super().has_delete_permission(request, obj)


class NumberRegisterForm(forms.ModelForm):
    """A register may continue the paper one: its last number moves forward, never back below what was issued."""

    class Meta:
        model = NumberRegister
        fields = ["committee", "document_type", "term", "last_sequence"]
        help_texts = {
            "last_sequence": _("Số cuối đã cấp, kể cả trong sổ giấy: văn bản tiếp theo mang số này cộng một."),
        }

    def clean_last_sequence(self) -> int:
        value = self.cleaned_data["last_sequence"]
        issued = self.instance.numbers.aggregate(Max("sequence"))["sequence__max"] if self.instance.pk else None
        if issued is not None and value < issued:
            raise forms.ValidationError(_("Đã cấp đến số %(issued)d; số cuối không được nhỏ hơn.") % {"issued": issued})
        return value


@admin.register(NumberRegister)
class NumberRegisterAdmin(admin.ModelAdmin):
    form = NumberRegisterForm
    list_display = ["committee", "document_type", "term", "last_sequence"]
    list_select_related = ["committee", "term"]

    def get_readonly_fields(self, request, obj=None):
        return ["committee", "document_type", "term"] if obj else []


@admin.register(IssuedNumber)
class IssuedNumberAdmin(admin.ModelAdmin):
    list_display = ["label", "register", "issued_at", "issued_by", "cancelled"]
    list_select_related = ["register__committee", "register__term", "issued_by"]
    readonly_fields = ["register", "sequence", "label", "issued_at", "issued_by"]

    def has_add_permission(self, request):
        return False  # numbers are issued by signing, one register at a time

    def has_delete_permission(self, request, obj=None):
        return False  # never reused, never deleted: a cancelled one is marked so


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "status", "issued_on", "signed_at"]
    list_filter = ["status"]
    list_select_related = ["committee", "campaign", "number"]
    # The workflow moves a report on (approve, sign, correct) from the report page, never the admin.
    readonly_fields = [
        "status",
        "number",
        "issued_on",
        "signed_sha256",
        "signed_at",
        "signed_by",
        "approved_at",
        "approved_by",
        "replaces",
        "correction_reason",
        "correction_opened_at",
        "correction_opened_by",
    ]
    exclude = ["draft", "edits"]

    def has_change_permission(self, request, obj=None):
        """A signed report is shown read-only: a correction is a new report, opened from the report page."""
        return not (obj and obj.status == Report.Status.SIGNED) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.status == Report.Status.SIGNED) and super().has_delete_permission(request, obj)


@admin.register(ResultImport)
class ResultImportAdmin(admin.ModelAdmin):
    """Uploads waiting for confirmation (kept an hour): seen, never made here."""

    list_display = ["file_name", "user", "campaign", "committee", "created_at"]
    list_select_related = ["user", "campaign", "committee"]
    readonly_fields = ["user", "campaign", "committee", "file_name", "rows", "skipped", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SetupUpload)
class SetupUploadAdmin(admin.ModelAdmin):
    """Tree and accounts files waiting for their uploader to save them (kept an hour): seen, never made here."""

    list_display = ["file_name", "kind", "user", "created_at"]
    list_select_related = ["user"]
    fields = readonly_fields = ["user", "kind", "file_name", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "status", "created_at", "finished_at", "filename"]
    list_filter = ["status", "kind"]
    list_select_related = ["user"]
    exclude = ["content"]
    readonly_fields = [
        "user",
        "kind",
        "arguments",
        "status",
        "progress",
        "filename",
        "mimetype",
        "error",
        "return_url",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False


class SigningKeyForm(forms.ModelForm):
    """The administrator adds a committee's PKCS#12 with its passphrase; neither is shown again."""

    file = forms.FileField(label=_("Tệp chứng thư số (.p12, .pfx)"))
    passphrase = forms.CharField(label=_("Mật khẩu của tệp"), widget=forms.PasswordInput, required=False)

    class Meta:
        model = SigningKey
        fields = ["committee"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["content"] = read_at_most(data["file"], CERTIFICATE_BYTES)
            read_pkcs12(data["content"], data.get("passphrase", ""))
        except (TooLarge, KeyRefused) as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = committee_key_add(
            committee=data["committee"], pkcs12_bytes=data["content"], passphrase=data.get("passphrase", "")
        )
        return self.instance

    def save_m2m(self):
        pass


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    """Each committee's signing certificate: added from its PKCS#12, never downloaded; a new one retires the old."""

    form = SigningKeyForm
    list_display = ["committee", "common_name", "valid_until", "active", "added_at"]
    list_select_related = ["committee"]
    autocomplete_fields = ["committee"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["committee", "file", "passphrase"]
        return ["committee", "common_name", "fingerprint", "valid_until", "active", "added_at", "added_by"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # what it signed is verified with it for as long as the documents are kept

    def save_model(self, request, obj, form, change):
        if obj.added_by_id is None:
            obj.added_by = request.user
            obj.save(update_fields=["added_by"])


@admin.register(SealImage)
class SealImageAdmin(admin.ModelAdmin):
    """Seals are uploaded by staff on their page (Danh mục → Con dấu); here they are seen and removed."""

    list_display = ["committee", "uploaded_at", "uploaded_by"]
    list_select_related = ["committee", "uploaded_by"]
    readonly_fields = ["committee", "uploaded_at", "uploaded_by"]

    def has_add_permission(self, request):
        return False


@admin.register(SignatureImage)
class SignatureImageAdmin(admin.ModelAdmin):
    """Each leader uploads their own signature (Chữ ký của tôi); here it is seen and removed."""

    list_display = ["user", "uploaded_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "uploaded_at"]

    def has_add_permission(self, request):
        return False
