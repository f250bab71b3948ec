from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.names import letters_of_other_scripts, name_key, typed_name
from conferences.choice_fields import BoundedModelForm
from conferences.figure_rules import RESULT_RULES, FigureRulesForm
from conferences.forms import DateInput
from reporting.figures.formatting import format_number
from reporting.models import Organisation, UnitResult
from reporting.models.organisations import MAX_ADDED_PER_UNIT
from reporting.models.unit_results import FIGURE_FIELDS, PAIRED, outreach_problems
from reporting.results.checks import FigureWarning, campaign_date_problems, comparison_for, figure_warnings
from reporting.results.submissions import OutreachEntry

# A commune's propaganda session reaches tens of people (the seeds: 7 to 68 on average); thousands at every
# session is a typing slip.
MAX_PEOPLE_PER_SESSION = 5_000
# Notes and reasons are a few sentences; more is a paste gone wrong.
MAX_NOTES = 2_000
MAX_REASON = 1_000
RESULT_FIELDS = ["held_from", "held_to", *FIGURE_FIELDS, "notes"]
# A figure a draft may leave empty and sending asks for: every figure of the result and of the listed organisations.
REQUIRED_TO_SEND = _("Nhập số liệu này trước khi gửi (nhập 0 nếu không có).")


class UnitResultForm(FigureRulesForm, BoundedModelForm):
    """The unit's figures: refused where a rule is broken, warned where a figure looks unlikely.

    ``sending``: the secretary pressed "Gửi báo cáo"; every figure is then
    needed, warnings need ``confirm_warnings`` ticked, and the confirmed ones go
    to the reviewer. A draft may leave figures empty: they show empty again.
    """

    # The version the form was opened with; saving checks nobody saved since.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm_warnings = forms.BooleanField(
        label=_("Tôi đã xem lại: các số liệu có cảnh báo ở trên là đúng."), required=False
    )
    figure_rules = RESULT_RULES

    class Meta(BoundedModelForm.Meta):
        model = UnitResult
        fields = RESULT_FIELDS
        widgets = {"held_from": DateInput(), "held_to": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, sending: bool = False, outreach: list["OutreachForm"] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        self.outreach = outreach  # the organisations' rows: their unlikely figures are confirmed here too
        self.warnings: list[FigureWarning] = []
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        notes = self.fields["notes"]
        notes.max_length = MAX_NOTES
        notes.validators.append(MaxLengthValidator(MAX_NOTES))
        notes.widget.attrs["maxlength"] = MAX_NOTES
        notes.error_messages["max_length"] = _("Ghi chú quá dài: tối đa 2.000 ký tự, đã nhập %(show_value)s.")
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):  # positive fields: min_value is already 0
                field.widget.attrs["inputmode"] = "numeric"
                field.error_messages["min_value"] = _("Không được nhập số âm.")
        for name in FIGURE_FIELDS:
            ask_before_sending(self.fields[name], sending)

    def clean(self):
        data = super().clean()  # the figure rules: attended within the total …
        for name, message in campaign_date_problems(self.instance.campaign, data.get("held_from"), data.get("held_to")):
            self.add_error(name, message)
        if self.errors:
            return data
        self.warnings = figure_warnings({name: data.get(name) for name in FIGURE_FIELDS}, comparison_for(self.instance))
        for name in dict.fromkeys(warning.field for warning in self.warnings):
            messages = " ".join(warning.message for warning in self.warnings if warning.field == name)
            # The bound field copied the help text when it was made: both carry the warning.
            self.fields[name].help_text = self[name].help_text = format_html(
                '<span class="figure-warning text-warning-emphasis fw-semibold">⚠ {}</span>', messages
            )
        self.warnings += [row.warning for row in self.outreach if row.is_valid() and row.warning]
        if self.sending and self.warnings and not data.get("confirm_warnings"):
            self.add_error(
                "confirm_warnings",
                _("Có số liệu cần xem lại (đánh dấu ⚠). Sửa lại, hoặc đánh dấu ô này nếu số liệu đúng rồi gửi."),
            )
        return data

    @property
    def waits_for_confirmation(self) -> bool:
        """Refused only because warnings were not confirmed."""
        return set(self.errors) == {"confirm_warnings"}

    @property
    def confirmed_warnings(self) -> list[dict[str, str]]:
        if not self.sending:
            return []
        return [
            warning.as_dict(label=warning.label or str(self.fields[warning.field].label)) for warning in self.warnings
        ]


class OutreachForm(FigureRulesForm, forms.Form):
    """Sessions and people reached by one organisation; ``name`` only for others."""

    name = forms.CharField(
        label=_("Tổ chức khác"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tổ chức khác")}),
    )
    sessions = forms.IntegerField(label=_("Số buổi"), min_value=0, required=False)
    people = forms.IntegerField(label=_("Lượt người"), min_value=0, required=False)
    remove = forms.BooleanField(label=_("Bỏ tên này"), required=False)

    def __init__(
        self,
        *args,
        organisation: Organisation | None = None,
        listed: frozenset[str] = frozenset(),
        sending: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.listed = listed  # the names of the organisations with a row of their own, case folded
        self.warning: FigureWarning | None = None
        if organisation is not None:
            del self.fields["name"]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
            field.error_messages["min_value"] = _("Không được nhập số âm.")
        if organisation is None or organisation.added_by_id is None:
            del self.fields["remove"]  # only a name the unit added itself may go
        else:
            self.fields["remove"].widget.attrs["class"] = "form-check-input"
            sending = sending and not self.removing
        for name in ("sessions", "people"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
            if organisation is not None:  # a listed organisation's figures are asked for as the result's are
                ask_before_sending(self.fields[name], sending)

    @property
    def removing(self) -> bool:
        field = self.fields.get("remove")
        return bool(
            field and self.is_bound and field.widget.value_from_datadict(self.data, {}, self.add_prefix("remove"))
        )

    def clean_name(self) -> str:
        name = typed_name(self.cleaned_data.get("name", ""))
        if foreign := letters_of_other_scripts(name):
            message = _(
                "Tên tổ chức viết bằng chữ tiếng Việt; “%(letters)s” là chữ của bảng chữ cái khác (thường do dán từ "
                "nơi khác), hãy gõ lại tên."
            )
            raise forms.ValidationError(message % {"letters": foreign})
        if name_key(name) in self.listed:  # its figures go in its own row, which they would overwrite
            message = _("“%(name)s” đã có dòng riêng ở trên; ghi số liệu vào dòng đó.")
            raise forms.ValidationError(message % {"name": name})
        return name

    def clean(self):
        data = super().clean()
        if self.removing:  # what was typed beside it goes with it, wrong or not
            for name in ("sessions", "people"):
                self.errors.pop(name, None)
            return {**data, "sessions": None, "people": None}
        if "sessions" not in data or "people" not in data:  # a figure typed wrong is told at its field
            return data
        if data["sessions"] is None and data["people"] is None:
            return data  # left empty: nothing stored
        empty = "sessions" if data["sessions"] is None else "people" if data["people"] is None else ""
        data["sessions"], data["people"] = data["sessions"] or 0, data["people"] or 0
        sessions, people = data["sessions"], data["people"]
        if self.organisation is None and (sessions or people) and not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Nhập tên tổ chức."))
        if empty and (sessions or people):  # one of the pair typed: the other goes with it, even in a draft
            self.add_error(empty, PAIRED[empty])
            return data
        for field, message in outreach_problems(sessions, people):
            self.add_error(field, message)
        if not self.errors and people > MAX_PEOPLE_PER_SESSION * sessions:  # unlikely, not impossible: to confirm
            message = _("Bình quân hơn %(most)s lượt người một buổi; kiểm tra lại số buổi và lượt người.") % {
                "most": format_number(MAX_PEOPLE_PER_SESSION)
            }
            named = self.organisation or data.get("name", "")
            self.warning = FigureWarning(f"{self.prefix}-people", message, label=f"{named} — {_('Lượt người')}")
        return data


def ask_before_sending(field: forms.Field, sending: bool) -> None:
    """``field`` may be left empty in a draft; sending needs it, and the send button asks only when all are in."""
    field.widget.attrs["data-required-to-send"] = ""
    field.required = sending
    field.error_messages["required"] = REQUIRED_TO_SEND


class ReturnForm(forms.Form):
    """Staff send a result back to the unit, saying why."""

    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_REASON,
        error_messages={"max_length": _("Lý do quá dài: tối đa 1.000 ký tự, đã nhập %(show_value)s.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Nêu lý do trả lại để đơn vị sửa.")

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Nêu lý do trả lại để đơn vị sửa."))
        return reason


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        error_messages={
            "required": _("Chọn tệp Excel (.xlsx) cần nhập."),
        },
    )


# Blank rows for organisations beyond the usual five.
EXTRA_ORGANISATIONS = 2


def outreach_forms(data, result: UnitResult, *, sending: bool = False) -> list[OutreachForm]:
    """One form per organisation the unit may report on, filled from the result, bound to ``data`` when posted;
    blank rows for new names while the unit has not reached its limit. ``sending``: each listed organisation's
    figures are needed."""
    existing = {o.organisation_id: o for o in result.outreach.all()} if result.pk else {}
    usable = Organisation.objects.usable_by(result.unit) | Organisation.objects.filter(pk__in=list(existing))
    forms_ = []
    for organisation in usable.distinct():
        current = existing.pop(organisation.pk, None)
        initial = {"sessions": current.sessions, "people": current.people} if current else {}
        prefix = f"org-{organisation.code}"
        forms_.append(OutreachForm(data, organisation=organisation, prefix=prefix, initial=initial, sending=sending))
    room = MAX_ADDED_PER_UNIT - sum(1 for form in forms_ if form.organisation.added_by_id == result.unit_id)
    listed = frozenset(name_key(form.organisation.name) for form in forms_)
    extra = min(EXTRA_ORGANISATIONS, max(room, 0))
    forms_ += [OutreachForm(data, prefix=f"other-{n}", listed=listed) for n in range(extra)]
    return forms_


def outreach_entries(forms_: list[OutreachForm]) -> list[OutreachEntry]:
    return [
        OutreachEntry(
            form.organisation,
            form.cleaned_data.get("name", ""),
            form.cleaned_data["sessions"],
            form.cleaned_data["people"],
            form.removing,
        )
        for form in forms_
        if form.organisation is not None or form.cleaned_data.get("name")
    ]
