"""The rules a results row's figures obey together, told at the template's columns: attended within the total and
people covering the attendees (``conferences.figure_rules``), the kinds of conference within their number, and each
organisation's sessions and people as the unit's form checks them."""

from django.utils.translation import gettext as _

from conferences.figure_rules import RESULT_RULES, figure_problems
from reporting.figures.formatting import format_number
from reporting.models.unit_results import PAIRED, outreach_problems
from reporting.results.template import (
    CONFERENCE_KIND_COLUMNS,
    CONFERENCES,
    FIGURE_COLUMNS,
    OUTREACH_PAIRS,
    FigureColumn,
)


def row_problems(figures: dict[FigureColumn, int], *, wrong: set[FigureColumn]) -> list[tuple[object, str]]:
    """The figure rules (``conferences.figure_rules``) the row's whole numbers break, worded by the template's
    headers; ``wrong``: the columns already told wrong, whose pair is not told empty as well."""
    columns = {column.field: column for column in FIGURE_COLUMNS}
    problems: list[tuple[object, str]] = _kinds_beyond_total(figures) + _outreach_problems(figures, wrong)
    for problem in figure_problems({column.field: value for column, value in figures.items()}, RESULT_RULES):
        bound = " cộng ".join(f"“{columns[field].header}”" for field in problem.rule.bound)
        template = (
            _("Không được lớn hơn %(bound)s (%(value)s).")
            if problem.rule.at_most
            else _("Không được nhỏ hơn %(bound)s (%(value)s).")
        )
        problems.append(
            (columns[problem.field].header, template % {"bound": bound, "value": format_number(problem.limit)})
        )
    return problems


def _outreach_problems(figures: dict[FigureColumn, int], wrong: set[FigureColumn]) -> list[tuple[object, str]]:
    """Each organisation's sessions and people as its row on the unit's form checks them."""
    problems = []
    for sessions, people in OUTREACH_PAIRS:
        given = (figures.get(sessions), figures.get(people))
        if None not in given:
            columns = {"sessions": sessions, "people": people}
            problems += [(columns[field].header, message) for field, message in outreach_problems(*given)]
        elif given != (None, None) and not {sessions, people} & wrong:  # one of the pair: the other goes with it
            empty = sessions if given[0] is None else people
            problems.append((empty.header, str(PAIRED["sessions" if empty is sessions else "people"])))
    return problems


def _kinds_beyond_total(figures: dict[FigureColumn, int]) -> list[tuple[object, str]]:
    """The conferences of each kind given are some of the conferences: together no more than their number."""
    kinds = sum(value for column, value in figures.items() if column in CONFERENCE_KIND_COLUMNS)
    if CONFERENCES not in figures or kinds <= figures[CONFERENCES]:
        return []
    message = _("Nhỏ hơn số hội nghị trực tuyến, trực tiếp và phát lại video cộng lại (%(kinds)s).")
    return [(CONFERENCES.header, message % {"kinds": format_number(kinds)})]
