"""The report's one stylesheet, ``static/report/report.css``, and the few of its numbers the signing step needs.

The page margins and the room left for the signature are the stylesheet's;
nothing in Python restates them.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from django.contrib.staticfiles import finders

STYLESHEET = "report/report.css"
POINTS_PER_UNIT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}


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
