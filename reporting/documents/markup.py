"""The two marks a report's text carries, for the PDF and the report page alike.

``*italic*`` and ``[^key]``, a call to the footnote ``key``; footnotes are
numbered across the document in the order of their first call.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

ITALIC = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")


INNER_DASH = re.compile(r"(?<=\S) - ")
NBSP = "\u00a0"


def glue_dashes(text: str) -> str:
    """Dashes that never start a printed line unless they start the item: 'chính trị - xã hội' keeps its dash
    with the word before, and an item's own dash keeps its first word."""
    text = INNER_DASH.sub(f"{NBSP}- ", text)
    return f"-{NBSP}{text[2:]}" if text.startswith("- ") else text


def inline_html(text: str) -> str:
    """Escaped text with ``*italic*`` as <em>."""
    return ITALIC.sub(r"<em>\1</em>", str(escape(text)))


def called_key(match: re.Match[str]) -> str:
    return html.unescape(match.group(1))


def footnote_numbers(texts: Iterable[str]) -> dict[str, int]:
    """Each footnote key called in ``texts``, with its number in order of first call."""
    numbers: dict[str, int] = {}
    for text in texts:
        for key in FOOTNOTE_CALL.findall(text):
            numbers.setdefault(key, len(numbers) + 1)
    return numbers


class UnknownFootnote(ValueError):
    """A call typed in the editor to a footnote number the report does not have; the message says which."""


def calls_numbered(text: str, numbers: dict[str, int]) -> str:
    """``text`` as staff edit it: each call by the footnote's printed number, ``[^2]``, never its inner key."""
    return FOOTNOTE_CALL.sub(lambda match: f"[^{numbers.get(match.group(1), match.group(1))}]", text)


def calls_keyed(text: str, numbers: dict[str, int]) -> str:
    """The edited ``text`` stored again: ``[^2]`` back to the key of footnote 2; UnknownFootnote for a number the
    report has no footnote of."""
    keys = {str(number): key for key, number in numbers.items()}

    def key_of(match: re.Match[str]) -> str:
        if match.group(1) in numbers:  # a call by its key, as the stored text has it
            return match.group(0)
        if match.group(1) not in keys:
            raise UnknownFootnote(
                _("Báo cáo không có chú thích số %(number)s; chỉ gọi những chú thích đã có.")
                % {"number": match.group(1)}
            )
        return f"[^{keys[match.group(1)]}]"

    return FOOTNOTE_CALL.sub(key_of, text)


def body_numbers(blocks: list) -> dict[str, int]:
    """The footnotes' numbers as the report prints them: by first call in the body."""
    return footnote_numbers(block.text for block in blocks if block.kind != "footnote")


@dataclass(frozen=True)
class ShownBlock:
    """A block as the report page shows it: its marks rendered, a footnote with its number, and its text as the
    editor shows it (footnotes called by number)."""

    block: object
    html: SafeString
    number: int | None
    editable: str


def shown_blocks(blocks: list) -> list[ShownBlock]:
    """The report page's view of ``blocks`` (``workflow.EditedBlock``), as the PDF will number them."""
    numbers = body_numbers(blocks)

    def call(match: re.Match[str]) -> str:
        number = numbers.get(called_key(match))
        return f'<sup class="footnote-ref">{number}</sup>' if number else ""

    shown = [
        ShownBlock(
            block=block,
            html=mark_safe(FOOTNOTE_CALL.sub(call, inline_html(block.text))),  # the text went through escape()
            number=numbers.get(block.key[1:]) if block.kind == "footnote" else None,
            editable=calls_numbered(block.text, numbers),
        )
        for block in blocks
    ]
    return _notes_under_their_calls(shown)


def _notes_under_their_calls(shown: list[ShownBlock]) -> list[ShownBlock]:
    """Each footnote right under the paragraph that first calls it, as a reader meets it; any not called last."""
    notes = {item.number: item for item in shown if item.block.kind == "footnote" and item.number}
    ordered = []
    for item in shown:
        if item.block.kind == "footnote":
            continue
        ordered.append(item)
        for key in FOOTNOTE_CALL.findall(item.block.text):
            note = next((n for n in notes.values() if n.block.key[1:] == key), None)
            if note is not None:
                ordered.append(notes.pop(note.number))
    return ordered + [item for item in shown if item.block.kind == "footnote" and item not in ordered]
