from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """The type part of a Party document number: 190-BC/HU."""

    RESOLUTION = "NQ", _("Nghị quyết")
    DIRECTIVE = "CT", _("Chỉ thị")
    CONCLUSION = "KL", _("Kết luận")
    DECISION = "QĐ", _("Quyết định")
    GUIDANCE = "HD", _("Hướng dẫn")
    PLAN = "KH", _("Kế hoạch")
    REPORT = "BC", _("Báo cáo")
    LETTER = "CV", _("Công văn")
    NOTICE = "TB", _("Thông báo")
    PROGRAMME = "CTr", _("Chương trình")
    SUBMISSION = "TTr", _("Tờ trình")


class ResolutionKind(models.TextChoices):
    """What is studied: a document of one of these types, named as the type is; a QĐ studied in a campaign is a
    regulation (quy định), not a decision."""

    RESOLUTION = DocumentType.RESOLUTION.value, DocumentType.RESOLUTION.label
    DIRECTIVE = DocumentType.DIRECTIVE.value, DocumentType.DIRECTIVE.label
    CONCLUSION = DocumentType.CONCLUSION.value, DocumentType.CONCLUSION.label
    REGULATION = DocumentType.DECISION.value, _("Quy định")
