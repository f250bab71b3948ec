"""Wrong passwords typed anywhere count as failed sign-ins: django-axes keeps one count per account and address.

The password change asks for the current password; a wrong one is a failed sign-in like any
other, so it counts towards the same limit (AXES_FAILURE_LIMIT) and cool-off (AXES_COOLOFF_TIME).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_lockout_response
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse

from accounts.models import User


def password_attempts_locked(*, request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


def password_failure_record(*, request: HttpRequest, user: User) -> None:
    """Counted as django-axes counts a failed sign-in; at the limit it marks the request locked out."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def password_failures_reset(*, request: HttpRequest, user: User) -> None:
    AxesProxyHandler.reset_attempts(ip_address=get_client_ip_address(request), username=user.get_username())


def sign_in_failures_forget(*, user: User) -> None:
    """The account's failed sign-ins forgotten from every address: its owner starts again with a new password."""
    AxesProxyHandler.reset_attempts(username=user.get_username())


def locked_out_response(*, request: HttpRequest, user: User) -> HttpResponse:
    """django-axes' own answer (AXES_LOCKOUT_TEMPLATE, status 429), as the sign-in page gives it."""
    return get_lockout_response(request, credentials={"username": user.get_username()})
