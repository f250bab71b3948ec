import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.figure_rules import MAX_FIGURE
from conferences.models.committees import existed_between
from conferences.models.fields import campaign_key, committee_key, person_who
from conferences.versioning import Versioned

# Results that count in the figures: checked and accepted by staff.
COUNTED_STATUSES = ("accepted",)
# Results the unit has sent: accepted, or waiting for staff to review them.
SENT_STATUSES = ("submitted", "accepted")
# Every kind of conference a unit holds; together, its conferences.
CONFERENCE_KINDS = ("conferences_online", "conferences_in_person", "conferences_replay", "conferences_other")
# Every figure a unit reports, in the order the form asks for them; each sums over a subtree.
FIGURE_FIELDS = (
    *CONFERENCE_KINDS,
    "cell_meetings",
    "party_members_total",
    "party_members_attended",
    "non_members_total",
    "non_members_attended",
    "people",
    "propaganda_sessions",
    "propaganda_people",
    "radio_tv_news",
    "radio_tv_articles",
    "radio_tv_minutes",
    "action_programmes",
    "implementation_plans",
)


def counted_q(*, campaign, committee, via: str = "") -> Q:
    """Results of ``campaign`` that count, anywhere in ``committee``'s subtree; ``via`` reaches them from
    another model (``"result__"`` from an organisation's outreach)."""
    return Q(
        **{
            f"{via}campaign": campaign,
            f"{via}status__in": COUNTED_STATUSES,
            f"{via}unit__path__startswith": committee.path,
        }
    )


def conferences_held(*kinds: str) -> CombinedExpression:
    """The sum of ``kinds`` of conference (all of them by default), for ``Sum`` or ``annotate``."""
    return reduce(operator.add, (F(kind) for kind in kinds or CONFERENCE_KINDS))


def first_sending() -> Coalesce:
    """When a result was first sent: a result returned and sent again is as timely as its first sending."""
    return Coalesce("first_submitted_at", "submitted_at")


def asked_q(campaign) -> Q:
    """The committees ``campaign`` asks for results: those that existed while it ran, and any that sent one (a
    draft does not make a unit one of a campaign's)."""
    sent = UnitResult.objects.filter(campaign=campaign, unit=OuterRef("pk")).sent_once()
    return existed_between(campaign.starts_on, campaign.ends_on) | Q(Exists(sent))


class UnitResultQuerySet(models.QuerySet):
    def counted(self, *, campaign, committee) -> "UnitResultQuerySet":
        return self.filter(counted_q(campaign=campaign, committee=committee))

    def sent_once(self) -> "UnitResultQuerySet":
        """Results sent at least once (or imported by staff): their units report for the campaign whatever the
        units' dates say (``asked_q``)."""
        return self.exclude(status=UnitResult.Status.DRAFT)


class UnitResult(Versioned):
    """What one unit reports for one campaign (its secretary submits it).

    Figures count the unit's own work only, not its sub-units', so summing a
    subtree never counts anything twice. The campaign's participation rates
    come from here, not from conference attendance: one member may attend
    several sessions.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    COUNTED_STATUSES = COUNTED_STATUSES
    SENT_STATUSES = SENT_STATUSES

    campaign = campaign_key("unit_results")
    unit = committee_key(_("đơn vị"), "unit_results")

    # Empty (NULL) only in a draft or a returned result being mended: a result sent has every figure.
    conferences_online = models.PositiveIntegerField(_("hội nghị trực tuyến"), default=0, null=True)
    conferences_in_person = models.PositiveIntegerField(_("hội nghị trực tiếp"), default=0, null=True)
    conferences_replay = models.PositiveIntegerField(_("hội nghị phát lại video"), default=0, null=True)
    conferences_other = models.PositiveIntegerField(
        _("hội nghị hình thức khác"),
        default=0,
        null=True,
        help_text=_("Hội nghị không phải trực tuyến, trực tiếp hay phát lại video"),
    )
    cell_meetings = models.PositiveIntegerField(_("buổi sinh hoạt chi bộ"), default=0, null=True)
    people = models.PositiveIntegerField(_("số người tham gia"), default=0, null=True)
    party_members_total = models.PositiveIntegerField(_("tổng số đảng viên"), default=0, null=True)
    party_members_attended = models.PositiveIntegerField(_("đảng viên tham gia"), default=0, null=True)
    non_members_total = models.PositiveIntegerField(_("CB-CC-VC-NLĐ chưa là đảng viên"), default=0, null=True)
    non_members_attended = models.PositiveIntegerField(_("số chưa là đảng viên tham gia"), default=0, null=True)

    propaganda_sessions = models.PositiveIntegerField(_("buổi tuyên truyền do cấp ủy chỉ đạo"), default=0, null=True)
    propaganda_people = models.PositiveIntegerField(_("lượt người được tuyên truyền"), default=0, null=True)
    radio_tv_news = models.PositiveIntegerField(_("tin phát thanh, truyền hình"), default=0, null=True)
    radio_tv_articles = models.PositiveIntegerField(_("bài phát thanh, truyền hình"), default=0, null=True)
    radio_tv_minutes = models.PositiveIntegerField(_("thời lượng phát thanh, truyền hình (phút)"), default=0, null=True)
    action_programmes = models.PositiveIntegerField(_("chương trình hành động"), default=0, null=True)
    implementation_plans = models.PositiveIntegerField(_("kế hoạch thực hiện"), default=0, null=True)
    held_from = models.DateField(_("học tập từ ngày"), null=True, blank=True)
    held_to = models.DateField(_("đến ngày"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    # When the unit first sent it: a result returned and sent again is as timely as its first sending.
    first_submitted_at = models.DateTimeField(_("thời điểm gửi lần đầu"), null=True, blank=True)
    # The plausibility warnings the sender confirmed, as [{"field": …, "message": …}], for the reviewer.
    confirmed_warnings = models.JSONField(_("cảnh báo đã xác nhận"), default=list, blank=True)
    reviewed_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    reviewed_by = person_who(_("người xem xét"))
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "version"])
    objects = UnitResultQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("kết quả của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="unit_result_unique_per_campaign_unit"),
            models.CheckConstraint(
                condition=Q(party_members_attended__lte=F("party_members_total")),
                name="unit_result_party_members_within_total",
                violation_error_message=_("Số đảng viên tham gia không được lớn hơn tổng số đảng viên."),
            ),
            models.CheckConstraint(
                condition=Q(non_members_attended__lte=F("non_members_total")),
                name="unit_result_non_members_within_total",
                violation_error_message=_(
                    "Số người chưa là đảng viên tham gia không được lớn hơn tổng số người chưa là đảng viên."
                ),
            ),
            models.CheckConstraint(
                condition=Q(people__gte=F("party_members_attended") + F("non_members_attended")),
                name="unit_result_people_cover_attendees",
                violation_error_message=_(
                    "Số người tham gia không được nhỏ hơn số đảng viên và người chưa là đảng viên tham gia."
                ),
            ),
            models.CheckConstraint(
                condition=Q(held_from__isnull=True) | Q(held_to__isnull=True) | Q(held_to__gte=F("held_from")),
                name="unit_result_held_period_ordered",
                violation_error_message=_("Ngày kết thúc học tập không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "returned"])
                | Q(**{f"{name}__isnull": False for name in FIGURE_FIELDS}),
                name="unit_result_sent_has_every_figure",
                violation_error_message=_("Kết quả đã gửi phải có đủ mọi số liệu."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="unit_result_sent_has_submission_time",
                violation_error_message=_("Kết quả đã gửi phải có thời điểm gửi."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.campaign}"

    def save(self, *args, **kwargs):
        """The last guard of the lock: a result a signed report counted is never written again."""
        self.refuse_if_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_if_locked()
        return super().delete(*args, **kwargs)

    def refuse_if_locked(self) -> None:
        """FiguresLocked if the stored result was counted by a signed report."""
        from reporting.models.locks import refuse_if_locked

        if self.pk is not None:
            refuse_if_locked(UnitResult.objects.select_related("campaign", "unit").get(pk=self.pk))

    @property
    def conferences(self) -> int:
        """Every kind held; a kind a draft left empty counts none."""
        return sum(getattr(self, kind) or 0 for kind in CONFERENCE_KINDS)

    @property
    def was_sent(self) -> bool:
        """Sent at least once, or imported by staff (see ``sent_once``)."""
        return self.pk is not None and self.status != self.Status.DRAFT

    @property
    def not_asked(self) -> str:
        """Why the unit reports nothing for this campaign, for a result never sent; '' when it does."""
        return "" if self.was_sent else self.campaign.not_asked(self.unit)

    @property
    def is_editable_by_unit(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and not self.not_asked

    @property
    def was_resent(self) -> bool:
        """Sent again after staff returned it."""
        return bool(self.first_submitted_at and self.submitted_at and self.submitted_at > self.first_submitted_at)


class OutreachQuerySet(models.QuerySet):
    def counted(self, *, campaign, committee) -> "OutreachQuerySet":
        """Outreach reported in results that count; an organisation that held no session is not listed."""
        return self.filter(counted_q(campaign=campaign, committee=committee, via="result__"), sessions__gt=0)


# What an organisation's empty box asks for when the other of its pair is typed.
PAIRED = {
    "sessions": _("Nhập cả số buổi của các lượt người này (không có thì ghi 0 ở cả hai ô)."),
    "people": _("Nhập cả số lượt người của các buổi này (không có thì ghi 0 ở cả hai ô)."),
}


def outreach_problems(sessions: int, people: int) -> list[tuple[str, str]]:
    """The organisation's figures that cannot be, by field: people without a session, a session without people."""
    if people and not sessions:
        return [("sessions", str(_("Có lượt người tham gia thì phải có số buổi tuyên truyền.")))]
    if sessions and people < sessions:
        return [("people", str(_("Mỗi buổi phải có ít nhất một lượt người tham gia.")))]
    return []


class OrganisationOutreach(models.Model):
    """Propaganda by the Front or one mass organisation within a unit."""

    result = models.ForeignKey(
        UnitResult, verbose_name=_("kết quả của đơn vị"), on_delete=models.CASCADE, related_name="outreach"
    )
    organisation = models.ForeignKey(
        "reporting.Organisation",
        verbose_name=_("Mặt trận, đoàn thể"),
        on_delete=models.PROTECT,
        related_name="outreach",
    )
    sessions = models.PositiveIntegerField(_("số buổi"), default=0, validators=[MaxValueValidator(MAX_FIGURE)])
    people = models.PositiveIntegerField(_("lượt người"), default=0, validators=[MaxValueValidator(MAX_FIGURE)])

    history = HistoricalRecords()
    objects = OutreachQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("tuyên truyền của Mặt trận, đoàn thể")
        constraints = [
            models.UniqueConstraint(fields=["result", "organisation"], name="outreach_unique_per_result_organisation"),
            # Nothing held, or sessions each reaching someone: people without a session cannot be.
            models.CheckConstraint(
                condition=Q(sessions=0, people=0) | Q(sessions__gt=0, people__gte=F("sessions")),
                name="outreach_people_at_sessions",
                violation_error_message=_("Có lượt người thì phải có số buổi, và mỗi buổi có ít nhất một người."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.sessions} buổi, {self.people} lượt người"

    def clean(self):
        """From any form (the admin's too): figures that cannot be, and nothing added to or changed in a result a
        signed report counted."""
        from reporting.models.locks import lock_for, lock_message  # locks imports these models

        if problems := outreach_problems(self.sessions or 0, self.people or 0):
            raise ValidationError(dict(problems))
        stored = OrganisationOutreach.objects.filter(pk=self.pk).select_related("result").first() if self.pk else None
        results = [self.result] if self.result_id else []
        results += [stored.result] if stored is not None and stored.result_id != self.result_id else []
        if lock := next(filter(None, map(lock_for, results)), None):  # added to, changed in or moved out of it
            raise ValidationError(lock_message(lock), code="frozen")
