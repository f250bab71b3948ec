"""The report's one stylesheet, ``static/report/report.css``, and the few of its numbers Python needs.

The page margins, the header's left column and the room left for the
signature are the stylesheet's; nothing in Python restates them. A body's
name in the header never wraps: one too long for its column is printed
smaller, by the share measured here with the shipped font.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from django.contrib.staticfiles import finders

STYLESHEET = "report/report.css"
POINTS_PER_UNIT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}
A4_WIDTH = 210 * POINTS_PER_UNIT["mm"]  # what the stylesheet's "size: A4" means
FONTS = {False: "fonts/LiberationSerif-Regular.ttf", True: "fonts/LiberationSerif-Bold.ttf"}


@dataclass(frozen=True)
class PageGeometry:
    """In PDF points: the page margins and the height of the room for the signature and seal."""

    top: float
    right: float
    bottom: float
    left: float
    signature_height: float


def stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(STYLESHEET)
    return Path(found)


@functools.cache
def page_geometry() -> PageGeometry:
    rules = tinycss2.parse_stylesheet(
        stylesheet_path().read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
    )
    page = _declarations(rules, lambda rule: rule.type == "at-rule" and rule.lower_at_keyword == "page")
    signature = _declarations(
        rules, lambda rule: rule.type == "qualified-rule" and _selector(rule) == "#signature-area"
    )
    top, right, bottom, left = _box(page["margin"])
    return PageGeometry(top, right, bottom, left, signature_height=_box(signature["height"])[0])


def _rule(selector: str) -> dict[str, list]:
    rules = tinycss2.parse_stylesheet(
        stylesheet_path().read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
    )
    return _declarations(rules, lambda rule: rule.type == "qualified-rule" and _selector(rule) == selector)


@functools.cache
def text_area_width() -> float:
    """The width between the page margins, in ems of the body text."""
    geometry = page_geometry()
    return (A4_WIDTH - geometry.left - geometry.right) / _box(_rule("html")["font-size"])[0]


@functools.cache
def header_column_width() -> float:
    """The header's left column, in ems of the body text: its share of the width between the margins."""
    share = next(token.value for token in _rule(".header .left")["width"] if token.type == "percentage") / 100
    return share * text_area_width()


@functools.cache
def _font(bold: bool):
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    font = TTFont(finders.find(FONTS[bold]))
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def text_width(text: str, *, bold: bool) -> float:
    """The width of ``text`` in ems of the shipped font (a character it lacks counts as an em)."""
    cmap, metrics, units = _font(bold)
    return sum(metrics[cmap[ord(c)]][0] if ord(c) in cmap else units for c in text) / units


SHRINK_STEP, SHRINK_LEAST = 5, 60  # the stylesheet's .shrink-95 … .shrink-60


def header_name_percent(text: str, *, bold: bool) -> int:
    """100, or the step of the stylesheet's ``.shrink-NN`` at which ``text`` fits the header's left column."""
    width, room = text_width(text, bold=bold), header_column_width()
    if width <= room:
        return 100
    return max(SHRINK_LEAST, int(100 * room / width) // SHRINK_STEP * SHRINK_STEP)


def _selector(rule) -> str:
    return tinycss2.serialize(rule.prelude).strip()


def _declarations(rules, matches) -> dict[str, list]:
    """The declarations of the first rule that ``matches`` and has no selector arguments, by property."""
    for rule in rules:
        if matches(rule) and not (rule.type == "at-rule" and any(t.type != "whitespace" for t in rule.prelude)):
            contents = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
            return {d.lower_name: d.value for d in contents if d.type == "declaration"}
    raise ValueError(f"{STYLESHEET} has no such rule")


def _box(tokens: list) -> tuple[float, float, float, float]:
    """CSS's one-to-four lengths (top, right, bottom, left) in points."""
    lengths = [token.value * POINTS_PER_UNIT[token.lower_unit] for token in tokens if token.type == "dimension"]
    top = lengths[0]
    right = lengths[1] if len(lengths) > 1 else top
    bottom = lengths[2] if len(lengths) > 2 else top
    left = lengths[3] if len(lengths) > 3 else right
    return top, right, bottom, left
