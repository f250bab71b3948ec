from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """Mặt trận Tổ quốc or a mass organisation that runs propaganda sessions."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("Mặt trận, đoàn thể")
        verbose_name_plural = _("Mặt trận, đoàn thể")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
