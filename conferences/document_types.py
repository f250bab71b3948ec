import re

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# 227-KH/HU, 05-CTr/ĐU, 125-HD/BTGTW: a serial, the document's type, the body that issued it.
PARTY_NUMBER = re.compile(r"[0-9]{1,5}-(?P<type>[^\W\d_]+)/[^\W_]+(?:-[^\W_]+)*")


class DocumentType(models.TextChoices):
    """The type part of a Party document number: 190-BC/HU. Its names are marked as such for translation: "báo
    cáo", "kế hoạch", "chương trình" are also everyday words of the interface."""

    RESOLUTION = "NQ", pgettext_lazy("document type", "Nghị quyết")
    DIRECTIVE = "CT", pgettext_lazy("document type", "Chỉ thị")
    CONCLUSION = "KL", pgettext_lazy("document type", "Kết luận")
    DECISION = "QĐ", pgettext_lazy("document type", "Quyết định")
    GUIDANCE = "HD", pgettext_lazy("document type", "Hướng dẫn")
    PLAN = "KH", pgettext_lazy("document type", "Kế hoạch")
    REPORT = "BC", pgettext_lazy("document type", "Báo cáo")
    LETTER = "CV", pgettext_lazy("document type", "Công văn")
    NOTICE = "TB", pgettext_lazy("document type", "Thông báo")
    PROGRAMME = "CTr", pgettext_lazy("document type", "Chương trình")
    SUBMISSION = "TTr", pgettext_lazy("document type", "Tờ trình")


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
