"""A one-time password is changed at the first sign-in, before anything else is done."""

from django.shortcuts import redirect
from django.urls import reverse


class FirstPasswordChange:
    """Sends a user whose password was given them (``must_change_password``) to change it first."""

    ALLOWED = ("password_change", "password_change_done", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
