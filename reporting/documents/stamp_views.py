"""Pages for the pictures a signed page shows: staff keep their committees' seals, each leader their signature."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.scoping import requires
from conferences.choice_fields import KeyChoiceField
from conferences.models import Committee
from conferences.selectors import visible_committees
from reporting.documents.stamp_images import ImageRefused, read_png, seal_save, signature_save
from reporting.models import SealImage, SignatureImage


class SealForm(forms.Form):
    committee = KeyChoiceField(label=_lazy("Cấp ủy"), queryset=Committee.objects.none())
    image = forms.FileField(label=_lazy("Ảnh con dấu (PNG nền trong suốt, tối đa 2 MB)"))

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class SignatureForm(forms.Form):
    image = forms.FileField(label=_lazy("Ảnh chữ ký (PNG nền trong suốt, tối đa 2 MB)"))


def _png(form: forms.Form) -> bytes | None:
    """The form's picture, or None with the reason at its field."""
    try:
        return read_png(form.cleaned_data["image"])
    except ImageRefused as refusal:
        form.add_error("image", str(refusal))
        return None


@requires("can_manage")
def seal_page(request):
    committees = visible_committees(request.user).order_by("path")
    form = SealForm(request.POST or None, request.FILES or None, committees=committees)
    if request.method == "POST" and form.is_valid() and (png := _png(form)):
        committee = form.cleaned_data["committee"]
        seal_save(committee=committee, png=png, user=request.user)
        messages.success(request, _("Đã lưu ảnh con dấu của %s.") % committee)
        return redirect("seal_page")
    seals = SealImage.objects.filter(committee__in=committees).select_related("committee").defer("png")
    return render(request, "reporting/documents/seals.html", {"form": form, "seals": seals})


@requires("can_manage")
def seal_png(request, code):
    seal = get_object_or_404(SealImage, committee__code=code, committee__in=visible_committees(request.user))
    return _picture(seal.png)


@requires("can_sign")
def signature_page(request):
    form = SignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and (png := _png(form)):
        signature_save(user=request.user, png=png)
        messages.success(request, _("Đã lưu ảnh chữ ký của bạn."))
        return redirect("signature_page")
    has_signature = SignatureImage.objects.filter(user=request.user).exists()
    return render(request, "reporting/documents/signature.html", {"form": form, "has_signature": has_signature})


@requires("can_sign")
def signature_png(request):
    signature = get_object_or_404(SignatureImage, user=request.user)
    return _picture(signature.png)


def _picture(png) -> HttpResponse:
    """A seal or a signature, shown on its page and kept in no cache: whoever holds it could stamp with it."""
    response = HttpResponse(bytes(png), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@requires("can_sign")
def signature_remove(request):
    SignatureImage.objects.filter(user=request.user).delete()
    messages.success(request, _("Đã xóa ảnh chữ ký; văn bản ký sau này in khung tên người ký."))
    return redirect("signature_page")
