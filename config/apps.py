from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes, named in Vietnamese in the admin."""

    verbose_name = _("Khóa đăng nhập")
