"""The printed report: a ``ReportDocument`` as HTML, then as PDF (WeasyPrint).

The layout lives in one stylesheet, ``static/report/report.css``, which also
loads the fonts shipped in ``static/fonts/``; nothing here knows a size.
"""

import logging
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
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


def render_report_pdf(document: ReportDocument, *, archival: bool = False) -> bytes:
    """The report as A4 PDF bytes, with the shipped fonts embedded; ``archival``: PDF/A-2b, as a signed
    document is kept (previews stay plain PDF)."""
    static_folder = stylesheet_path().parent.parent
    page = HTML(
        string=render_report_html(document, for_pdf=True),
        base_url=f"{static_folder.as_uri()}/",
        url_fetcher=URLFetcher(allowed_protocols={"file"}),  # the shipped files only, never the network
    )
    return page.write_pdf(pdf_variant="pdf/a-2b" if archival else None)


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
