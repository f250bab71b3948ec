"""A report as the printed page lays it out, whatever it was drafted from.

``ReportDocument`` is what the PDF, the HTML preview and the XLSX render.
Block texts are plain Vietnamese with two marks staff can type too:
``*italic*`` and ``[^key]``, a footnote call whose text is
``footnotes[key]``; footnotes are numbered across the document in order of
their first call.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One heading or paragraph.

    kind: "section" (I. …, bold capitals), "subsection" (1. …, bold),
    "point" (1.1. …, bold), "item" (a) …, italic or bold) or "paragraph" (justified body text,
    first-line indent; a paragraph starting with "- " is a dash item).
    """

    key: str
    kind: str
    text: str


@dataclass(frozen=True)
class ReportDocument:
    superior_line: str  # ĐẢNG BỘ TỈNH LAI CHÂU (may be empty)
    issuing_body: str  # HUYỆN ỦY TAM ĐƯỜNG
    document_code: str  # BC/HU: the type and the issuing body's abbreviation
    place_and_date: str  # Tam Đường, ngày 15 tháng 01 năm 2024
    summary: list[str]  # trích yếu, one printed line each
    blocks: list[Block]
    footnotes: dict[str, str] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)  # "Ban Tuyên giáo Tỉnh ủy," … "Lưu."
    authority: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = ""
    signer_name: str = ""
    document_type: str = "BÁO CÁO"
    is_draft: bool = True
    number_label: str = ""  # 190-BC/HU once issued; before, the page leaves room to write it by hand
    issued_on: datetime.date | None = None  # the date in the header: the PDF's creation date

    @property
    def title(self) -> str:
        """'Báo cáo số 190-BC/HU kết quả nghiên cứu …': the PDF's title, the summary after the number."""
        number = f" số {self.number_label}" if self.number_label else ""
        return f"{self.document_type.capitalize()}{number} {' '.join(self.summary)}"

    @property
    def number(self) -> str:
        """'Số 190-BC/HU', or 'Số -BC/HU' before the number is issued."""
        return f"Số {self.number_label}" if self.number_label else f"Số -{self.document_code}"
