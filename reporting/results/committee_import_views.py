"""The committee tree from Excel in the browser: the filled template, and an upload previewed before it is saved.

The preview keeps nothing on the server: it shows what the file would create and change, and the same file is
saved only when it is uploaded again with "Tôi đã xem trước" ticked and the preview's fingerprint (SHA-256 of
the bytes, a hidden field) matches. Any size of file works, a different file is previewed instead of saved, and
the file is checked again against the tree as it stands when it is saved.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from accounts.scoping import requires
from conferences.models import Committee
from reporting.exports import attachment
from reporting.results.committee_import import committee_import, committee_template
from reporting.results.forms import UploadForm
from reporting.results.import_reading import ImportRejected
from reporting.results.refusals import first_errors
from reporting.results.upload_limits import MAX_UPLOAD_BYTES


class CommitteeUploadForm(UploadForm):
    reviewed = forms.BooleanField(label=_lazy("Tôi đã xem trước"), required=False)
    digest = forms.CharField(required=False, widget=forms.HiddenInput)


def import_scope(user: User) -> Committee | None:
    """The subtree the user may import: the whole tree for an administrator (None), else their committee's."""
    if user.is_administrator:
        return None
    if user.committee is None:
        raise PermissionDenied
    return user.committee


@requires("can_manage")
def committee_template_view(request):
    """The template filled with the user's subtree: what is stored, to correct and upload again."""
    scope = import_scope(request.user)
    return attachment(*committee_template(scope.subtree() if scope else Committee.objects.all()))


@requires("can_manage")
def committee_import_view(request):
    """Upload, preview, then the same file again with the box ticked to save it, all or nothing."""
    scope = import_scope(request.user)
    form = CommitteeUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "more_errors": "", "plan": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        digest = hashlib.sha256(upload.read(MAX_UPLOAD_BYTES + 1)).hexdigest()
        upload.seek(0)
        confirmed = form.cleaned_data["reviewed"] and form.cleaned_data["digest"] == digest
        try:
            plan = committee_import(upload, scope=scope, dry_run=not confirmed)
        except ImportRejected as rejected:
            context["errors"], context["more_errors"] = first_errors(rejected.errors)
            messages.error(
                request, _("Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại.")
            )
        else:
            if confirmed:
                counts = {"created": len(plan.created), "updated": len(plan.updated)}
                messages.success(request, _("Đã thêm %(created)d và cập nhật %(updated)d đơn vị.") % counts)
                return redirect("committee_import")
            if form.cleaned_data["reviewed"]:
                messages.warning(request, _("Tệp khác với tệp đã xem trước: xem lại dưới đây rồi lưu."))
            context["plan"] = plan
            context["form"] = CommitteeUploadForm(initial={"digest": digest})
    return render(request, "reporting/committees/import.html", context)
