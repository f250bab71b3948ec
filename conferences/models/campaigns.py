import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from conferences.document_types import DocumentType, ResolutionKind
from conferences.models.committees import Committee
from conferences.models.fields import committee_key
from conferences.versioning import Versioned


class Resolution(models.Model):
    """A Party document to be studied: nghị quyết, chỉ thị, kết luận, quy định."""

    number = models.CharField(_("số, ký hiệu"), max_length=40, unique=True, help_text=_("Ví dụ: 42-NQ/TW"))
    kind = models.CharField(
        _("loại văn bản"), max_length=4, choices=ResolutionKind.choices, default=ResolutionKind.RESOLUTION
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200, default="Ban Chấp hành Trung ương Đảng")
    term = models.CharField(_("khóa"), max_length=10, blank=True, help_text=_("Ví dụ: XIII"))
    plenum = models.PositiveSmallIntegerField(_("Hội nghị Trung ương lần thứ"), null=True, blank=True)
    title = models.TextField(_("trích yếu"), help_text=_("Ví dụ: về chiến lược bảo vệ Tổ quốc trong tình hình mới"))

    class Meta:
        verbose_name = verbose_name_plural = _("nghị quyết, văn bản học tập")
        ordering = ["-issued_on", "number"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}"


def ran_while_existing(unit: Committee) -> models.Q:
    """The campaigns that ran while ``unit`` existed: those it is asked to report on."""
    return models.Q(ends_on__gte=unit.established_on or datetime.date.min) & models.Q(
        starts_on__lt=unit.dissolved_on or datetime.date.max
    )


class Campaign(Versioned):
    """Đợt học tập, quán triệt: one or more resolutions studied under a plan."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(
        _("tên đợt học tập"),
        max_length=300,
        help_text=_("Ví dụ: Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII"),
    )
    short_name = models.CharField(
        _("tên gọi tắt"), max_length=120, blank=True, help_text=_("Ví dụ: Nghị quyết Trung ương 8")
    )
    committee = committee_key(_("cấp ủy chỉ đạo"), "campaigns")
    resolutions = models.ManyToManyField(Resolution, verbose_name=_("nghị quyết"), related_name="campaigns")
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    reporting_deadline = models.DateField(_("hạn báo cáo"))
    participation_threshold = models.DecimalField(
        _("ngưỡng tỷ lệ tham gia (%)"),
        max_digits=4,
        decimal_places=1,
        default=95,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Đơn vị có tỷ lệ thấp hơn ngưỡng này được nêu trong hạn chế"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("đợt học tập")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(reporting_deadline__gte=models.F("starts_on")),
                name="campaign_deadline_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(participation_threshold__gte=0, participation_threshold__lte=100),
                name="campaign_threshold_is_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        """From any form: a campaign new, or given other dates, does not run into a period a signed term report
        covered; that report counted the campaigns running then, their plans and their units' results."""
        from conferences.freezing import span_taken  # the registry imports these models

        if not (self.committee_id and self.starts_on and self.ends_on):
            return
        stored = Campaign.objects.filter(pk=self.pk).values_list("starts_on", "ends_on").first() if self.pk else None
        dates = (self.starts_on, self.ends_on)
        if stored != dates and (reason := span_taken(self.committee, *dates)):
            raise ValidationError({"starts_on": reason}, code="frozen")

    def not_asked(self, unit: Committee) -> str:
        """Why ``unit`` reports nothing for this campaign (it did not exist while it ran), or ''."""
        if unit.existed_during(self.starts_on, self.ends_on):
            return ""
        if unit.dissolved_on is not None and unit.dissolved_on <= self.starts_on:
            message = _(
                "%(unit)s đã giải thể, sáp nhập từ ngày %(day)s, không còn khi đợt học tập bắt đầu (%(start)s): "
                "không báo cáo đợt này."
            )
            return message % {
                "unit": unit.name,
                "day": date_format(unit.dissolved_on, "d/m/Y"),
                "start": date_format(self.starts_on, "d/m/Y"),
            }
        message = _(
            "%(unit)s thành lập từ ngày %(day)s, sau khi đợt học tập kết thúc (%(end)s): không báo cáo đợt này."
        )
        return message % {
            "unit": unit.name,
            "day": date_format(unit.established_on, "d/m/Y"),
            "end": date_format(self.ends_on, "d/m/Y"),
        }

    def own_plan(self) -> "DirectingDocument | None":
        """The plan the campaign's committee issued for it (the first, if several), not the superior's."""
        return (
            self.directing_documents.filter(kind=DocumentType.PLAN, from_superior=False)
            .order_by("issued_on", "pk")
            .first()
        )


class DirectingDocument(models.Model):
    """A plan, guidance or letter that directs the campaign.

    The superior's documents are cited in the report's opening sentence
    (Thực hiện Kế hoạch số 216-KH/TU ...); the committee's own in a footnote.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("đợt học tập"), on_delete=models.CASCADE, related_name="directing_documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=4, choices=DocumentType.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ: 227-KH/HU"))
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: Ban Thường vụ Tỉnh ủy"))
    subject = models.TextField(_("trích yếu"), help_text=_("Ví dụ: về nghiên cứu, học tập, quán triệt …"))
    from_superior = models.BooleanField(
        _("văn bản của cấp trên"), default=False, help_text=_("Được trích dẫn ở câu mở đầu báo cáo")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="directing_document_unique_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}"
