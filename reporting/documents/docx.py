"""The report as a Word document (.docx), for offices that finish their documents in Word.

The same ``ReportDocument`` as the PDF, in the same structure: the header
table, the document type and summary, numbered sections, footnotes as real
Word footnotes, the recipients and signature table; A4 with the margins of
REPORT_FORMAT.md, Times New Roman 14 (the font Word users have), page numbers
from page 2. What differs from the PDF: Word lays out lines itself, so line
breaks and page breaks may fall elsewhere, and there is no signature (a Word
file is a draft to finish; the issued document is the signed PDF).
"""

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from reporting.documents.document import ReportDocument
from reporting.documents.markup import FOOTNOTE_CALL, ITALIC, called_key

FONT = "Times New Roman"
BODY_SIZE, NOTE_SIZE = Pt(14), Pt(12)
MARKUP = re.compile(rf"{FOOTNOTE_CALL.pattern}|{ITALIC.pattern}")


def render_report_docx(document: ReportDocument) -> bytes:
    word = Document()
    _page(word)
    notes = _Footnotes(word)
    _header(word, document)
    title = _paragraph(word, document.document_type, bold=True, size=Pt(16), align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(12)
    for line in document.summary:
        _paragraph(word, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(word, "-----------", align=WD_ALIGN_PARAGRAPH.CENTER)
    for block in document.blocks:
        _block(word, block, document.footnotes, notes)
    _closing(word, document)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def _page(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True  # no number on page 1
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>2</w:t></w:r></w:fldSimple>'))
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, BODY_SIZE
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)


def _paragraph(container, text: str, *, bold=False, italic=False, size=None, align=None, underline=False):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size is not None:
        run.font.size = size
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _header(word, document: ReportDocument) -> None:
    """Two borderless columns, 40 : 60, as the PDF's header."""
    table = word.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(66), Mm(99))
    rows = [
        ((document.superior_line, False), ("ĐẢNG CỘNG SẢN VIỆT NAM", True)),
        ((f"{document.issuing_body}\n*", True), (document.place_and_date, False)),
        ((document.number, False), ("", False)),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        for n, (cell, (text, bold)) in enumerate(zip(row.cells, cells, strict=True)):
            cell.width = widths[n]
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = bold
            run.italic = text == document.place_and_date
            run.underline = text == "ĐẢNG CỘNG SẢN VIỆT NAM"


def _block(word, block, footnotes: dict[str, str], notes: "_Footnotes") -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    heading = block.kind in ("section", "subsection", "point", "item")
    _runs(paragraph, block.text, footnotes, notes, bold=heading, italic=block.kind == "item")


def _runs(paragraph, text: str, footnotes, notes, *, bold=False, italic=False) -> None:
    """Text with its *italics* and [^key] footnote calls, as runs and real footnote references."""
    position = 0
    for match in MARKUP.finditer(text):
        _run(paragraph, text[position : match.start()], bold=bold, italic=italic)
        if match.group(0).startswith("[^"):
            key = called_key(match)
            if key in footnotes:
                notes.reference(paragraph, key, footnotes[key])
        else:
            _run(paragraph, match.group(match.lastindex), bold=bold, italic=True)
        position = match.end()
    _run(paragraph, text[position:], bold=bold, italic=italic)


def _run(paragraph, text: str, *, bold=False, italic=False) -> None:
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None


def _closing(word, document: ReportDocument) -> None:
    """Nơi nhận on the left, the signature block on the right."""
    table = word.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(74), Mm(91)
    if document.recipients:
        label = left.paragraphs[0]
        label.add_run("Nơi nhận:").underline = True
        for recipient in document.recipients:
            _paragraph(left, f"- {recipient}", size=NOTE_SIZE)
    for n, text in enumerate([document.authority, document.signer_title, "", "", "", document.signer_name]):
        paragraph = right.paragraphs[0] if n == 0 else right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True


class _Footnotes:
    """Word's footnotes part: added to the document once, each note numbered in order of first call."""

    def __init__(self, word) -> None:
        self.numbers: dict[str, int] = {}
        self.xml: list[str] = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            "</w:footnote>",
        ]
        self.part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, b"", word.part.package)
        word.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        self._write()

    def reference(self, paragraph, key: str, text: str) -> None:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.xml.append(self._note(self.numbers[key], FOOTNOTE_CALL.sub("", text)))
            self._write()
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{self.numbers[key]}"/></w:r>'
            )
        )

    @staticmethod
    def _note(number: int, text: str) -> str:
        size = int(NOTE_SIZE.pt * 2)
        plain = escape(ITALIC.sub(r"\1", text))
        return (
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="{size}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve"> {plain}</w:t></w:r></w:p>'
            "</w:footnote>"
        )

    def _write(self) -> None:
        notes = "".join(self.xml)
        self.part._blob = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>{notes}</w:footnotes>'
        ).encode()
