from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.document_types import DocumentType
from conferences.models.fields import committee_key


class NumberRegister(models.Model):
    """Sổ đăng ký văn bản: one issuing body, one document type, one term.

    ``last_sequence`` is locked and incremented to issue a number; the unique
    constraint on issued numbers is the database's own guard against twins.
    """

    committee = committee_key(_("cơ quan ban hành"), "+")
    document_type = models.CharField(_("loại văn bản"), max_length=4, choices=DocumentType.choices)
    term = models.ForeignKey("conferences.Term", verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="+")
    last_sequence = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(fields=["committee", "document_type", "term"], name="number_register_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} — {self.committee} — {self.term.name}"


class IssuedNumberQuerySet(models.QuerySet):
    """An issued number is never deleted nor rewritten, in bulk either; it can only be marked cancelled."""

    def delete(self):
        raise NumberKept(_("Số văn bản đã cấp không bao giờ bị xóa."))

    def update(self, **kwargs):
        if set(kwargs) - {"cancelled"}:
            raise NumberKept(_("Số văn bản đã cấp không sửa được; chỉ có thể đánh dấu đã hủy."))
        return super().update(**kwargs)


class NumberKept(Exception):
    """An issued number stays as issued."""


class IssuedNumber(models.Model):
    """A number given to a document; never reused, even when the document is cancelled."""

    register = models.ForeignKey(
        NumberRegister, verbose_name=_("sổ đăng ký"), on_delete=models.PROTECT, related_name="numbers"
    )
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    label = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ: 190-BC/HU"))
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cấp"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    cancelled = models.BooleanField(_("đã hủy"), default=False)

    objects = IssuedNumberQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["register", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["register", "sequence"], name="issued_number_unique_sequence"),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="issued_number_from_one"),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = IssuedNumber.objects.filter(pk=self.pk).values("register_id", "sequence", "label").first()
            if stored not in (None, {"register_id": self.register_id, "sequence": self.sequence, "label": self.label}):
                raise NumberKept(_("Số văn bản đã cấp không sửa được; chỉ có thể đánh dấu đã hủy."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise NumberKept(_("Số văn bản đã cấp không bao giờ bị xóa."))
