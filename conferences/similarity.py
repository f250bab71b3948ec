"""How much of a document repeats another: containment of word n-grams (shingles), Broder 1997.

A. Z. Broder, "On the resemblance and containment of documents" (1997): the containment of A in B
is |S(A) ∩ S(B)| / |S(A)|, where S(X) is the set of X's shingles, here its runs of ``n`` consecutive
words. A unit's plan that copies its superior's with a few words changed keeps most of its shingles
(a changed word breaks only the ``n`` shingles through it); one written for the unit keeps few.
Words are compared after Unicode NFC normalisation and lower-casing, punctuation dropped, so a copy
pasted from another editor or re-punctuated still matches.

Only a text's first ``MAX_COMPARED_CHARS`` characters are compared: a copy shows in its first pages, and
saving a plan compares again every document of the units below it, so what one comparison costs must not
grow with what a secretary pastes. A text's shingles are computed once and compared with as many texts as
needed (``containment``).
"""

import re
import unicodedata
from collections.abc import Set

# At or above this share of a unit's text found in its superior's plan, the staff see it as copied
# (the seed's "sao chép nội dung của cấp trên").
COPIED_PERCENT = 60
# About ten pages (some 6,500 words of Vietnamese): the whole of most programmes and plans.
MAX_COMPARED_CHARS = 30_000

# Letters and digits of any script; Vietnamese letters are single code points after NFC.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    """The set of runs of ``n`` consecutive words of the first ``MAX_COMPARED_CHARS`` characters of ``text``."""
    sequence = words(text[:MAX_COMPARED_CHARS])
    return frozenset(zip(*(sequence[start:] for start in range(n)), strict=False))


def containment(own: Set[tuple[str, ...]], reference: Set[tuple[str, ...]]) -> int:
    """The share of the shingles ``own`` also in ``reference``, as a whole percent; 0 when ``own`` is empty."""
    if not own:
        return 0
    return round(100 * len(own & reference) / len(own))


def overlap_percent(text: str, reference: str, *, n: int = 3) -> int:
    """The share of ``text``'s word n-grams that also occur in ``reference``, as a whole percent.

    A text shorter than ``n`` words has no n-gram and gives 0.
    """
    return containment(shingles(text, n), shingles(reference, n))
