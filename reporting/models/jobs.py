import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """One piece of background work a person started (an export, a signing) and follows in the browser.

    The arguments are codes and ids, never objects, so a worker on another
    machine can run it; the rendered file is kept here until it is downloaded
    or cleared away.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Không thành công")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(_("loại việc"), max_length=40)
    arguments = models.JSONField(_("tham số"), default=dict)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(_("tiến độ"), max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    mimetype = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    content = models.BinaryField(_("nội dung tệp"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    return_url = models.CharField(_("trang quay lại"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu chạy lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    def get_absolute_url(self) -> str:
        return reverse("job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
