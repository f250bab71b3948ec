"""The text of an uploaded programme or plan (.docx or .pdf), read within fixed bounds.

A .docx is a zip file: a few kilobytes can unpack into gigabytes (a zip bomb), so only
``word/document.xml`` is read, and never past ``MAX_UNPACKED_BYTES`` whatever the archive declares.
A .docx never carries a DTD: one that does is refused before parsing (entity expansion attacks), and so
is one in UTF-16 or UTF-32 (NUL bytes), where a DTD would not show as plain bytes.
"""

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pypdf import PdfReader

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# About thirty pages: more than any programme or plan of a unit.
MAX_TEXT_CHARS = 100_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLANK_LINES = re.compile(r"\n\s*\n+")


class UnreadableDocument(Exception):
    """The upload gives no text; the message says why, in Vietnamese."""


def unreadable() -> UnreadableDocument:
    return UnreadableDocument(_("Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới."))


def too_long(length: int) -> UnreadableDocument:
    return UnreadableDocument(
        _("Nội dung tệp quá dài: tối đa %(limit)s ký tự, tệp có %(length)s.")
        % {"limit": _grouped(MAX_TEXT_CHARS), "length": _grouped(length)}
    )


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)


def uploaded_text(file: IO[bytes], name: str) -> str:
    """The text of a .docx or .pdf upload, by its size actually read, its name and its first bytes."""
    content = file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument(_("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
    suffix = Path(name).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise UnreadableDocument(_("Chỉ nhận tệp Word .docx hoặc PDF .pdf."))
    if suffix == ".docx" and not content.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(_("Tệp có đuôi .docx nhưng nội dung không phải tệp Word .docx."))
    if suffix == ".pdf" and b"%PDF-" not in content[:1024]:
        raise UnreadableDocument(_("Tệp có đuôi .pdf nhưng nội dung không phải tệp PDF."))
    text = docx_text(content) if suffix == ".docx" else pdf_text(content)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        raise unreadable()
    if len(text) > MAX_TEXT_CHARS:
        raise too_long(len(text))
    return text


def docx_text(content: bytes) -> str:
    """The paragraphs of the document's body, one a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            member = archive.getinfo("word/document.xml")
            if member.file_size > MAX_UNPACKED_BYTES:
                raise _zip_bomb()
            with archive.open(member) as body:
                xml = body.read(MAX_UNPACKED_BYTES + 1)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise unreadable() from None
    if len(xml) > MAX_UNPACKED_BYTES:
        raise _zip_bomb()
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml or b"\x00" in xml:
        raise unreadable()
    paragraphs = []
    try:
        for _event, element in ElementTree.iterparse(io.BytesIO(xml)):
            if element.tag == f"{_W}p":
                paragraphs.append("".join(run.text or "" for run in element.iter(f"{_W}t")))
                element.clear()
    except ElementTree.ParseError:
        raise unreadable() from None
    return "\n".join(paragraphs)


def pdf_text(content: bytes) -> str:
    """The text of each page, page after page, stopping once past the limit."""
    pages: list[str] = []
    length = 0
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise unreadable()
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            length += len(pages[-1])
            if length > MAX_TEXT_CHARS:
                raise too_long(length)
    except UnreadableDocument:
        raise
    except Exception:  # a hostile or broken PDF fails inside pypdf in many ways; none is ours to show
        raise unreadable() from None
    return "\n\n".join(pages)


def _zip_bomb() -> UnreadableDocument:
    return UnreadableDocument(
        _("Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp (có thể là tệp độc hại).")
    )
