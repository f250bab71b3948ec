"""The rules every head-count obeys, written once: attended within the total, people cover the attendees.

Attendance at a conference and a unit's result for a campaign follow the
same rules; the result form, the attendance grid and the admin check them
through ``FigureRulesForm``, the Excel import through ``figure_problems``.
The database's check constraints stay as the last guard. A form reads a
figure as plain digits (``digits_only``), never as Python's ``int`` would.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# No count a committee reports comes near a million; a larger one is a typing slip.
MAX_FIGURE = 1_000_000
TOO_LARGE = _("Số quá lớn: không quá 1.000.000.")
# A figure typed in a form: ASCII digits, a minus sign only to be told it may not be negative.
TYPED_FIGURE = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Rule:
    """``field`` is at most (or at least) the sum of ``bound``'s fields."""

    field: str
    bound: tuple[str, ...]
    at_most: bool
    message: Promise

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *self.bound)


@dataclass(frozen=True)
class Problem:
    rule: Rule
    limit: int  # the sum of the bound's figures

    @property
    def field(self) -> str:
        return self.rule.field

    @property
    def message(self) -> str:
        return str(self.rule.message)


ATTENDANCE_RULES = (
    Rule("party_members_attended", ("party_members_expected",), True, _("Số đảng viên dự vượt số triệu tập.")),
    Rule(
        "non_members_attended",
        ("non_members_expected",),
        True,
        _("Số người chưa là đảng viên dự vượt số triệu tập."),
    ),
)
RESULT_RULES = (
    Rule("party_members_attended", ("party_members_total",), True, _("Số đảng viên tham gia vượt tổng số đảng viên.")),
    Rule(
        "non_members_attended",
        ("non_members_total",),
        True,
        _("Số người tham gia vượt tổng số chưa là đảng viên."),
    ),
    Rule(
        "people",
        ("party_members_attended", "non_members_attended"),
        False,
        _("Số người tham gia phải ít nhất bằng số đảng viên và người chưa là đảng viên tham gia."),
    ),
)


def figure_problems(figures: Mapping[str, int | None], rules: Iterable[Rule]) -> list[Problem]:
    """The rules the figures break; a rule whose figures are not all known yet is not judged."""
    problems = []
    for rule in rules:
        values = [figures.get(name) for name in rule.fields]
        if any(value is None for value in values):
            continue
        value, limit = values[0], sum(values[1:])
        if (value > limit) if rule.at_most else (value < limit):
            problems.append(Problem(rule, limit))
    return problems


class FigureRulesForm:
    """Form mixin for head-counts: none above MAX_FIGURE, and ``figure_rules`` checked on what was typed,
    each broken rule told at its field.

    A figure the person typed wrong is not in the cleaned data, so the rules it
    takes part in wait until it is mended.
    """

    figure_rules: tuple[Rule, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.to_python = digits_only(field)
                field.max_value = MAX_FIGURE
                field.validators.append(MaxValueValidator(MAX_FIGURE))
                field.widget.attrs["max"] = MAX_FIGURE
                field.error_messages["max_value"] = TOO_LARGE

    @classmethod
    def for_admin(cls, rules: tuple[Rule, ...]) -> type:
        """A model form class for the admin that checks ``rules`` (the admin names the model)."""
        return type("FigureRulesAdminForm", (cls, forms.ModelForm), {"figure_rules": rules})

    def clean(self):
        data = super().clean()
        for problem in figure_problems(data, self.figure_rules):
            self.add_error(problem.field, problem.message)
        return data


def digits_only(field: forms.IntegerField):
    """``field``'s reading of what was typed: plain digits. Django's own reads it with Python's ``int``, which
    takes "１２", "٣" and "1_000" as numbers the Excel import refuses; those get the field's "invalid" message."""

    def to_python(value) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = str(value).strip()
        if not text:
            return None
        if not TYPED_FIGURE.fullmatch(text):
            raise ValidationError(field.error_messages["invalid"], code="invalid")
        digits = text.lstrip("-").lstrip("0") or "0"  # 0005 is 5, as the Excel import reads it
        if len(digits) > len(str(MAX_FIGURE)):  # read no further: int() of thousands of digits fails in English
            raise ValidationError(TOO_LARGE, code="max_value")
        return -int(digits) if text.startswith("-") else int(digits)

    return to_python
