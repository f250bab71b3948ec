from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.models.fields import campaign_key, committee_key, person_who


class SignedReportError(Exception):
    """A signed report is final: a correction is a new document with a new number."""


class ReportQuerySet(models.QuerySet):
    """Bulk deletes and updates go round ``Report.save`` and ``delete``: they refuse signed reports too."""

    def delete(self):
        if self.filter(status=Report.Status.SIGNED).exists():
            raise SignedReportError(_("Báo cáo đã ký không thể xóa."))
        return super().delete()

    def update(self, **kwargs):
        if self.filter(status=Report.Status.SIGNED).exists():
            raise SignedReportError(_("Báo cáo đã ký không thể sửa; hãy lập văn bản mới."))
        return super().update(**kwargs)


def kept_one(model: str, verbose_name, *, related_name: str) -> models.OneToOneField:
    """A record a report has at most one of, and that no other report shares: the number issued to it, the
    signed report it replaces. What it names cannot be deleted from under it."""
    return models.OneToOneField(
        model, verbose_name=verbose_name, on_delete=models.PROTECT, null=True, blank=True, related_name=related_name
    )


class Report(models.Model):
    """A committee's báo cáo: drafted from the data, edited, approved, signed.

    Either on one campaign, or over a period (a term report): every campaign
    and conference of the committee's subtree in the period, usually at the
    superior's request (``request_*``, cited in the opening).

    ``draft`` holds the text as last generated from the data; ``edits`` holds
    what staff changed, each with the generated text it was written over, so a
    regenerated draft keeps the edits and shows where the data moved under them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")
        SIGNED = "signed", _("Đã ký ban hành")

    committee = committee_key(_("cấp ủy"), "reports")
    campaign = campaign_key("reports", null=True, blank=True)
    period_starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    period_ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    request_number = models.CharField(
        _("số văn bản yêu cầu báo cáo"), max_length=40, blank=True, help_text=_("Ví dụ: 812-CV/BTGTU")
    )
    request_issued_on = models.DateField(_("ngày của văn bản yêu cầu"), null=True, blank=True)
    request_issuer = models.CharField(
        _("cơ quan yêu cầu"), max_length=200, blank=True, help_text=_("Ví dụ: Ban Tuyên giáo Tỉnh ủy")
    )
    request_subject = models.TextField(
        _("trích yếu văn bản yêu cầu"),
        blank=True,
        help_text=_("Ví dụ: về việc báo cáo công tác nghiên cứu, học tập, quán triệt … các nghị quyết của Đảng"),
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = kept_one("reporting.IssuedNumber", _("số văn bản"), related_name="report")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    draft = models.JSONField(_("dự thảo từ số liệu"), default=dict)
    edits = models.JSONField(_("đoạn đã sửa"), default=dict, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=100, default="T/M BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    drafted_at = models.DateTimeField(_("lập dự thảo lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = person_who(_("người duyệt"), kept=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    signed_by = person_who(_("người ký"), kept=True)
    signed_pdf = models.BinaryField(_("tệp PDF đã ký"), null=True, blank=True, editable=False)
    # The report's tables as they stood when it was signed (the dashboard's workbook, or the term report's own).
    signed_xlsx = models.BinaryField(_("bảng số liệu kèm văn bản đã ký"), null=True, blank=True, editable=False)
    # Signed with the leader's own token: the numbered PDF given to sign, and the certificate that signed it.
    prepared_pdf = models.BinaryField(_("tệp PDF đưa đi ký"), null=True, blank=True, editable=False)
    signed_with_token = models.BooleanField(_("ký bằng thiết bị ký số riêng"), default=False)
    token_certificate = models.CharField(_("chứng thư số của người ký"), max_length=300, blank=True)
    signed_sha256 = models.CharField(_("SHA-256 của tệp đã ký"), max_length=64, blank=True, db_index=True)
    # A correction: the signed report this one replaces once signed, who opened it and why.
    replaces = kept_one("self", _("thay thế báo cáo"), related_name="replaced_by")
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    correction_opened_at = models.DateTimeField(_("mở đính chính lúc"), null=True, blank=True)
    correction_opened_by = person_who(_("người mở đính chính"), kept=True)
    # The leader who sent the approved report back to draft, and why: told to staff while it is a draft.
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    returned_by = person_who(_("người trả lại"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("báo cáo")
        ordering = ["-created_at"]
        constraints = [
            # One report in the works per committee and campaign; signed ones stay as they are.
            models.UniqueConstraint(
                fields=["committee", "campaign"], condition=~Q(status="signed"), name="report_one_open_per_campaign"
            ),
            models.UniqueConstraint(
                fields=["committee", "period_starts_on", "period_ends_on"],
                condition=~Q(status="signed") & Q(campaign__isnull=True),
                name="report_one_open_per_period",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | (Q(number__isnull=False) & ~Q(signed_sha256="")),
                name="report_signed_has_number_and_file",
            ),
            # A report is on a campaign, or over a period whose end is not before its start.
            models.CheckConstraint(
                condition=(Q(campaign__isnull=False) & Q(period_starts_on__isnull=True))
                | (
                    Q(campaign__isnull=True)
                    & Q(period_starts_on__isnull=False)
                    & Q(period_ends_on__gte=models.F("period_starts_on"))
                ),
                name="report_on_campaign_or_period",
            ),
        ]

    def __str__(self) -> str:
        label = self.number.label if self.number_id else str(_("chưa có số"))
        return f"Báo cáo {label} — {self.committee}"

    def save(self, *args, **kwargs):
        if self.pk and Report.objects.filter(pk=self.pk, status=self.Status.SIGNED).exists():
            raise SignedReportError(_("Báo cáo đã ký không thể sửa; hãy lập văn bản mới."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == self.Status.SIGNED:
            raise SignedReportError(_("Báo cáo đã ký không thể xóa."))
        return super().delete(*args, **kwargs)

    @property
    def is_term_report(self) -> bool:
        return self.campaign_id is None
