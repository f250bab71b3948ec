from django.contrib.auth import views as auth_views

from accounts.throttling import (
    locked_out_response,
    password_attempts_locked,
    password_failure_record,
    password_failures_reset,
)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with wrong current passwords throttled like sign-ins."""

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
        return super().form_valid(form)
