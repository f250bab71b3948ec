from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.models.fields import committee_key

# How many organisations beyond the usual five one unit may add.
MAX_ADDED_PER_UNIT = 10


class OrganisationQuerySet(models.QuerySet):
    def usable_by(self, unit) -> "OrganisationQuerySet":
        """The usual organisations and those ``unit`` added itself; another unit's names stay with it."""
        return self.filter(Q(added_by__isnull=True) | Q(added_by=unit))


class Organisation(models.Model):
    """Mặt trận Tổ quốc or a mass organisation that runs propaganda sessions.

    The usual five belong to everyone; one a unit adds by name (``added_by``)
    is that unit's own.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    added_by = committee_key(_("đơn vị thêm"), "+", null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("Mặt trận, đoàn thể")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(added_by__isnull=True), name="organisation_usual_name"
            ),
            models.UniqueConstraint(fields=["added_by", "name"], name="organisation_name_per_unit"),
        ]

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
