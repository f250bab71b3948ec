"""The text of an uploaded programme or plan (.docx or .pdf), read within fixed bounds.

A .docx is a zip file: a few kilobytes can unpack into gigabytes (a zip bomb), so only
``word/document.xml`` is read, only if stored or deflated as Word writes it (Python unpacks bzip2 and LZMA
in one piece, whatever size the archive declares), and never past ``MAX_UNPACKED_BYTES``.
A .docx never carries a DTD: one that does is refused before parsing (entity expansion attacks), and so
is one in UTF-16 or UTF-32 (NUL bytes), where a DTD would not show as plain bytes.

A PDF is refused past ``MAX_PDF_PAGES`` pages before any page is read, and its reading stops once it has
gone through more page content or more operators than a real programme holds: the cost follows what the
file holds (a thousand pages can share one content stream), not what it declares.
"""

import io
import re
import time
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject

from conferences.action_documents.bounded import BoundExceeded, within_bounds
from conferences.upload_size import WORKING_FILE_BYTES, TooLarge, read_at_most

MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# About thirty pages: more than any programme or plan of a unit.
MAX_TEXT_CHARS = 100_000
# Word nests a paragraph a dozen elements deep at most (a table in a table); deeper is an attack on the
# parser's memory. A paragraph is at least a line, so a body holds at most MAX_TEXT_CHARS of them.
MAX_DOCX_DEPTH = 100
# Elements of the body, paragraphs, runs and their properties together: a hundred thousand characters of
# Word's text take some tens of thousands; millions of empty ones are an attack on the parser's memory.
MAX_DOCX_ELEMENTS = 500_000
# A programme or plan is a few pages; two hundred is a book.
MAX_PDF_PAGES = 200
# The work one PDF may cost. 100,000 characters of text take 550 to 750 KB of page content and 90,000 to
# 210,000 operators and operands in the PDFs WeasyPrint writes (Word's are leaner): twice that, then it is
# refused.
MAX_PDF_CONTENT_BYTES = 2 * 1024 * 1024
MAX_PDF_OPERATIONS = 400_000
# pypdf builds a font's character map (ToUnicode) for each name a page gives the font, before it draws anything:
# the codes those maps cover, summed over the pages. A real programme's fonts map a few hundred codes each.
MAX_PDF_FONT_CODES = 200_000
# The last guard, for work neither count sees (a form drawn many times, fonts): the counts allow about 3 s,
# a real programme takes well under one.
PDF_READ_SECONDS = 5.0
# The hard bounds of reading one file, whatever it holds (``bounded``): the counts above stop a real
# programme's reading well inside them.
READ_SECONDS = 10.0
READ_MEMORY = 512 * 1024 * 1024
# pypdf's own bounds, tightened: a page tree past twice the pages allowed is not read through, a stream
# unpacks to at most 8 MB (a second or so to parse, past the guard above at worst), a page draws at most
# 100 forms.
_PDF_STREAM_BYTES = 8 * 1024 * 1024
_PDF_LIMITS = {
    "page_tree_maximum_entries": 2 * MAX_PDF_PAGES,
    "stream_parsing_work_maximum_count": MAX_PDF_OPERATIONS,
    "xform_maximum_invocations_per_extraction": 100,
    "array_based_stream_maximum_output_length": _PDF_STREAM_BYTES,
    "brotli_maximum_output_length": _PDF_STREAM_BYTES,
    "lzw_maximum_output_length": _PDF_STREAM_BYTES,
    "run_length_maximum_output_length": _PDF_STREAM_BYTES,
    "zlib_maximum_output_length": _PDF_STREAM_BYTES,
}
# Word writes its parts stored or deflated, and zipfile reads those a bounded piece at a time.
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Word's manual line break (vertical tab) and page break (form feed) end a line.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# The ASCII control characters no document means, but NUL (refused on its own) and the line breaks above.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


class UnreadableDocument(Exception):
    """The upload gives no text; the message says why, in Vietnamese."""


def unreadable() -> UnreadableDocument:
    return UnreadableDocument(_("Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới."))


def too_long(length: int) -> UnreadableDocument:
    return UnreadableDocument(
        _("Nội dung tệp quá dài: tối đa %(limit)s ký tự, tệp có %(length)s.")
        % {"limit": _grouped(MAX_TEXT_CHARS), "length": _grouped(length)}
    )


def too_many_pages() -> UnreadableDocument:
    return UnreadableDocument(
        _("Tệp có quá nhiều trang: tối đa %(limit)d trang; hãy dán nội dung văn bản vào ô bên dưới.")
        % {"limit": MAX_PDF_PAGES}
    )


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)


def with_line_breaks(text: str) -> str:
    """``text`` with Word's manual line and page breaks as line ends."""
    return text.translate(_LINE_BREAKS)


def plain_text(text: str) -> str:
    """Text read from a file, its line breaks as line ends and control characters (NUL among them) dropped."""
    return CONTROL_CHARACTERS.sub("", with_line_breaks(text).replace("\x00", ""))


def uploaded_text(file: IO[bytes], name: str) -> str:
    """The text of a .docx or .pdf upload, by its size actually read, its name and its first bytes."""
    try:
        content = read_at_most(file, WORKING_FILE_BYTES)
    except TooLarge as refused:
        raise UnreadableDocument(str(refused)) from None
    suffix = Path(name).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise UnreadableDocument(_("Chỉ nhận tệp Word .docx hoặc PDF .pdf."))
    if suffix == ".docx" and not content.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(_("Tệp có đuôi .docx nhưng nội dung không phải tệp Word .docx."))
    if suffix == ".pdf" and b"%PDF-" not in content[:1024]:
        raise UnreadableDocument(_("Tệp có đuôi .pdf nhưng nội dung không phải tệp PDF."))
    try:
        text = within_bounds(
            docx_text if suffix == ".docx" else pdf_text, content, seconds=READ_SECONDS, memory=READ_MEMORY
        )
    except BoundExceeded:
        raise unreadable() from None
    text = _BLANK_LINES.sub("\n\n", plain_text(text)).strip()
    if not text:
        raise unreadable()
    if len(text) > MAX_TEXT_CHARS:
        raise too_long(len(text))
    return text


def docx_text(content: bytes) -> str:
    """The paragraphs of the document's body, one a line."""
    xml = _document_xml(content)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml or b"\x00" in xml:
        raise unreadable()
    paragraphs = []
    depth = elements = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
            depth += 1 if event == "start" else -1
            elements += event == "start"
            if depth > MAX_DOCX_DEPTH or len(paragraphs) > MAX_TEXT_CHARS or elements > MAX_DOCX_ELEMENTS:
                raise unreadable()
            if event == "end" and element.tag == f"{_W}p":
                paragraphs.append("".join(run.text or "" for run in element.iter(f"{_W}t")))
                element.clear()
    except ElementTree.ParseError:
        raise unreadable() from None
    return "\n".join(paragraphs)


def _document_xml(content: bytes) -> bytes:
    """``word/document.xml``, stored or deflated, unpacked to at most ``MAX_UNPACKED_BYTES``."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            member = archive.getinfo("word/document.xml")
            if member.compress_type not in _ZIP_METHODS:
                raise unreadable()
            if member.file_size > MAX_UNPACKED_BYTES:
                raise _zip_bomb()
            with archive.open(member) as body:
                xml = body.read(MAX_UNPACKED_BYTES + 1)
    # No document.xml, not a zip, a damaged stream, a truncated file, an unknown method, an encrypted entry:
    # each is a file that cannot be read, told at the field like the others.
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise unreadable() from None
    if len(xml) > MAX_UNPACKED_BYTES:
        raise _zip_bomb()
    return xml


def pdf_text(content: bytes) -> str:
    """The text of each page, page after page, stopping once past the limits above."""
    with apply_configuration(**_PDF_LIMITS):
        try:
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted:
                raise unreadable()
            return _pages_text(_pdf_pages(reader))
        except UnreadableDocument:
            raise
        except Exception:  # a hostile or broken PDF fails inside pypdf in many ways; none is ours to show
            raise unreadable() from None


def _pdf_pages(reader: PdfReader) -> list[PageObject]:
    """The pages, counted before any is read; refused past ``MAX_PDF_PAGES``."""
    try:
        count = len(reader.pages)
    except LimitReachedError:  # a page tree past pypdf's bound above: far more pages than allowed
        raise too_many_pages() from None
    if count > MAX_PDF_PAGES:
        raise too_many_pages()
    return list(reader.pages)


def _pages_text(pages: list[PageObject]) -> str:
    budget = _PdfBudget()
    texts: list[str] = []
    length = 0
    for page in pages:
        budget.spend_on_contents(page)
        budget.spend_on_fonts(page)
        texts.append(page.extract_text(visitor_operand_before=budget.spend_on_operator) or "")
        budget.check()  # pypdf swallows a refusal raised inside a form
        length += len(texts[-1])
        if length > MAX_TEXT_CHARS:
            raise too_long(length)
    return "\n\n".join(texts)


class _PdfBudget:
    """What is left of the work one PDF may cost; once it is spent, the upload is refused as unreadable."""

    def __init__(self) -> None:
        self.content_bytes = MAX_PDF_CONTENT_BYTES
        self.operations = MAX_PDF_OPERATIONS
        self.font_codes = MAX_PDF_FONT_CODES
        self.deadline = time.monotonic() + PDF_READ_SECONDS
        self._codes_of: dict[int, int] = {}

    def spend_on_contents(self, page: PageObject) -> None:
        """Before a page is read: its content, which pypdf parses in full, shared with other pages or not."""
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else ArrayObject()
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        self.content_bytes -= sum(len(stream.get_object().get_data()) for stream in streams)
        self.check()

    def spend_on_fonts(self, page: PageObject) -> None:
        """Before a page is read: the character maps pypdf will build, one for each name of each font."""
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in fonts.get_object().values() if fonts is not None else ():
            self.font_codes -= 256 + self._codes(font.get_object().get("/ToUnicode"))
            self.check()

    def _codes(self, to_unicode) -> int:
        """The codes a ToUnicode map covers, each stream counted once however many fonts share it."""
        if to_unicode is None or not hasattr(to_unicode, "idnum"):
            return 0
        if to_unicode.idnum not in self._codes_of:
            self._codes_of[to_unicode.idnum] = cmap_codes(to_unicode.get_object().get_data())
        return self._codes_of[to_unicode.idnum]

    def spend_on_operator(self, operator: bytes, operands: list, *_matrices) -> None:
        """pypdf's visitor, called before each operator of a page and of the forms it draws."""
        self.operations -= 1 + sum(len(operand) if isinstance(operand, list | dict) else 1 for operand in operands)
        self.check()

    def check(self) -> None:
        spent = min(self.content_bytes, self.operations, self.font_codes) < 0
        if spent or time.monotonic() > self.deadline:
            raise unreadable()


_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_RANGE = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{1,8})>\s*(?:<[0-9A-Fa-f]*>|\[[^\]]*\])")
_HEX = re.compile(rb"<[0-9A-Fa-f]*>")


def cmap_codes(cmap: bytes) -> int:
    """How many codes a ToUnicode map covers: each range's span, each single code once."""
    ranges = sum(
        int(high, 16) - int(low, 16) + 1
        for section in _BFRANGE.findall(cmap)
        for low, high in _RANGE.findall(section)
        if int(high, 16) >= int(low, 16)
    )
    return ranges + sum(len(_HEX.findall(section)) // 2 for section in _BFCHAR.findall(cmap))


def _zip_bomb() -> UnreadableDocument:
    return UnreadableDocument(
        _("Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp (có thể là tệp độc hại).")
    )
