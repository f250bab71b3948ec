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


class FootnoteRefused(ValueError):
    """What staff typed calls a footnote the report lacks, or would leave a call without its note; the message
    says which."""


def body_numbers(blocks: list) -> dict[str, int]:
    """The footnotes' numbers as the report prints them: by first call in the body."""
    return footnote_numbers(block.text for block in blocks if block.kind != "footnote")


def editor_numbers(blocks: list) -> dict[str, int]:
    """Every footnote's number in the editor: the printed one, then the footnotes no paragraph calls (yet), after
    them in their order, so that each can be called again."""
    numbers = body_numbers(blocks)
    for block in blocks:
        if block.kind == "footnote":
            numbers.setdefault(block.key[1:], len(numbers) + 1)
    return numbers


def calls_numbered(text: str, numbers: dict[str, int]) -> str:
    """``text`` as staff edit it: each call by the footnote's number, ``[^2]``, never its inner key."""
    return FOOTNOTE_CALL.sub(lambda match: f"[^{numbers.get(match.group(1), match.group(1))}]", text)


def calls_keyed(text: str, order: list[str], known: set[str]) -> str:
    """``text`` typed in the editor, stored again: ``[^2]`` back to the key of the second footnote of ``order`` (the
    footnotes in the numbers the page showed); FootnoteRefused for a call to none of ``known``."""

    def key_of(match: re.Match[str]) -> str:
        called = match.group(1)
        if called in known:  # by its key, as the stored text has it
            return match.group(0)
        number = int(called) if called.isascii() and called.isdigit() and len(called) <= 4 else 0
        if 0 < number <= len(order) and order[number - 1] in known:
            return f"[^{order[number - 1]}]"
        raise FootnoteRefused(
            _("Báo cáo không có chú thích [^%(called)s]; gọi chú thích bằng số của nó, ví dụ [^1].")
            % {"called": called[:20]}
        )

    return FOOTNOTE_CALL.sub(key_of, text)


def typed_text(key: str, typed: str, order: list[str], blocks: list) -> str:
    """What staff typed for the block ``key``, as it is stored: a paragraph's calls by number back to their keys
    (``order``: the footnotes' keys in the numbers the page showed). FootnoteRefused for a call to a footnote the
    report lacks or left empty, a call inside a footnote (the PDF prints none there), and a footnote emptied while
    a paragraph still calls it."""
    if not key.startswith("^"):
        return calls_keyed(typed, order, _footnote_keys(blocks, written=True))
    if FOOTNOTE_CALL.search(typed):
        raise FootnoteRefused(_("Chú thích không gọi chú thích khác; bỏ phần [^…] trong chú thích."))
    if not typed.strip() and (number := body_numbers(blocks).get(key[1:])):
        raise FootnoteRefused(
            _("Đoạn văn còn gọi chú thích này ([^%(number)s]); bỏ lời gọi ở đoạn văn trước rồi mới bỏ chú thích.")
            % {"number": number}
        )
    return typed


def _footnote_keys(blocks: list, *, written: bool = False) -> set[str]:
    """The report's footnotes by key; ``written``: those not left empty."""
    return {block.key[1:] for block in blocks if block.kind == "footnote" and (block.text or not written)}


def seen_text(seen: str, order: list[str], blocks: list) -> str:
    """The paragraph as the editor showed it, in stored form, to tell whether someone changed it meanwhile."""
    try:
        return calls_keyed(seen, order, _footnote_keys(blocks))
    except FootnoteRefused:
        return seen  # unlike anything stored: a change by someone else, if the text typed differs too


@dataclass(frozen=True)
class ShownBlock:
    """A block as the report page shows it: its marks rendered, a footnote with its number, and its text as the
    editor shows it (footnotes called by number)."""

    block: object
    html: SafeString
    number: int | None
    editable: str
    handle: int | None  # a footnote's number in the editor, printed or not
    generated: str  # what the data says, in the editor's words


def shown_blocks(blocks: list) -> list[ShownBlock]:
    """The report page's view of ``blocks`` (``workflow.EditedBlock``), as the PDF will number them."""
    numbers, handles = body_numbers(blocks), editor_numbers(blocks)

    def call(match: re.Match[str]) -> str:
        number = numbers.get(called_key(match))
        return f'<sup class="footnote-ref">{number}</sup>' if number else ""

    shown = [
        ShownBlock(
            block=block,
            html=mark_safe(FOOTNOTE_CALL.sub(call, inline_html(block.text))),  # the text went through escape()
            number=numbers.get(block.key[1:]) if block.kind == "footnote" else None,
            editable=calls_numbered(block.text, handles),
            handle=handles.get(block.key[1:]) if block.kind == "footnote" else None,
            generated=calls_numbered(block.generated, handles),
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
