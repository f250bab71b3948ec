"""Staff keep how their committee issues its documents, without the admin: the line above its name, the
abbreviation ending its numbers (HU in 190-BC/HU), the place on the date line, the term its numbers run through,
and the recipients and signer a new report starts with."""

import datetime
import re

from django import forms
from django.contrib import messages
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.scoping import requires
from conferences.choice_fields import BoundedModelForm
from conferences.forms import DateInput
from conferences.models import Committee, Term
from conferences.selectors import visible_committees

MAX_RECIPIENTS = 2_000  # as the report's own closing form
# HU, ĐU, BTGTU, ĐUK: letters (Đ among them) and digits, joined by hyphens; never a slash or a quote.
ABBREVIATION = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")


class IssuingForm(BoundedModelForm):
    # Nhiệm kỳ: numbers run from 01 through a term; a new term is a new name and start date.
    term_name = forms.CharField(label=_lazy("Nhiệm kỳ"), max_length=40, help_text=_lazy("Ví dụ: 2025 - 2030"))
    term_starts_on = forms.DateField(
        label=_lazy("Nhiệm kỳ bắt đầu từ ngày"),
        widget=DateInput(),
        help_text=_lazy(
            "Số văn bản chạy từ 01 trong mỗi nhiệm kỳ; nhiệm kỳ mới (tên và ngày bắt đầu mới) "
            "do quản trị hệ thống khai báo."
        ),
    )

    class Meta(BoundedModelForm.Meta):
        model = Committee
        fields = [
            "superior_line",
            "abbreviation",
            "place_name",
            "recipients",
            "signing_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, may_start_term: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_start_term = may_start_term
        self.fields["abbreviation"].required = True
        self.fields["abbreviation"].error_messages["required"] = _lazy("Nhập ký hiệu văn bản của cấp ủy, ví dụ HU.")
        recipients = self.fields["recipients"]
        recipients.max_length = MAX_RECIPIENTS
        recipients.validators.append(MaxLengthValidator(MAX_RECIPIENTS))
        recipients.error_messages["max_length"] = _lazy("Nơi nhận quá dài: tối đa 2.000 ký tự, đã nhập %(show_value)s.")
        self.term = current_term(self.instance)
        if self.term is not None:
            self.fields["term_name"].initial, self.fields["term_starts_on"].initial = (
                self.term.name,
                self.term.starts_on,
            )
            # Starting a new term is an administrator's: for others the start date is shown, not offered.
            self.fields["term_starts_on"].disabled = not may_start_term

    def clean_recipients(self):
        """One line a recipient, as stored: a browser sends its line breaks as CR LF."""
        return self.cleaned_data["recipients"].replace("\r\n", "\n")

    def clean_abbreviation(self):
        abbreviation = self.cleaned_data["abbreviation"].strip()
        if not ABBREVIATION.fullmatch(abbreviation):
            raise forms.ValidationError(
                _("Ký hiệu chỉ gồm chữ cái và chữ số, có thể nối bằng gạch ngang, ví dụ HU, ĐU.")
            )
        return abbreviation

    def clean_term_starts_on(self):
        starts_on = self.cleaned_data["term_starts_on"]
        today = timezone.localdate()
        if not datetime.date(1930, 2, 3) <= starts_on <= today:
            raise forms.ValidationError(
                _("Ngày bắt đầu nhiệm kỳ phải từ 03/02/1930 đến hôm nay (%(today)s).")
                % {"today": today.strftime("%d/%m/%Y")}
            )
        return starts_on

    def clean(self):
        """A new term restarts the numbers at 01: an administrator's step, with a new name, after the current
        term began; renaming the current term is anyone's."""
        data = super().clean()
        starts_on, name = data.get("term_starts_on"), data.get("term_name")
        if starts_on is None or name is None or self.term is None or starts_on == self.term.starts_on:
            return data
        if not self.may_start_term:
            self.add_error(
                "term_starts_on", _("Chỉ quản trị hệ thống mới bắt đầu nhiệm kỳ mới (số văn bản chạy lại từ 01).")
            )
        elif starts_on < self.term.starts_on:
            self.add_error(
                "term_starts_on",
                _("Nhiệm kỳ mới phải bắt đầu sau ngày %(day)s của nhiệm kỳ %(name)s.")
                % {"day": self.term.starts_on.strftime("%d/%m/%Y"), "name": self.term.name},
            )
        elif self.instance.terms.filter(name=name).exists():
            self.add_error("term_name", _("Đã có nhiệm kỳ %(name)s; nhiệm kỳ mới ghi tên mới.") % {"name": name})
        return data


def current_term(committee: Committee) -> Term | None:
    return committee.terms.filter(starts_on__lte=timezone.localdate()).order_by("-starts_on").first()


TERM_YEARS = 5  # a congress elects a committee for five years


def term_notice(committee: Committee) -> str:
    """A word when the current term began more than five years ago and has no end: a congress has likely opened
    a new one, whose numbers would start again at 01; '' otherwise."""
    term = current_term(committee)
    today = timezone.localdate()
    if term is None or term.ends_on is not None or term.starts_on > today.replace(year=today.year - TERM_YEARS, day=1):
        return ""
    return _(
        "Nhiệm kỳ %(name)s bắt đầu từ %(day)s, đã hơn 5 năm. Nếu Đại hội đã bầu cấp ủy nhiệm kỳ mới, đề nghị quản "
        "trị hệ thống khai báo nhiệm kỳ mới trước khi ký, để số văn bản chạy lại từ 01; nếu chưa, ký bình thường."
    ) % {"name": term.name, "day": term.starts_on.strftime("%d/%m/%Y")}


@transaction.atomic
def committee_issuing_update(
    *, committee: Committee, values: dict[str, str], term_name: str, term_starts_on: datetime.date
) -> None:
    """Only these fields, as stored now (the tree import may change the names and counts meanwhile), and only
    those that change, each change in the committee's history."""
    current = Committee.objects.select_for_update().get(pk=committee.pk)
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, values[name])
    if changed:
        current.save(update_fields=changed)
    term = current_term(committee)
    if term is not None and term.starts_on != term_starts_on:
        # A new term: the current one ends the day before, and numbers start again at 01.
        term.ends_on = term_starts_on - datetime.timedelta(days=1)
        term.save(update_fields=["ends_on"])
    stored, created = Term.objects.get_or_create(
        committee=committee, starts_on=term_starts_on, defaults={"name": term_name}
    )
    if not created and stored.name != term_name:  # renamed; saved only then, so the history shows changes only
        stored.name = term_name
        stored.save(update_fields=["name"])


@requires("can_manage")
def committee_issuing(request, code):
    committee = get_object_or_404(visible_committees(request.user), code=code)
    form = IssuingForm(request.POST or None, instance=committee, may_start_term=request.user.can_administer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        committee_issuing_update(
            committee=committee,
            values={name: data[name] for name in IssuingForm.Meta.fields},
            term_name=data["term_name"],
            term_starts_on=data["term_starts_on"],
        )
        messages.success(request, _("Đã lưu thông tin ban hành văn bản của %s.") % committee)
        if form.term is not None and data["term_starts_on"] != form.term.starts_on:
            started = {"name": data["term_name"], "day": data["term_starts_on"].strftime("%d/%m/%Y")}
            messages.info(request, _("Đã bắt đầu nhiệm kỳ %(name)s từ %(day)s: số văn bản chạy lại từ 01.") % started)
        return redirect("committee_issuing", code=committee.code)
    title = _("thông tin ban hành văn bản của %s") % committee
    context = {"form": form, "record": committee, "title": title, "back": "home", "notice": term_notice(committee)}
    return render(request, "conferences/record_form.html", context)
