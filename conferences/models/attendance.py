from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models.fields import committee_key, site_key
from conferences.versioning import Versioned


class Attendance(Versioned):
    """Who of one unit attended one conference, and at which video-link site.

    A site's attendee count is the sum of the attendance recorded at it, so
    the per-event figures (97 at the district site, 640 at 14 sites) are
    entered once and computed everywhere.
    """

    conference = models.ForeignKey(
        "conferences.Conference", verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="attendances"
    )
    unit = committee_key(_("đơn vị"), "attendances")
    site = site_key("attendances", null=True, blank=True)
    party_members_expected = models.PositiveIntegerField(_("đảng viên được triệu tập"), default=0)
    party_members_attended = models.PositiveIntegerField(_("đảng viên tham dự"), default=0)
    non_members_expected = models.PositiveIntegerField(_("CB-CC-VC-NLĐ chưa là đảng viên được triệu tập"), default=0)
    non_members_attended = models.PositiveIntegerField(_("CB-CC-VC-NLĐ chưa là đảng viên tham dự"), default=0)
    others = models.PositiveIntegerField(_("thành phần khác tham dự"), default=0)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = verbose_name_plural = _("số liệu tham dự")
        constraints = [
            models.UniqueConstraint(fields=["conference", "unit"], name="attendance_unique_per_conference_unit"),
            models.CheckConstraint(
                condition=models.Q(party_members_attended__lte=models.F("party_members_expected")),
                name="attendance_party_members_within_expected",
                violation_error_message=_("Số đảng viên tham dự không được lớn hơn số được triệu tập."),
            ),
            models.CheckConstraint(
                condition=models.Q(non_members_attended__lte=models.F("non_members_expected")),
                name="attendance_non_members_within_expected",
                violation_error_message=_("Số người chưa là đảng viên tham dự không được lớn hơn số được triệu tập."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.conference}"

    @property
    def attendees(self) -> int:
        return self.party_members_attended + self.non_members_attended + self.others

    def clean(self) -> None:
        """From any form (the admin's too): the site took part, and no unit's attendance a signed document counted
        is added, changed, or moved to another conference or unit."""
        super().clean()
        if (
            self.site_id
            and self.conference_id
            and not self.conference.conference_sites.filter(site_id=self.site_id).exists()
        ):
            raise ValidationError({"site": _("Điểm cầu này không tham gia hội nghị.")})
        stored = Attendance.objects.filter(pk=self.pk).first() if self.pk else None
        if reason := next(filter(None, (_frozen(self), _frozen(stored))), ""):
            raise ValidationError(reason, code="frozen")


def _frozen(attendance: Attendance | None) -> str:
    """Why ``attendance`` (as posted, or as stored) is one a signed document counted, or ''."""
    from conferences.freezing import attendance_frozen  # the registry imports these models

    if attendance is None or not (attendance.conference_id and attendance.unit_id):
        return ""
    return attendance_frozen(attendance)


class Absentee(models.Model):
    """Đại biểu không tham dự: listed by the staff after each conference."""

    attendance = models.ForeignKey(
        Attendance, verbose_name=_("số liệu tham dự"), on_delete=models.CASCADE, related_name="absentees"
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_party_member = models.BooleanField(_("là đảng viên"), default=True)
    reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = _("người vắng mặt")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """From any form (the admin's too): no absentee is added to, changed in or moved out of attendance a signed
        document counted."""
        stored = Absentee.objects.filter(pk=self.pk).select_related("attendance").first() if self.pk else None
        posted = self.attendance if self.attendance_id else None
        if reason := next(filter(None, (_frozen(posted), _frozen(stored and stored.attendance))), ""):
            raise ValidationError(reason, code="frozen")
