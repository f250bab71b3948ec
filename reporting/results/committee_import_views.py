"""The committee tree from Excel in the browser: the filled template, and an upload previewed, then saved with a
button (``reviewed_upload``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.scoping import requires
from conferences.models import Committee, Term
from reporting.exports import attachment
from reporting.models import SetupUpload
from reporting.results.committee_import import committee_import, committee_template
from reporting.results.reviewed_upload import ReviewedImport, import_scope, reviewed_import_views


@requires("can_manage")
def committee_template_view(request):
    """The template filled with the user's subtree: what is stored, to correct and upload again."""
    scope = import_scope(request.user)
    return attachment(*committee_template(scope.subtree() if scope else Committee.objects.all()))


def _committee_import(request) -> ReviewedImport:
    """The tree's spreadsheet under the user's scope; with new units, saving leads on to the accounts page,
    where their secretaries' accounts are made."""
    scope = import_scope(request.user)

    def save(upload):
        plan = committee_import(upload, scope=scope)
        counts = {"created": len(plan.created), "updated": len(plan.updated)}
        messages.success(request, _("Đã thêm %(created)d và cập nhật %(updated)d đơn vị.") % counts)
        if not plan.created:
            return redirect("committee_import")
        # New units report through their secretaries: the next step is their accounts.
        messages.info(
            request,
            _(
                "Bước tiếp theo: tạo tài khoản bí thư cho các đơn vị mới bằng nút “Tạo tài khoản bí thư cho các "
                "đơn vị chưa có”."
            ),
        )
        return redirect("account_list")

    return ReviewedImport(
        kind=SetupUpload.Kind.COMMITTEES,
        template="reporting/committees/import.html",
        preview=lambda upload: committee_import(upload, scope=scope, dry_run=True),
        save=save,
        refused=_("Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại."),
        shown={"history": committee_history(scope)},
    )


committee_import_view, committee_import_preview, committee_import_save = reviewed_import_views(_committee_import)


def committee_history(scope: Committee | None, *, latest: int = 30) -> list:
    """The latest changes to the committees of ``scope`` (None: every one) and to their terms, newest first,
    with who made them."""
    committees = Committee.history.select_related("history_user").order_by("-history_date", "-history_id")
    terms = Term.history.select_related("history_user", "committee").order_by("-history_date", "-history_id")
    if scope is not None:
        committees = committees.filter(id__in=scope.subtree().values("pk"))
        terms = terms.filter(committee__path__startswith=scope.path)
    entries = [*committees[:latest], *terms[:latest]]
    return sorted(entries, key=lambda entry: entry.history_date, reverse=True)[:latest]
