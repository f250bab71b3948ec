from django.contrib.auth.password_validation import MinimumLengthValidator as BaseMinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django's check, with its message in Vietnamese (the bundled catalogue lacks it)."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length},
                code="password_too_short",
            )

    def get_help_text(self):
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
