"""A refused upload lists its first errors, not all of them: a file of 100,000 bad rows must not make a page
(or a terminal) of 100,000 lines. The count of the rest is told, so nobody thinks the list is whole."""

from django.utils.translation import ngettext

MAX_SHOWN = 200


def first_errors(errors: list) -> tuple[list, str]:
    """The errors to list and, when some are left out, the sentence that says how many."""
    shown, left = errors[:MAX_SHOWN], len(errors) - MAX_SHOWN
    if left <= 0:
        return shown, ""
    more = ngettext(
        "… và %(count)s lỗi khác. Sửa các lỗi trên rồi tải tệp lên lại để xem tiếp.",
        "… và %(count)s lỗi khác. Sửa các lỗi trên rồi tải tệp lên lại để xem tiếp.",
        left,
    ) % {"count": f"{left:,}".replace(",", ".")}
    return shown, more


def refusal_lines(heading: str, errors: list) -> list[str]:
    """The command line's refusal: the heading, the first errors, and how many more."""
    shown, more = first_errors(errors)
    return [heading, *(str(error) for error in shown), *([more] if more else [])]
