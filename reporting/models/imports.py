import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResultImport(models.Model):
    """An Excel file of results, read and shown to staff, waiting for them to confirm it.

    The rows are kept as read (figures, what they change, their warnings), so
    confirming needs no second upload; nothing reaches the results before that.
    A preview is good for an hour, then it must be uploaded again.
    """

    KEPT_FOR = datetime.timedelta(hours=1)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        "conferences.Campaign", verbose_name=_("đợt học tập"), on_delete=models.CASCADE, related_name="+"
    )
    committee = models.ForeignKey(
        "conferences.Committee", verbose_name=_("cấp ủy"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    rows = models.JSONField(_("các dòng đã đọc"), default=list)
    # Units listed without any figure.
    skipped = models.PositiveIntegerField(_("dòng trống bỏ qua"), default=0)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp kết quả chờ xác nhận")
        verbose_name_plural = _("tệp kết quả chờ xác nhận")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("results_import_preview", args=[self.campaign.code, self.pk])

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + self.KEPT_FOR

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
