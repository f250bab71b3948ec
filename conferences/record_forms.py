"""Forms for the records a unit keeps of its own, each offering only the committees of the user's scope: its
video-link sites, the supervisions it held and its online channels (action documents: ``action_document_forms``)."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.choice_fields import BoundedModelForm
from conferences.forms import DateInput
from conferences.models import Committee, OnlineChannel, Supervision, VideoSite


class ScopedForm(BoundedModelForm):
    """A record of the user's scope: its committee fields (``scoped``) offer only ``committees``."""

    scoped: tuple[str, ...] = ("committee",)

    def __init__(self, *args, committees: QuerySet[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.scoped:
            self.fields[name].queryset = committees
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.error_messages["min_value"] = _("Không được nhập số âm.")


class VideoSiteForm(ScopedForm):
    class Meta(BoundedModelForm.Meta):
        model = VideoSite
        fields = ["committee", "name", "hall", "screens", "active"]

    def clean(self):
        data = super().clean()
        committee, name = data.get("committee"), (data.get("name") or "").strip()
        if committee and name:
            taken = VideoSite.objects.filter(committee=committee, name=name).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "name", _("%(committee)s đã có điểm cầu “%(name)s”.") % {"committee": committee, "name": name}
                )
        return data


class SupervisionForm(ScopedForm):
    """A supervision by a committee of the user's scope, of a unit of that committee's subtree."""

    scoped = ("committee", "unit")
    findings = forms.CharField(
        label=_("Kết quả, kết luận"),
        required=False,
        max_length=5_000,  # a conclusion runs to a page; more is a paste gone wrong
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta(BoundedModelForm.Meta):
        model = Supervision
        fields = ["committee", "unit", "held_on", "subject", "findings"]
        widgets = {"held_on": DateInput()}

    def clean(self):
        data = super().clean()
        committee, unit = data.get("committee"), data.get("unit")
        if committee and unit and (unit == committee or not unit.path.startswith(committee.path)):
            self.add_error("unit", _("Chọn một tổ chức đảng trực thuộc %(committee)s.") % {"committee": committee})
        return data


class OnlineChannelForm(ScopedForm):
    address = forms.URLField(
        label=_("Địa chỉ"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Nhập địa chỉ đầy đủ, ví dụ https://facebook.com/…")},
    )

    class Meta(BoundedModelForm.Meta):
        model = OnlineChannel
        fields = ["owner", "kind", "name", "address", "members", "counted_on"]
        widgets = {"counted_on": DateInput()}

    scoped = ("owner",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].validators.append(MaxValueValidator(10_000_000))
        self.fields["members"].error_messages["max_value"] = _("Số quá lớn.")

    def clean_counted_on(self):
        day = self.cleaned_data["counted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Chưa đến ngày này: số thành viên đếm đến hôm nay là muộn nhất."))
        if day.year < 2004:  # before any social network
            raise forms.ValidationError(_("Ngày quá xa trong quá khứ; kiểm tra lại năm."))
        return day
