from axes.apps import AppConfig as AxesAppConfig
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

FAILED_SIGN_IN = _("Đăng nhập sai: %(user)s, %(at)s")
SIGN_IN = _("Đăng nhập: %(user)s, %(at)s")


class AxesConfig(AxesAppConfig):
    """django-axes, named in Vietnamese in the admin: its section, and its records, whose own names are English."""

    verbose_name = _("Khóa đăng nhập")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = AccessFailureLog.__str__ = _named(FAILED_SIGN_IN)
        AccessLog.__str__ = _named(SIGN_IN)


def _named(words):
    """A sign-in record's name: who, and when in the local time."""

    def name(record) -> str:
        return str(words) % {"user": record.username, "at": date_format(localtime(record.attempt_time), "H:i d/m/Y")}

    return name
