"""An upload previewed before it is saved, for the spreadsheets that set a district up (its committee tree, its
staff and leaders' accounts).

The preview keeps nothing on the server: it shows what the file would create and change, and the same file is
saved only when it is uploaded again with "Tôi đã xem trước" ticked and the preview's fingerprint (SHA-256 of
the bytes, a hidden field) matches. Any size of file works, a different file is previewed instead of saved, and
the file is checked again against what is stored when it is saved.
"""

import hashlib
from collections.abc import Callable
from typing import IO, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from conferences.models import Committee
from reporting.results.forms import UploadForm
from reporting.results.import_reading import ImportRejected
from reporting.results.refusals import first_errors
from reporting.results.upload_limits import MAX_UPLOAD_BYTES


class ReviewedUploadForm(UploadForm):
    """The file, and once a preview was shown, "Tôi đã xem trước" with the fingerprint of the file previewed."""

    reviewed = forms.BooleanField(label=_lazy("Tôi đã xem trước"), required=False)
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.initial.get("digest") or self.data.get("digest")):
            del self.fields["reviewed"]  # nothing previewed yet: nothing to say one has seen

    @property
    def previewed_digest(self) -> str:
        return self.cleaned_data.get("digest", "") if "reviewed" in self.fields else ""


def import_scope(user: User) -> Committee | None:
    """The subtree the user may import into: the whole tree (None) for an administrator, else their committee's."""
    if user.can_administer:
        return None
    if user.committee is None:
        raise PermissionDenied
    return user.committee


def reviewed_import(
    request,
    *,
    template: str,
    preview: Callable[[IO[bytes]], Any],
    save: Callable[[IO[bytes]], HttpResponse],
    refused: str,
    shown: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page of a previewed upload: ``preview`` reads the file into the plan shown, ``save`` saves it and
    answers; both raise ImportRejected with every error, and ``refused`` then heads them. ``shown``: what else
    the page shows."""
    form = ReviewedUploadForm(request.POST or None, request.FILES or None)
    context = {**(shown or {}), "form": form, "errors": [], "more_errors": "", "plan": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        digest = hashlib.sha256(upload.read(MAX_UPLOAD_BYTES + 1)).hexdigest()
        upload.seek(0)
        reviewed = form.cleaned_data.get("reviewed", False)
        try:
            if reviewed and form.previewed_digest == digest:
                return save(upload)
            context["plan"] = preview(upload)
        except ImportRejected as rejected:
            context["errors"], context["more_errors"] = first_errors(rejected.errors)
            messages.error(request, refused)
        else:
            if reviewed:
                messages.warning(request, _("Tệp khác với tệp đã xem trước: xem lại dưới đây rồi lưu."))
            context["form"] = ReviewedUploadForm(initial={"digest": digest})
    return render(request, template, context)
