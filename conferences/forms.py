import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from conferences.choice_fields import BoundedModelForm
from conferences.document_types import DocumentType, number_problem
from conferences.figure_rules import ATTENDANCE_RULES, FigureRulesForm
from conferences.models import (
    Absentee,
    Campaign,
    Committee,
    Conference,
    ConferenceSite,
    DirectingDocument,
    Resolution,
    VideoSite,
)
from conferences.services import ATTENDANCE_FIELDS


def compact_widgets(form: forms.BaseForm, *, text_class: str = "form-control form-control-sm") -> None:
    """Bootstrap's small controls for a form laid out as a table row (grid, formset)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs["class"] = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = text_class


class DateInput(forms.DateInput):
    """The browser's date picker, with the day chosen said beneath it in Vietnamese (static/js/date_said.js): a
    browser set to another language shows the month first, and 05/03 must not be read as the 3rd of May."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
        self.attrs.setdefault("data-weekdays", _("Chủ nhật,Thứ Hai,Thứ Ba,Thứ Tư,Thứ Năm,Thứ Sáu,Thứ Bảy"))
        self.attrs.setdefault("data-said", _("{weekday}, ngày {day} tháng {month} năm {year}"))


class VersionField(forms.IntegerField):
    """The version a form was opened with; saving checks nobody saved since (0 for a new record)."""

    def __init__(self):
        super().__init__(widget=forms.HiddenInput, min_value=0, initial=0, required=False)


class CampaignForm(BoundedModelForm):
    version = VersionField()
    plan_number = forms.CharField(label=_("Số kế hoạch chỉ đạo"), max_length=40, help_text=_("Ví dụ: 227-KH/HU"))
    plan_date = forms.DateField(label=_("Ngày ban hành kế hoạch"), widget=DateInput())
    plan_subject = forms.CharField(
        label=_("Trích yếu kế hoạch"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Để trống: “về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện …”"),
    )

    class Meta(BoundedModelForm.Meta):
        model = Campaign
        fields = [
            "name",
            "short_name",
            "committee",
            "resolutions",
            "starts_on",
            "ends_on",
            "reporting_deadline",
            "participation_threshold",
        ]
        widgets = {
            "resolutions": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "reporting_deadline": DateInput(),
        }

    def __init__(self, *args, committees: QuerySet[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["committee"].empty_label = None  # always one: the user's own committee is chosen first
        self.fields["resolutions"].queryset = Resolution.objects.all()
        # Picked by number and what it is about, not by number alone.
        self.fields["resolutions"].label_from_instance = lambda r: f"{r.number} — {r.title}"
        if self.instance.pk:
            # The committee decides who sees the campaign; it is chosen once.
            self.fields["committee"].disabled = True
            self.fields["version"].initial = self.instance.version
            plan = self.instance.own_plan()
            if plan is not None:
                self.fields["plan_number"].initial = plan.number
                self.fields["plan_date"].initial = plan.issued_on
                self.fields["plan_subject"].initial = plan.subject

    def clean_plan_number(self):
        number = self.cleaned_data["plan_number"].strip()
        if problem := number_problem(number, DocumentType.PLAN):
            raise forms.ValidationError(problem)
        if self.instance.pk:
            plan = self.instance.own_plan()
            others = self.instance.directing_documents.exclude(pk=plan.pk if plan else None)
            if others.filter(number=number).exists():
                raise forms.ValidationError(_("Đợt học tập đã có văn bản chỉ đạo số %(number)s.") % {"number": number})
        return number

    def clean(self):
        data = super().clean()
        starts_on, ends_on, deadline = data.get("starts_on"), data.get("ends_on"), data.get("reporting_deadline")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc không được trước ngày bắt đầu."))
        if starts_on and deadline and deadline < starts_on:
            self.add_error("reporting_deadline", _("Hạn báo cáo không được trước ngày bắt đầu."))
        if self.instance.pk and starts_on and ends_on and ends_on >= starts_on:
            outside = self.instance.conferences.exclude(date__range=(starts_on, ends_on)).order_by("date").first()
            if outside is not None:
                self.add_error(
                    "starts_on" if outside.date < starts_on else "ends_on",
                    _("Hội nghị “%(title)s” ngày %(date)s sẽ nằm ngoài thời gian của đợt học tập.")
                    % {"title": outside.title, "date": date_format(outside.date, "d/m/Y")},
                )
        return data


class ConferenceForm(BoundedModelForm):
    version = VersionField()

    class Meta(BoundedModelForm.Meta):
        model = Conference
        fields = ["title", "level", "format", "date", "host", "speakers", "audience", "grassroots_audience", "sites"]
        widgets = {
            "date": DateInput(),
            "sites": forms.CheckboxSelectMultiple,
            "speakers": forms.Textarea(attrs={"rows": 2}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "grassroots_audience": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, campaign: Campaign, committees: QuerySet[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["host"].queryset = committees
        self.fields["sites"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("Chọn các điểm cầu nối vào hội nghị; điểm cầu chưa có thì thêm ở"),
            reverse("site_list"),
            _("Danh mục điểm cầu"),
        )
        self.fields["sites"].queryset = VideoSite.objects.filter(active=True, committee__in=committees).select_related(
            "committee"
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # A site taken out of use stays listed while this conference still has it.
            self.fields["sites"].queryset = (
                VideoSite.objects.filter(
                    Q(active=True) | Q(conference_sites__conference=self.instance), committee__in=committees
                )
                .select_related("committee")
                .distinct()
            )

    def clean_sites(self):
        sites = self.cleaned_data["sites"]
        if self.instance.pk:
            kept = {site.pk for site in sites}
            offered = self.fields["sites"].queryset
            removed = self.instance.conference_sites.filter(site__in=offered).exclude(site__in=kept)
            with_data = removed.filter(
                Q(sound_lost=True)
                | Q(picture_lost=True)
                | ~Q(line_test=ConferenceSite.LineTest.PENDING)
                | ~Q(incident_note="")
                | Q(site__attendances__conference=self.instance)
            ).select_related("site")
            names = sorted({str(row.site) for row in with_data})
            if names:
                raise forms.ValidationError(
                    _("Không bỏ được điểm cầu đã có số liệu (thử đường truyền, sự cố hoặc người dự): %(sites)s.")
                    % {"sites": "; ".join(names)}
                )
        return sites

    def clean_date(self):
        date = self.cleaned_data["date"]
        campaign = self.campaign
        if not campaign.starts_on <= date <= campaign.ends_on:
            raise forms.ValidationError(
                _("Ngày tổ chức phải trong thời gian của đợt học tập (%(start)s – %(end)s).")
                % {"start": date_format(campaign.starts_on, "d/m/Y"), "end": date_format(campaign.ends_on, "d/m/Y")}
            )
        return date

    def clean(self):
        data = super().clean()
        if data.get("format") == Conference.Format.ONLINE and "sites" in data and not data["sites"]:
            if self.fields["sites"].queryset.exists():
                self.add_error("sites", _("Hội nghị trực tuyến cần ít nhất một điểm cầu."))
            else:  # no box to tick, so nowhere below to say it: said above the form, with where to add them
                self.add_error(None, NO_SITES_YET)
        return data


NO_SITES_YET = _(
    "Hội nghị trực tuyến cần ít nhất một điểm cầu, mà đơn vị chưa khai báo điểm cầu nào: thêm điểm cầu ở Danh mục → "
    "Điểm cầu, hoặc chọn hình thức khác."
)


class AttendanceRowForm(FigureRulesForm, forms.Form):
    """One row of the attendance grid: a unit, at its video-link site if any.

    A unit nobody entered yet shows empty cells, and stays unentered while they
    stay empty; once a row has a figure, its empty cells count as 0. A row
    already stored is not emptied: "nobody" is written as 0.
    """

    # The versions the row was shown with; saving checks nobody saved since.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    site_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    figure_rules = ATTENDANCE_RULES

    party_members_expected = forms.IntegerField(label=_("Đảng viên triệu tập"), min_value=0, required=False)
    party_members_attended = forms.IntegerField(label=_("Đảng viên dự"), min_value=0, required=False)
    non_members_expected = forms.IntegerField(label=_("Chưa là đảng viên triệu tập"), min_value=0, required=False)
    non_members_attended = forms.IntegerField(label=_("Chưa là đảng viên dự"), min_value=0, required=False)
    others = forms.IntegerField(label=_("Khác"), min_value=0, required=False)
    line_test = forms.ChoiceField(label=_("Thử đường truyền"), choices=ConferenceSite.LineTest.choices, required=False)
    sound_lost = forms.BooleanField(label=_("Mất tiếng"), required=False)
    picture_lost = forms.BooleanField(label=_("Mất hình"), required=False)
    incident_note = forms.CharField(label=_("Sự cố"), required=False, max_length=500)

    def __init__(self, *args, stored: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = stored
        compact_widgets(self, text_class="form-control form-control-sm grid-input")
        for field in self.fields.values():
            field.error_messages["min_value"] = _("Không được nhập số âm.")

    def clean(self):
        figures = [name for name in ATTENDANCE_FIELDS if name in self.fields]
        blank = [name for name in figures if name in self.cleaned_data and self.cleaned_data[name] is None]
        if self.stored and blank and len(blank) == len(figures):
            self.add_error(None, _("Dòng này đã có số liệu: không để trống cả dòng, nhập 0 nếu không có ai dự."))
        for name in blank:
            self.cleaned_data[name] = 0
        return super().clean()


class DirectingDocumentForm(BoundedModelForm):
    class Meta(BoundedModelForm.Meta):
        model = DirectingDocument
        fields = ["kind", "number", "issued_on", "issuer", "subject", "from_superior"]
        widgets = {"issued_on": DateInput(), "subject": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        compact_widgets(self)

    def clean(self):
        data = super().clean()
        number, kind = (data.get("number") or "").strip(), data.get("kind")
        if number and kind and (problem := number_problem(number, kind)):
            self.add_error("number", problem)
        return data


class BoundedFormSet(forms.BaseModelFormSet):
    """A formset with at most ``max_num`` rows, saying so in Vietnamese (Django's own message is English)."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Tối đa %(num)d dòng; hãy bớt dòng rồi lưu lại.", "Tối đa %(num)d dòng; hãy bớt dòng rồi lưu lại.", "num"
        ),
        "missing_management_form": _("Biểu mẫu gửi lên thiếu thông tin; hãy tải lại trang rồi nhập lại."),
    }


class BaseDirectingDocumentFormSet(BoundedFormSet):
    def clean(self):
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if (not form.has_changed() and not form.instance.pk) or self._should_delete_form(form):
                continue
            number = (form.cleaned_data.get("number") or "").strip()
            if number in seen:
                form.add_error("number", _("Số %(number)s đã có ở dòng khác.") % {"number": number})
            seen.add(number)


def bounded_formset(model, *, most: int, extra: int, formset=BoundedFormSet, **options):
    """Rows of ``model`` to add, change and delete on one page, at most ``most`` of them: the bound keeps a
    posted form count from making the server build thousands of forms."""
    return forms.modelformset_factory(
        model,
        formset=formset,
        extra=extra,
        can_delete=True,
        max_num=most,
        absolute_max=most,
        validate_max=True,
        **options,
    )


# Đại biểu vắng mặt: who did not attend, and why; three blank rows to add more.
MAX_ABSENTEES = 300
AbsenteeFormSet = bounded_formset(
    Absentee, most=MAX_ABSENTEES, extra=3, fields=["name", "position", "is_party_member", "reason"]
)
MAX_DIRECTING_DOCUMENTS = 50
# A preparation step is done in the weeks before its conference, not a year ahead.
EARLIEST_STEP_DAYS = 90
DirectingDocumentFormSet = bounded_formset(
    DirectingDocument,
    most=MAX_DIRECTING_DOCUMENTS,
    extra=2,
    form=DirectingDocumentForm,
    formset=BaseDirectingDocumentFormSet,
)


class PreparationStepForm(forms.Form):
    """A preparation step marked done on the day it was done, or its mark taken off. Before the conference the
    day is today unless told; once it was held, the day is asked for, so no step reads as done today."""

    step = forms.ChoiceField(error_messages={"invalid_choice": _("Bước chuẩn bị không hợp lệ.")})
    completed_on = forms.DateField(required=False, widget=DateInput())
    undo = forms.BooleanField(required=False)

    def __init__(self, *args, steps: dict[str, int], conference_day: datetime.date, today: datetime.date, **kwargs):
        """``steps``: the steps that apply, each with how many days before the conference it is due."""
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(step, step) for step in steps]
        self.fields["step"].error_messages["required"] = _("Bước chuẩn bị không hợp lệ.")
        self.fields["completed_on"].error_messages["invalid"] = _("Ngày hoàn thành không hợp lệ.")
        self.steps, self.conference_day, self.today = steps, conference_day, today

    def clean(self):
        data = super().clean()
        step, day = data.get("step"), data.get("completed_on")
        if data.get("undo") or not step or "completed_on" in self.errors:
            return data
        if day is None and self.conference_day < self.today:
            self.add_error("completed_on", _("Hội nghị đã diễn ra: ghi ngày bước này được làm xong."))
        elif (day := day or self.today) > self.today:
            self.add_error("completed_on", _("Ngày hoàn thành không được sau hôm nay."))
        elif day < self.conference_day - datetime.timedelta(days=EARLIEST_STEP_DAYS):
            self.add_error("completed_on", _("Ngày hoàn thành quá xa trước ngày hội nghị; xem lại ngày."))
        elif self.steps[step] > 0 and day > self.conference_day:
            message = _("Bước này làm trước hội nghị (%(day)s): ngày hoàn thành không được sau ngày hội nghị.")
            self.add_error("completed_on", message % {"day": self.conference_day.strftime("%d/%m/%Y")})
        data["completed_on"] = day
        return data
