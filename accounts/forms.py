from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts.names import typed_name

# Django keeps a given name and a family name of 150 characters each; a whole name stays well within one.
MAX_FULL_NAME = 150


class LoginForm(AuthenticationForm):
    """Sign-in; a user name longer than any account's is refused before it is looked up or recorded. Whoever
    gives the right password of a closed account is told it is closed, and whom to ask."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ cán bộ tuyên giáo cấp trên để được mở lại."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets max_length here without its validator; without one, axes would try to record the
        # typed name in a column it does not fit (a server error on PostgreSQL).
        limit = get_user_model()._meta.get_field("username").max_length
        self.fields["username"].validators.append(MaxLengthValidator(limit))
        self.fields["username"].error_messages["max_length"] = _("Tên đăng nhập dài quá %(limit_value)d ký tự.")


class FirstPasswordForm(PasswordChangeForm):
    """The password change; at the first sign-in the current password is the one on the person's slip, and a
    person whose account was made without a name (a unit's secretary, made in bulk) gives it."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Mật khẩu hiện tại không đúng; hãy nhập lại."),
        }
        if user.must_change_password:
            self.fields["old_password"].label = _("Mật khẩu dùng một lần (trên phiếu mật khẩu)")
            self.error_messages["password_incorrect"] = _(
                "Mật khẩu dùng một lần không đúng; hãy nhập lại đúng như trên phiếu mật khẩu."
            )
        if user.must_change_password and not user.get_full_name():
            self.fields["full_name"] = forms.CharField(
                label=_("Họ và tên của bạn"),
                max_length=MAX_FULL_NAME,
                help_text=_("Ghi đầy đủ, ví dụ: Nguyễn Văn An. Tên này ghi bên những gì bạn nhập và gửi."),
                error_messages={
                    "required": _("Nhập họ và tên của bạn."),
                    "max_length": _("Họ và tên dài quá %(limit_value)d ký tự."),
                },
            )
            self.order_fields(["full_name"])  # the name first, then the passwords
            self.fields["full_name"].widget.attrs.update(autofocus=True, autocomplete="name")
            self.fields["old_password"].widget.attrs.pop("autofocus", None)

    def clean_full_name(self) -> str:
        full_name = typed_name(self.cleaned_data["full_name"])
        if len(full_name.split()) < 2:
            raise ValidationError(_("Ghi cả họ và tên, ví dụ: Nguyễn Văn An."), code="one_word")
        return full_name

    def save(self, commit=True):
        if full_name := self.cleaned_data.get("full_name"):
            self.user.set_full_name(full_name)
        return super().save(commit=commit)

    def clean(self):
        """A weak new password is refused at the new password, where it was typed, not at its confirmation."""
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return super(SetPasswordForm, self).clean()
