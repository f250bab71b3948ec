from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Term(models.Model):
    """Nhiệm kỳ: congress to congress. Document numbers run through a whole term."""

    committee = models.ForeignKey(
        "conferences.Committee", verbose_name=_("cấp ủy"), on_delete=models.CASCADE, related_name="terms"
    )
    name = models.CharField(_("nhiệm kỳ"), max_length=40, help_text=_("Ví dụ: 2020 - 2025"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    # A new term restarts the numbers at 01: who started it, and when, is kept.
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = _("nhiệm kỳ")
        ordering = ["committee", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "starts_on"], name="term_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="term_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} — nhiệm kỳ {self.name}"
