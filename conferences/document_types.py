import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# 227-KH/HU, 05-CTr/ĐU, 125-HD/BTGTW: a serial, the document's type, the body that issued it.
PARTY_NUMBER = re.compile(r"[0-9]{1,5}-(?P<type>[^\W\d_]+)/[^\W_]+(?:-[^\W_]+)*")


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


def number_problem(number: str, kind: str = "") -> str:
    """What is wrong with a Party document's number as typed ('' if nothing): it is printed as typed in the
    report's opening sentence and footnotes, so it must read like one; ``kind``, its type must be that one."""
    match = PARTY_NUMBER.fullmatch(number)
    if match is None:
        return gettext(
            "Ghi số, ký hiệu như trên văn bản, ví dụ 227-KH/HU: số, gạch ngang, loại văn bản, gạch chéo, cơ quan "
            "ban hành."
        )
    if kind and match["type"].casefold() != kind.casefold():
        return gettext("Ký hiệu “%(typed)s” không phải của %(label)s (%(kind)s): xem lại loại văn bản hoặc số.") % {
            "typed": match["type"],
            "label": str(DocumentType(kind).label).lower(),
            "kind": kind,
        }
    return ""
