"""The trích yếu on its printed lines, broken where the seeds break it.

A line ends after the words of the study ("… quán triệt, tuyên truyền"),
after "Nghị quyết", or before "khóa"; of the ways to break there that fit the
text width and leave no line of one or two words ("khóa XIII" alone), the
fewest lines win, then the most even. A summary no such way fits is wrapped
word by word into as few lines as it needs, as even as they can be, "khóa
XIII" kept together.
"""

import itertools
import re

from reporting.documents.stylesheet import text_area_width, text_width

BREAKS = re.compile(r"(?<=tuyên truyền) |(?<=Nghị quyết) | (?=khóa )")
MAX_LINES = 3
MIN_WORDS = 3


def summary_lines(text: str) -> list[str]:
    text = " ".join(text.split())
    room = text_area_width()
    points = [match.start() for match in BREAKS.finditer(text)]
    for count in range(MAX_LINES):
        options = [_split(text, chosen) for chosen in itertools.combinations(points, count)]
        fitting = [lines for lines in options if all(_fits(line, room) for line in lines)]
        if fitting:
            return min(fitting, key=lambda lines: max(_width(line) for line in lines))
    return _wrap(text, room)


def _split(text: str, positions: tuple[int, ...]) -> list[str]:
    edges = [0, *positions, len(text)]
    return [text[start:end].strip() for start, end in itertools.pairwise(edges)]


def _width(line: str) -> float:
    return text_width(line, bold=True)


def _fits(line: str, room: float) -> bool:
    return _width(line) <= room and len(line.split()) >= MIN_WORDS


def _wrap(text: str, room: float) -> list[str]:
    """Word by word into the fewest lines, then narrowed while it still takes as many, so they come out even."""
    words = re.sub(r"khóa (\S+)", "khóa\u00a0\\1", text).split(" ")
    lines = _greedy(words, room)
    low, high = 0.0, room
    while high - low > 0.05:
        middle = (low + high) / 2
        if len(_greedy(words, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return [line.replace("\u00a0", " ") for line in _greedy(words, high)]


def _greedy(words: list[str], room: float) -> list[str]:
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if _width(candidate) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines
