"""Staff and leader accounts from Excel in the browser: the filled template, and an upload previewed, then saved
with a button (``reviewed_upload``); the accounts created are shown once with their one-time passwords, on slips
to print (``accounts.slips``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import requires
from accounts.slips import slips_shown
from reporting.exports import attachment
from reporting.models import SetupUpload
from reporting.results.account_import import account_import, account_template
from reporting.results.reviewed_upload import ReviewedImport, import_scope, reviewed_import_views


@requires("can_manage")
def account_template_view(request):
    """The template filled with the staff and leaders of the user's subtree, to add people and upload back."""
    scope = import_scope(request.user)
    accounts = User.objects.all() if scope is None else User.objects.filter(committee__path__startswith=scope.path)
    return attachment(*account_template(accounts, for_user=request.user))


def _account_import(request) -> ReviewedImport:
    scope = import_scope(request.user)

    def save(upload):
        _plan, created = account_import(upload, scope=scope)
        if created:
            return slips_shown(request, created)
        messages.info(request, _("Tệp không có tài khoản mới nào để tạo: mọi tên đăng nhập đều đã có."))
        return redirect("account_import")

    return ReviewedImport(
        kind=SetupUpload.Kind.ACCOUNTS,
        template="reporting/accounts/import.html",
        preview=lambda upload: account_import(upload, scope=scope, dry_run=True)[0],
        save=save,
        refused=_("Không nhập được tệp: chưa tạo tài khoản nào. Sửa các lỗi dưới đây rồi tải lên lại."),
    )


account_import_view, account_import_preview, account_import_save = reviewed_import_views(_account_import)
