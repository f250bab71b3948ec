from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.models.fields import committee_key


class VideoSite(models.Model):
    """Điểm cầu trực tuyến: a hall with a video link, owned by one committee."""

    committee = committee_key(_("cấp ủy quản lý"), "video_sites")
    name = models.CharField(_("tên điểm cầu"), max_length=200)
    hall = models.CharField(_("hội trường, phòng họp"), max_length=200, blank=True)
    screens = models.PositiveSmallIntegerField(_("số màn hình"), default=1)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điểm cầu")
        ordering = ["committee__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="video_site_unique_name_per_committee"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """From any form: a site passes to another unit only where no signed document counted the attendance, at a
        conference held there, of the unit it leaves or of the one it joins."""
        from conferences.freezing import site_frozen  # the registry imports these models

        stored = VideoSite.objects.filter(pk=self.pk).select_related("committee").first()
        if stored is None or stored.committee_id == self.committee_id or not self.committee_id:
            return
        if reason := site_frozen(self, [stored.committee, self.committee]):
            raise ValidationError({"committee": reason}, code="frozen")
