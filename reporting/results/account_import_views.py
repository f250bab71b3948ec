"""Staff and leader accounts from Excel in the browser: the filled template, and an upload previewed before it
is saved (``reviewed_upload``); the accounts created are shown once with their one-time passwords, on slips to
print (``accounts.slips``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import requires
from accounts.slips import slips_page
from reporting.exports import attachment
from reporting.results.account_import import account_import, account_template
from reporting.results.reviewed_upload import import_scope, reviewed_import


@requires("can_manage")
def account_template_view(request):
    """The template filled with the staff and leaders of the user's subtree, to add people and upload back."""
    scope = import_scope(request.user)
    accounts = User.objects.all() if scope is None else User.objects.filter(committee__path__startswith=scope.path)
    return attachment(*account_template(accounts))


@requires("can_manage")
def account_import_view(request):
    """Upload, preview, then the same file again with the box ticked to create the accounts, all or nothing."""
    scope = import_scope(request.user)

    def save(upload):
        _plan, created = account_import(upload, scope=scope)
        if created:
            return slips_page(request, created)
        messages.info(request, _("Tệp không có tài khoản mới nào để tạo: mọi tên đăng nhập đều đã có."))
        return redirect("account_import")

    return reviewed_import(
        request,
        template="reporting/accounts/import.html",
        preview=lambda upload: account_import(upload, scope=scope, dry_run=True)[0],
        save=save,
        refused=_("Không nhập được tệp: chưa tạo tài khoản nào. Sửa các lỗi dưới đây rồi tải lên lại."),
    )
