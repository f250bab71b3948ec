"""What a committee does beside conferences that its term report counts: supervision and online channels."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Supervision(models.Model):
    """Kiểm tra, giám sát: a committee looked at how a unit of its subtree studied and carried out resolutions."""

    committee = models.ForeignKey(
        "conferences.Committee",
        verbose_name=_("cấp ủy kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        related_name="supervisions_made",
    )
    unit = models.ForeignKey(
        "conferences.Committee",
        verbose_name=_("tổ chức đảng được kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    held_on = models.DateField(_("ngày kiểm tra, giám sát"))
    subject = models.CharField(_("nội dung"), max_length=300)
    findings = models.TextField(_("kết quả, kết luận"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")
        ordering = ["-held_on", "unit__path"]
        constraints = [
            models.CheckConstraint(condition=~Q(unit=F("committee")), name="supervision_of_another_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.held_on:%d/%m/%Y}"


class OnlineChannel(models.Model):
    """A page, group or site a unit runs to spread the resolutions, with its members on a given day."""

    class Kind(models.TextChoices):
        FACEBOOK = "facebook", _("Trang, nhóm Facebook")
        ZALO = "zalo", _("Nhóm Zalo")
        WEBSITE = "website", _("Trang thông tin điện tử")
        OTHER = "other", _("Kênh khác")

    owner = models.ForeignKey(
        "conferences.Committee",
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="online_channels",
    )
    kind = models.CharField(_("loại kênh"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("tên kênh"), max_length=200)
    address = models.URLField(_("địa chỉ"), blank=True)
    members = models.PositiveIntegerField(_("số thành viên"))
    counted_on = models.DateField(_("số thành viên tính đến ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kênh trực tuyến")
        verbose_name_plural = _("kênh trực tuyến")
        ordering = ["owner__path", "name"]

    def __str__(self) -> str:
        return self.name
