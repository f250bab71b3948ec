from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.models.fields import person_who


class SealImage(models.Model):
    """Con dấu: the committee's red seal as a PNG with transparency, printed over the signature when it signs."""

    committee = models.OneToOneField(
        "conferences.Committee", verbose_name=_("cấp ủy"), on_delete=models.CASCADE, related_name="seal_image"
    )
    png = models.BinaryField(_("ảnh con dấu (PNG)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)
    uploaded_by = person_who(_("người tải lên"))

    class Meta:
        verbose_name = verbose_name_plural = _("ảnh con dấu")

    def __str__(self) -> str:
        return str(self.committee)


class SignatureImage(models.Model):
    """A leader's handwritten signature as a PNG with transparency, printed above the name when they sign."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.CASCADE,
        related_name="signature_image",
    )
    png = models.BinaryField(_("ảnh chữ ký (PNG)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ảnh chữ ký")

    def __str__(self) -> str:
        return str(self.user)
