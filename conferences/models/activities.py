"""What a committee does beside conferences that its term report counts: supervision, online channels,
and the action programmes and plans its units write after studying."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models.fields import campaign_key, committee_key, person_who
from conferences.similarity import COPIED_PERCENT


def refuse_if_counted(record: models.Model, committee: str, day: str) -> None:
    """Refuse a change to ``record`` a signed report counted as it is stored; and a date in a period a signed
    report covered, at the date's field."""
    from conferences.freezing import period_taken, record_frozen  # the registry imports these models

    stored = type(record).objects.select_related(committee).filter(pk=record.pk).first() if record.pk else None
    if stored is not None and (reason := record_frozen(getattr(stored, committee), getattr(stored, day))):
        raise ValidationError(reason, code="frozen")
    owner = getattr(record, committee) if getattr(record, f"{committee}_id") else None
    if reason := period_taken(owner, getattr(record, day)):
        raise ValidationError({day: reason}, code="frozen")


class Supervision(models.Model):
    """Kiểm tra, giám sát: a committee looked at how a unit of its subtree studied and carried out resolutions."""

    committee = committee_key(_("cấp ủy kiểm tra, giám sát"), "supervisions_made")
    unit = committee_key(_("tổ chức đảng được kiểm tra, giám sát"), "supervisions")
    held_on = models.DateField(_("ngày kiểm tra, giám sát"))
    subject = models.CharField(_("nội dung"), max_length=300)
    findings = models.TextField(_("kết quả, kết luận"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = _("kiểm tra, giám sát")
        ordering = ["-held_on", "unit__path"]
        constraints = [
            models.CheckConstraint(condition=~Q(unit=F("committee")), name="supervision_of_another_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.held_on:%d/%m/%Y}"

    def clean(self):
        """A supervision a signed report counted stays as it is, and none is added to a period it reported on."""
        refuse_if_counted(self, "committee", "held_on")


class OnlineChannel(models.Model):
    """A page, group or site a unit runs to spread the resolutions, with its members on a given day."""

    class Kind(models.TextChoices):
        FACEBOOK = "facebook", _("Trang, nhóm Facebook")
        ZALO = "zalo", _("Nhóm Zalo")
        WEBSITE = "website", _("Trang thông tin điện tử")
        OTHER = "other", _("Kênh khác")

    owner = committee_key(_("đơn vị quản lý"), "online_channels")
    kind = models.CharField(_("loại kênh"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("tên kênh"), max_length=200)
    address = models.URLField(_("địa chỉ"), blank=True)
    members = models.PositiveIntegerField(_("số thành viên"))
    counted_on = models.DateField(_("số thành viên tính đến ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = _("kênh trực tuyến")
        ordering = ["owner__path", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """Members counted in a period a signed report covered stay as they were counted."""
        refuse_if_counted(self, "owner", "counted_on")


class ActionDocument(models.Model):
    """Chương trình hành động, kế hoạch thực hiện: what a unit wrote after studying a campaign's resolutions.

    ``similarity`` is how much of its text repeats its superior's plan for the same campaign
    (``conferences.similarity``), stored when the document is saved; the seed names copying as a fault.
    """

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Chương trình hành động")
        PLAN = "plan", _("Kế hoạch thực hiện")

    unit = committee_key(_("cấp ủy, tổ chức đảng ban hành"), "action_documents")
    campaign = campaign_key("action_documents")
    kind = models.CharField(_("loại văn bản"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ: 05-CTr/ĐU"))
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300)
    text = models.TextField(_("nội dung văn bản"), blank=True)
    similarity = models.PositiveSmallIntegerField(
        _("tỷ lệ trùng với kế hoạch cấp trên (%)"), null=True, blank=True, editable=False
    )
    added_by = person_who(_("người nhập"), editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = _("chương trình hành động, kế hoạch thực hiện")
        ordering = ["unit__path", "issued_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"],
                condition=~Q(number=""),
                name="action_document_number_once_per_unit",
                violation_error_message=_("Đơn vị đã có văn bản mang số, ký hiệu này."),
            ),
            models.CheckConstraint(condition=Q(similarity__lte=100), name="action_document_similarity_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}" if self.number else self.title

    def clean(self):
        """A programme or plan a signed report counted stays as it is, and none is added to its period."""
        refuse_if_counted(self, "unit", "issued_on")

    @property
    def copied(self) -> bool:
        """Whether it repeats its superior's plan enough for the staff to see it as copied."""
        return self.similarity is not None and self.similarity >= COPIED_PERCENT
