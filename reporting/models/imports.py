import datetime
import io
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KeptPreview(models.Model):
    """An upload read and shown to its uploader, kept for them to confirm within the hour; nothing it holds
    reaches the data before that, and past the hour it must be uploaded again."""

    KEPT_FOR = datetime.timedelta(hours=1)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + self.KEPT_FOR

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @classmethod
    def clear_expired(cls) -> int:
        """Deletes the previews past their hour; how many."""
        deleted, _by_model = cls.objects.filter(created_at__lte=timezone.now() - cls.KEPT_FOR).delete()
        return deleted


class ResultImport(KeptPreview):
    """An Excel file of results, read and shown to staff, waiting for them to confirm it.

    The rows are kept as read (figures, what they change, their warnings), so
    confirming needs no second upload.
    """

    campaign = models.ForeignKey(
        "conferences.Campaign", verbose_name=_("đợt học tập"), on_delete=models.CASCADE, related_name="+"
    )
    committee = models.ForeignKey(
        "conferences.Committee", verbose_name=_("cấp ủy"), on_delete=models.CASCADE, related_name="+"
    )
    rows = models.JSONField(_("các dòng đã đọc"), default=list)
    # Units listed without any figure.
    skipped = models.PositiveIntegerField(_("dòng trống bỏ qua"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("tệp kết quả chờ xác nhận")

    def get_absolute_url(self) -> str:
        return reverse("results_import_preview", args=[self.campaign.code, self.pk])


class SetupUpload(KeptPreview):
    """A spreadsheet that sets a district up (its committee tree, its staff and leaders' accounts), previewed and
    kept as uploaded, so saving it needs no second upload. Saving reads it again against what is stored then."""

    class Kind(models.TextChoices):
        COMMITTEES = "committee", _("Cây cấp ủy")
        ACCOUNTS = "account", _("Tài khoản cán bộ, lãnh đạo")

    kind = models.CharField(_("loại tệp"), max_length=20, choices=Kind.choices)
    content = models.BinaryField(_("nội dung tệp"))

    class Meta:
        verbose_name = verbose_name_plural = _("tệp thiết lập chờ lưu")

    def get_absolute_url(self) -> str:
        return reverse(f"{self.kind}_import_preview", args=[self.pk])

    @property
    def save_url(self) -> str:
        return reverse(f"{self.kind}_import_save", args=[self.pk])

    def file(self) -> io.BytesIO:
        """The upload as it came, under its name."""
        upload = io.BytesIO(bytes(self.content))
        upload.name = self.file_name
        return upload
