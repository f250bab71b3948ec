"""Staff keep the resolutions studied (nghị quyết, chỉ thị, kết luận …) in the browser, without the admin."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.scoping import requires
from conferences.choice_fields import BoundedModelForm
from conferences.forms import DateInput
from conferences.models import Resolution


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


@requires("can_manage")
def resolution_form(request, pk=None):
    resolution = get_object_or_404(Resolution, pk=pk) if pk else None
    form = ResolutionForm(request.POST or None, instance=resolution)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu “%s”.") % saved)
        return redirect("resolution_list")
    context = {"form": form, "record": resolution, "title": Resolution._meta.verbose_name, "back": "resolution_list"}
    return render(request, "conferences/record_form.html", context)
