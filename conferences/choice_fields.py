"""Choices by primary key that a number past any key cannot turn into a server error.

Django looks a typed key up in the database before anything else; 2^63 or 10^20
makes the database driver fail (the keys are 64-bit integers in SQLite and
PostgreSQL alike) instead of answering "not a choice". ``ModelForm``
subclasses of ``BoundedModelForm`` get these fields for every foreign key and
many-to-many field (their ``Meta`` inherits ``BoundedModelForm.Meta``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

# The largest key any of the project's tables gives (BigAutoField, a 64-bit integer).
MAX_KEY = 2**63 - 1


def key_or_none(value: object) -> int | None:
    """A primary key as a request spells it ("12"); None for what no row has: letters, "²", "١٢", 10^20."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_KEY))) or int(text) > MAX_KEY:
        return None
    return int(text)


def _refuse_past_any_key(field: forms.ModelChoiceField, value, code: str) -> None:
    try:
        number = int(str(value).strip())
    except ValueError:
        return  # not a number: Django's own lookup says it is not a choice
    if not 0 <= number <= MAX_KEY:
        raise ValidationError(field.error_messages[code], code=code, params={"value": value, "pk": value})


NOT_A_CHOICE = _("Lựa chọn không hợp lệ; hãy chọn trong danh sách.")
# What an empty list box says, in place of Django's "---------": choose one, or (where none is needed) leave it.
NONE_CHOSEN = _("— Chọn —")
LEFT_EMPTY = _("— Để trống —")


class KeyChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": NOT_A_CHOICE}

    def __init__(self, *args, empty_label=NONE_CHOSEN, **kwargs):
        super().__init__(*args, empty_label=empty_label, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            _refuse_past_any_key(self, value, "invalid_choice")
        return super().to_python(value)


class KeyMultipleChoiceField(forms.ModelMultipleChoiceField):
    # Django's own "“%(pk)s” is not a valid value." has no Vietnamese.
    default_error_messages = {"invalid_choice": NOT_A_CHOICE, "invalid_pk_value": NOT_A_CHOICE}

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            _refuse_past_any_key(self, pk, "invalid_pk_value")
        return super()._check_values(value)


def bounded_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """``formfield_callback``: foreign keys and many-to-many fields as the bounded choice fields above; every
    list box's empty choice in words."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", KeyMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", KeyChoiceField)
        kwargs.setdefault("empty_label", LEFT_EMPTY if db_field.blank else NONE_CHOSEN)
    field = db_field.formfield(**kwargs)
    if isinstance(field, forms.TypedChoiceField) and list(field.choices[:1]) == BLANK_CHOICE_DASH:
        field.choices = [("", LEFT_EMPTY if db_field.blank else NONE_CHOSEN), *field.choices[1:]]
    return field


class BoundedModelForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
