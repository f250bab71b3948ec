"""Staff keep the resolutions studied (nghị quyết, chỉ thị, kết luận …) in the browser, without the admin."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from accounts.scoping import requires
from conferences.choice_fields import BoundedModelForm
from conferences.forms import DateInput
from conferences.freezing import read_only, resolution_frozen
from conferences.models import Resolution
from conferences.selectors import visible_committees


class ResolutionForm(BoundedModelForm):
    class Meta(BoundedModelForm.Meta):
        model = Resolution
        fields = ["number", "kind", "issued_on", "issuing_body", "term", "plenum", "title"]
        widgets = {"issued_on": DateInput(), "title": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "number": {"unique": _lazy("Đã có văn bản mang số, ký hiệu này.")},
            "plenum": {"max_value": _lazy("Số quá lớn.")},
        }


@requires("can_manage")
def resolution_list(request):
    resolutions = Resolution.objects.order_by("-issued_on", "number")
    return render(request, "conferences/resolution_list.html", {"resolutions": resolutions})


def resolution_locked(user: User, resolution: Resolution | None) -> str:
    """Why ``user`` may not change ``resolution``, or '': a campaign directed outside the user's scope studies it
    (its committee keeps it), or a signed document quotes a campaign that studies it."""
    if resolution is None:
        return ""
    if resolution.campaigns.exclude(committee__in=visible_committees(user)).exists():
        return _(
            "Văn bản này còn được học tập trong đợt học tập do cấp ủy ngoài phạm vi của bạn chỉ đạo; đề nghị quản trị "
            "hệ thống sửa."
        )
    return resolution_frozen(resolution)


@requires("can_manage")
def resolution_form(request, pk=None):
    resolution = get_object_or_404(Resolution, pk=pk) if pk else None
    form = ResolutionForm(request.POST or None, instance=resolution)
    locked = read_only(form, resolution_locked(request.user, resolution))
    status = 409 if locked and request.method == "POST" else 200
    if request.method == "POST" and not locked and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu “%s”.") % saved)
        return redirect("resolution_list")
    title, back = Resolution._meta.verbose_name, "resolution_list"
    context = {"form": form, "record": resolution, "title": title, "back": back, "locked": locked}
    return render(request, "conferences/record_form.html", context, status=status)
