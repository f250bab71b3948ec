"""The printed report: a ``ReportDocument`` as HTML, then as PDF (WeasyPrint).

The layout lives in one stylesheet, ``static/report/report.css``, which also
loads the fonts shipped in ``static/fonts/``; nothing here knows a size.
"""

import logging
import re
import threading
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from reporting.documents.document import ReportDocument
from reporting.documents.markup import FOOTNOTE_CALL, called_key, glue_dashes, inline_html
from reporting.documents.stylesheet import header_name_percent, stylesheet_path

logger = logging.getLogger(__name__)

BLOCK_KINDS = {"section", "subsection", "point", "item", "paragraph"}


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    html: SafeString


def render_report_html(document: ReportDocument, *, for_pdf: bool = True) -> str:
    """The report as one HTML page; ``for_pdf`` links the stylesheet relative to the static folder."""
    numbers: dict[str, int] = {}  # footnote key -> its number, in order of first call
    blocks = [
        RenderedBlock(
            kind=block.kind if block.kind in BLOCK_KINDS else "paragraph",
            html=_block_html(glue_dashes(block.text), document.footnotes, numbers),
        )
        for block in document.blocks
    ]
    context = {
        "document": document,
        "blocks": blocks,
        "recipients": [glue_dashes(f"- {recipient}") for recipient in document.recipients],
        "sizes": {
            "superior": header_name_percent(document.superior_line, bold=False),
            "issuing": header_name_percent(document.issuing_body, bold=True),
        },
        "title": document.title,
        "for_pdf": for_pdf,
    }
    return render_to_string("reporting/documents/pdf/report.html", context)


def _html(document: ReportDocument) -> HTML:
    static_folder = stylesheet_path().parent.parent
    return HTML(
        string=render_report_html(document, for_pdf=True),
        base_url=f"{static_folder.as_uri()}/",
        url_fetcher=URLFetcher(allowed_protocols={"file"}),  # the shipped files only, never the network
    )


_parsed = threading.local()


def _stylesheet() -> tuple[CSS, FontConfiguration]:
    """The stylesheet and its fonts, read once a thread rather than for each render (a third of a render's time):
    each thread keeps its own, so two renders never share one. A change to the file is read when the process
    restarts."""
    if not hasattr(_parsed, "stylesheet"):
        fonts = FontConfiguration()
        fetcher = URLFetcher(allowed_protocols={"file"})
        _parsed.stylesheet = CSS(filename=str(stylesheet_path()), font_config=fonts, url_fetcher=fetcher), fonts
    return _parsed.stylesheet


def render_report_pdf(document: ReportDocument, *, archival: bool = False) -> bytes:
    """The report as A4 PDF bytes, with the shipped fonts embedded; ``archival``: PDF/A-2b, as a signed
    document is kept (previews stay plain PDF)."""
    css, fonts = _stylesheet()
    return _html(document).write_pdf(pdf_variant="pdf/a-2b" if archival else None, stylesheets=[css], font_config=fonts)


# CSS pixels to PDF points.
POINTS_PER_PX = 0.75


def render_for_signing(document: ReportDocument) -> tuple[bytes, tuple[int, tuple[int, int, int, int]]]:
    """The report as PDF/A, and where its signature goes: the page index and the box (PDF points, origin
    bottom left) of the room the layout left between the signer's title and name, across the signature's
    column. Read from the layout itself, so the page need not be searched afterwards."""
    css, fonts = _stylesheet()
    rendered = _html(document).render(pdf_variant="pdf/a-2b", stylesheets=[css], font_config=fonts)
    for index in range(len(rendered.pages) - 1, -1, -1):
        page = rendered.pages[index]
        area, cell = _box_with(page._page_box, "id", "signature-area"), _box_with(page._page_box, "class", "signature")
        if area is not None and cell is not None:
            to_points, page_height = POINTS_PER_PX, page.height * POINTS_PER_PX
            left, right = cell.content_box_x() * to_points, (cell.content_box_x() + cell.width) * to_points
            top, bottom = area.position_y * to_points, (area.position_y + area.height) * to_points
            box = (left, page_height - bottom, right, page_height - top)
            return rendered.write_pdf(pdf_variant="pdf/a-2b"), (index, tuple(round(value) for value in box))
    raise ValueError("the layout has no room for the signature")


def _box_with(box, attribute: str, value: str):
    """The first box (depth first) whose element's ``attribute`` holds ``value``."""
    element = getattr(box, "element", None)
    if element is not None and value in (element.get(attribute) or "").split():
        return box
    for child in getattr(box, "children", ()) or ():
        if (found := _box_with(child, attribute, value)) is not None:
            return found
    return None


def _block_html(text: str, footnotes: dict[str, str], numbers: dict[str, int]) -> SafeString:
    """A block's text as HTML: escaped, italics, and footnote calls as CSS footnotes."""

    def footnote(match: re.Match[str]) -> str:
        key = called_key(match)
        if key not in footnotes:
            logger.warning("Footnote %r is called but has no text; the call is left out.", key)
            return ""
        if key in numbers:  # a second call refers to the same note
            return f'<sup class="footnote-ref">{numbers[key]}</sup>'
        numbers[key] = len(numbers) + 1
        note = inline_html(glue_dashes(FOOTNOTE_CALL.sub("", footnotes[key])))
        return f'<span class="footnote" data-number="{numbers[key]}">{note}</span>'

    return mark_safe(FOOTNOTE_CALL.sub(footnote, inline_html(text)))  # all text went through escape()
