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

    @classmethod
    def ensure_defaults(cls) -> None:
        """The usual five exist (a data migration adds them; a flushed database may lack them)."""
        for code, (name, order) in DEFAULT_ORGANISATIONS.items():
            cls.objects.get_or_create(code=code, defaults={"name": name, "order": order})


# The Fatherland Front and the mass organisations every report names; a data
# migration adds them, and the demo makes sure of them on a flushed database.
DEFAULT_ORGANISATIONS = {
    "mttq": ("Ủy ban Mặt trận Tổ quốc", 10),
    "hoi-nong-dan": ("Hội Nông dân", 20),
    "doan-thanh-nien": ("Đoàn Thanh niên", 30),
    "hoi-phu-nu": ("Hội Liên hiệp Phụ nữ", 40),
    "hoi-cuu-chien-binh": ("Hội Cựu chiến binh", 50),
}
