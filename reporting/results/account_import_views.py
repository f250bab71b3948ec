"""Staff and leader accounts from Excel in the browser: the filled template, and an upload previewed before it
is saved, as the committee tree's (``committee_import_views``): nothing is kept between the preview and the save;
the same file uploaded again with "Tôi đã xem trước" ticked, its SHA-256 matching the preview's, creates the
accounts, and the page shows their one-time passwords once, on slips to print (``accounts.slips``).
"""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import requires
from accounts.slips import slips_page
from conferences.models import Committee
from reporting.exports import attachment
from reporting.results.account_import import account_import, account_template
from reporting.results.committee_import_views import CommitteeUploadForm
from reporting.results.import_reading import ImportRejected
from reporting.results.refusals import first_errors
from reporting.results.upload_limits import MAX_UPLOAD_BYTES


class AccountUploadForm(CommitteeUploadForm):
    """The committee tree's upload: the file, "Tôi đã xem trước" and the preview's fingerprint."""


def account_scope(user: User) -> Committee | None:
    """The subtree whose units the user may give accounts: the whole tree (None) for an administrator or a
    superuser, else their committee's."""
    if user.is_administrator or user.is_superuser:
        return None
    if user.committee is None:
        raise PermissionDenied
    return user.committee


@requires("can_manage")
def account_template_view(request):
    """The template filled with the staff and leaders of the user's subtree, to add people and upload back."""
    scope = account_scope(request.user)
    accounts = User.objects.all() if scope is None else User.objects.filter(committee__path__startswith=scope.path)
    return attachment(*account_template(accounts))


@requires("can_manage")
def account_import_view(request):
    """Upload, preview, then the same file again with the box ticked to create the accounts, all or nothing."""
    scope = account_scope(request.user)
    form = AccountUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "more_errors": "", "plan": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        digest = hashlib.sha256(upload.read(MAX_UPLOAD_BYTES + 1)).hexdigest()
        upload.seek(0)
        confirmed = form.cleaned_data["reviewed"] and form.cleaned_data["digest"] == digest
        try:
            plan, created = account_import(upload, scope=scope, dry_run=not confirmed)
        except ImportRejected as rejected:
            context["errors"], context["more_errors"] = first_errors(rejected.errors)
            messages.error(
                request, _("Không nhập được tệp: chưa tạo tài khoản nào. Sửa các lỗi dưới đây rồi tải lên lại.")
            )
        else:
            if created:
                return slips_page(request, created)
            if confirmed:
                messages.info(request, _("Tệp không có tài khoản mới nào để tạo: mọi tên đăng nhập đều đã có."))
                return redirect("account_import")
            if form.cleaned_data["reviewed"]:
                messages.warning(request, _("Tệp khác với tệp đã xem trước: xem lại dưới đây rồi lưu."))
            context["plan"] = plan
            context["form"] = AccountUploadForm(initial={"digest": digest})
    return render(request, "reporting/accounts/import.html", context)
