from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models.fields import campaign_key, committee_key, site_key
from conferences.versioning import Versioned


class Conference(Versioned):
    """Hội nghị học tập, quán triệt: one study event of a campaign."""

    class Level(models.TextChoices):
        CENTRE = "centre", _("Trung ương")
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")
        GRASSROOTS = "grassroots", _("Cấp cơ sở")

        @classmethod
        def counting_halls_below(cls) -> tuple["Conference.Level", ...]:
            """The levels whose conferences count the halls of every unit below them: each committee reports its
            expected head-count upward for them."""
            return cls.CENTRE, cls.PROVINCE

    class Format(models.TextChoices):
        ONLINE = "online", _("Trực tuyến")
        IN_PERSON = "in_person", _("Trực tiếp")
        REPLAY = "replay", _("Phát lại video ghi hình")
        CELL_MEETING = "cell_meeting", _("Lồng ghép sinh hoạt chi bộ")

    campaign = campaign_key("conferences")
    title = models.CharField(_("tên hội nghị"), max_length=300)
    level = models.CharField(_("cấp tổ chức"), max_length=20, choices=Level.choices)
    format = models.CharField(_("hình thức"), max_length=20, choices=Format.choices)
    host = committee_key(
        _("cấp ủy chủ trì"),
        "hosted_conferences",
        null=True,
        blank=True,
        help_text=_("Để trống khi Trung ương hoặc cấp trên ngoài hệ thống chủ trì"),
    )
    date = models.DateField(_("ngày tổ chức"))
    speakers = models.TextField(_("báo cáo viên"), blank=True)
    audience = models.TextField(_("thành phần"), blank=True)
    grassroots_audience = models.TextField(
        _("thành phần tại các điểm cầu cơ sở"),
        blank=True,
        help_text=_("Ví dụ: các đồng chí ủy viên Ban Chấp hành Đảng bộ; Bí thư các chi bộ trực thuộc Đảng ủy"),
    )
    sites = models.ManyToManyField(
        "conferences.VideoSite",
        verbose_name=_("điểm cầu"),
        through="conferences.ConferenceSite",
        related_name="conferences",
        blank=True,
    )

    class Meta:
        verbose_name = verbose_name_plural = _("hội nghị")
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["campaign", "date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"


class ConferenceSite(Versioned):
    """A video-link site taking part in one conference: line test and incidents."""

    class LineTest(models.TextChoices):
        PENDING = "pending", _("Chưa thử")
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="conference_sites"
    )
    site = site_key("conference_sites")
    line_test = models.CharField(
        _("thử đường truyền"), max_length=10, choices=LineTest.choices, default=LineTest.PENDING
    )
    sound_lost = models.BooleanField(_("mất âm thanh"), default=False)
    picture_lost = models.BooleanField(_("mất hình ảnh"), default=False)
    incident_note = models.TextField(_("ghi chú sự cố"), blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = verbose_name_plural = _("điểm cầu tham gia hội nghị")
        constraints = [
            models.UniqueConstraint(fields=["conference", "site"], name="conference_site_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.site} — {self.conference}"

    @property
    def had_incident(self) -> bool:
        return self.sound_lost or self.picture_lost

    def clean(self) -> None:
        """From any form (the admin's too): no site joins or leaves a conference a signed document counted, nor
        takes another's place there."""
        from conferences.freezing import conference_frozen  # the registry imports these models

        stored = ConferenceSite.objects.filter(pk=self.pk).select_related("conference").first()
        if stored is not None and (stored.conference_id, stored.site_id) == (self.conference_id, self.site_id):
            return  # its line test and incidents: read-only where its unit was counted (ConferenceSiteAdmin)
        touched = [stored.conference] if stored is not None else []  # left, or given another site
        touched += [self.conference] if self.conference_id else []
        if reason := next((reason for conference in touched if (reason := conference_frozen(conference))), ""):
            raise ValidationError(reason, code="frozen")


class PreparationStep(models.Model):
    """A preparation step one committee completed for a conference (Tây Sơn seed, section 1.7).

    Each committee prepares its own halls and lists for a central or provincial
    conference, so completions are kept per committee. Only completions are
    stored; which steps apply and when each is due are derived from the
    conference in ``conferences.preparation``.
    """

    class Step(models.TextChoices):
        INVITATIONS = "invitations", _("Phát hành giấy mời")
        LINE_TEST = "line_test", _("Thử đường truyền")
        SEATING = "seating", _("Trang trí hội trường, bố trí chỗ ngồi")
        HEADCOUNT = "headcount", _("Chốt và báo cáo số lượng đại biểu dự kiến lên cấp trên")
        ATTENDEE_LIST = "attendee_list", _("Lập danh sách đại biểu tham dự")
        ABSENTEE_LIST = "absentee_list", _("Lập danh sách đại biểu không tham dự")

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="preparation_steps"
    )
    committee = committee_key(_("cấp ủy chuẩn bị"), "preparation_steps")
    step = models.CharField(_("bước chuẩn bị"), max_length=20, choices=Step.choices)
    completed_on = models.DateField(_("ngày hoàn thành"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("bước chuẩn bị hội nghị")
        constraints = [
            models.UniqueConstraint(fields=["conference", "committee", "step"], name="preparation_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} — {self.conference}"

    def clean(self) -> None:
        """From any form (the admin's too): no step is added to, moved from or moved to a conference whose
        preparation a signed report counted."""
        from conferences.freezing import conference_frozen  # the registry imports these models

        stored = PreparationStep.objects.filter(pk=self.pk).select_related("conference").first()
        touched = [stored.conference] if stored is not None else []
        touched += [self.conference] if self.conference_id else []
        if reason := next((reason for conference in touched if (reason := conference_frozen(conference))), ""):
            raise ValidationError(reason, code="frozen")
