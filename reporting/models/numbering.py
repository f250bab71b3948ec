from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.document_types import DocumentType


class NumberRegister(models.Model):
    """Sổ đăng ký văn bản: one issuing body, one document type, one term.

    ``last_sequence`` is locked and incremented to issue a number; the unique
    constraint on issued numbers is the database's own guard against twins.
    """

    committee = models.ForeignKey(
        "conferences.Committee", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    document_type = models.CharField(_("loại văn bản"), max_length=4, choices=DocumentType.choices)
    term = models.ForeignKey("conferences.Term", verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="+")
    last_sequence = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(fields=["committee", "document_type", "term"], name="number_register_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} — {self.committee} — {self.term.name}"


class IssuedNumber(models.Model):
    """A number given to a document; never reused, even when the document is cancelled."""

    register = models.ForeignKey(
        NumberRegister, verbose_name=_("sổ đăng ký"), on_delete=models.PROTECT, related_name="numbers"
    )
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    label = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ: 190-BC/HU"))
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cấp"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled = models.BooleanField(_("đã hủy"), default=False)

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["register", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["register", "sequence"], name="issued_number_unique_sequence"),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="issued_number_from_one"),
        ]

    def __str__(self) -> str:
        return self.label
