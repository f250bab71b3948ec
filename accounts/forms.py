from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Sign-in; a user name longer than any account's is refused before it is looked up or recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets max_length here without its validator; without one, axes would try to record the
        # typed name in a column it does not fit (a server error on PostgreSQL).
        limit = get_user_model()._meta.get_field("username").max_length
        self.fields["username"].validators.append(MaxLengthValidator(limit))
        self.fields["username"].error_messages["max_length"] = _("Tên đăng nhập dài quá %(limit_value)d ký tự.")
