from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.models.fields import committee_key, person_who


class SigningKey(models.Model):
    """A committee's own signing certificate and key (ký số), as its office was issued them.

    The PKCS#12 file and its passphrase are kept sealed with a key from the
    environment (``REPORT_KEYS_SECRET``) and never shown again; the
    certificate itself is public and stays readable, so reports it signed are
    verified long after it is replaced.
    """

    committee = committee_key(_("cấp ủy"), "signing_keys")
    common_name = models.CharField(_("tên trên chứng thư"), max_length=200)
    certificate = models.BinaryField(_("chứng thư (DER)"), editable=False)
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False)
    valid_until = models.DateTimeField(_("hiệu lực đến"))
    sealed = models.BinaryField(_("tệp PKCS#12 đã mã hóa"), editable=False)
    active = models.BooleanField(_("đang dùng để ký"), default=True)
    added_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)
    added_by = person_who(_("người nạp"))

    class Meta:
        verbose_name = verbose_name_plural = _("chứng thư số của cấp ủy")
        ordering = ["committee__path", "-added_at"]
        constraints = [
            models.UniqueConstraint(fields=["committee"], condition=Q(active=True), name="signing_key_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.common_name} — {self.committee}"
