import functools

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import FirstPasswordForm
from accounts.models import User
from accounts.scoping import requires, scoped
from accounts.services import account_password_reissue, account_set_active, secretary_accounts_create
from accounts.slips import SLIP_MINUTES, slips_forget, slips_page, slips_pdf, slips_read, slips_shown
from accounts.throttling import (
    locked_out_response,
    password_attempts_locked,
    password_failure_record,
    password_failures_reset,
    sign_in_failures_forget,
)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with wrong current passwords throttled like sign-ins."""

    form_class = FirstPasswordForm

    def post(self, request, *args, **kwargs):
        if password_attempts_locked(request=request, user=request.user):
            return locked_out_response(request=request, user=request.user)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("old_password", "password_incorrect"):
            # At the limit django-axes marks the request, and its middleware answers with the lock-out page.
            password_failure_record(request=self.request, user=self.request.user)
        return super().form_invalid(form)

    def form_valid(self, form):
        password_failures_reset(request=self.request, user=self.request.user)
        response = super().form_valid(form)
        if not form.user.must_change_password:
            return response
        form.user.must_change_password = False
        form.user.save(update_fields=["must_change_password"])
        # The first sign-in goes on to the person's work, not to a page saying the password changed.
        messages.success(self.request, _("Đã đặt mật khẩu của riêng bạn; từ nay đăng nhập bằng mật khẩu này."))
        return redirect("home")


@requires("can_manage")
def account_list(request):
    users = _accounts_of(request.user).select_related("committee").order_by("committee__path", "role", "username")
    accounts = [(account, request.user.may_close(account)) for account in users]
    return render(request, "accounts/list.html", {"accounts": accounts})


@require_POST
@requires("can_manage")
def secretaries_create(request):
    """A secretary for every unit below the user's committee that has none; their one-time passwords shown once,
    one unit a slip, to print and hand out."""
    if request.user.committee is None:
        raise PermissionDenied
    try:
        created = secretary_accounts_create(committee=request.user.committee)
    except IntegrityError:
        # Pressed twice, or by two people at once: the other press made the accounts.
        messages.error(request, _("Tài khoản vừa được tạo ở một lần bấm khác: chưa tạo thêm tài khoản nào."))
        return redirect("account_list")
    if not created:
        messages.info(request, _("Mọi đơn vị đã có tài khoản bí thư đang dùng."))
        return redirect("account_list")
    return slips_shown(request, created)


def _slips_kept(view):
    """``view`` given the slips this browser keeps (see accounts.slips); without any, the account list says why."""

    @functools.wraps(view)
    def with_slips(request):
        slips = slips_read(request)
        if slips is not None:
            return view(request, slips)
        message = _(
            "Phiếu mật khẩu không còn được giữ: phiếu chỉ được giữ %(minutes)d phút sau khi tạo tài khoản, trên "
            "trình duyệt đã tạo, và bị xoá khi bấm “Đã in xong, xoá mật khẩu”. Cần phiếu mới thì bấm “Cấp lại "
            "mật khẩu” ở tài khoản đó."
        )
        messages.warning(request, message % {"minutes": SLIP_MINUTES})
        return redirect("account_list")

    return with_slips


@requires("can_manage")
@_slips_kept
def account_slips(request, slips):
    """The slips of the accounts this browser just created or gave a new password."""
    return slips_page(request, slips)


@requires("can_manage")
@_slips_kept
def account_slips_pdf(request, slips):
    """The same slips as a PDF."""
    filename, mimetype, content = slips_pdf(slips, site=request.get_host())
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_POST
@requires("can_manage")
def account_slips_forget(request):
    """The slips and their passwords gone from the server and the browser at once, once printed."""
    messages.success(request, _("Đã xoá các mật khẩu vừa tạo khỏi máy chủ; phiếu PDF không tải lại được nữa."))
    response = redirect("account_list")
    slips_forget(request, response)
    return response


@require_POST
@requires("can_manage")
def account_deactivate_view(request, pk):
    return _set_active(request, pk, False, _("Đã khóa tài khoản %s; những gì người này đã làm vẫn được giữ."))


@require_POST
@requires("can_manage")
def account_reactivate_view(request, pk):
    return _set_active(request, pk, True, _("Đã mở lại tài khoản %s."))


@require_POST
@requires("can_manage")
def account_password_reissue_view(request, pk):
    """A new one-time password for an account whose slip was lost or whose owner forgot the password (and is
    perhaps locked out): its slip shown once and kept for the PDF, as when accounts are created."""
    account = _closable(request, pk)
    if not account.is_active:
        messages.error(request, _("Tài khoản %s đang bị khóa: mở lại trước khi cấp mật khẩu mới.") % account.username)
        return redirect("account_list")
    password = account_password_reissue(user=account)
    sign_in_failures_forget(user=account)
    return slips_shown(request, [(account, password)])


def _set_active(request, pk, active: bool, done: str):
    account = _closable(request, pk)
    account_set_active(user=account, active=active)
    messages.success(request, done % account.username)
    return redirect(f"{reverse('account_list')}#account-{account.pk}")  # back at its row, not the list's top


def _accounts_of(user: User):
    """The accounts ``user`` sees and may act on: an administrator, who imports accounts for the whole tree,
    all of them; anyone else those of their subtree."""
    return User.objects.all() if user.can_administer else scoped(User.objects.all(), user, "committee")


def _closable(request, pk) -> User:
    """An account the user sees (``_accounts_of``) and may close, reopen or give a new password: not their own, not
    a leader's or an administrator's unless they administer (403, with nothing changed)."""
    account = get_object_or_404(_accounts_of(request.user), pk=pk)
    if not request.user.may_close(account):
        raise PermissionDenied
    return account
