"""Django's own messages read in the project's Vietnamese, and the compiled catalogue matches its source."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

PO = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every singular entry of the .po, with the header left out."""
    text = PO.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)
    return [(msgid.replace('\\"', '"'), msgstr.replace('\\"', '"')) for msgid, msgstr in pairs if msgid]


@pytest.mark.parametrize(("msgid", "msgstr"), entries())
def test_the_compiled_catalogue_says_what_the_source_says(msgid, msgstr):
    with translation.override("vi"):
        assert gettext(msgid) == msgstr


def test_the_messages_a_secretary_meets_are_plain():
    with translation.override("vi"):
        assert gettext("Enter a whole number.") == "Chỉ nhập chữ số, không dấu chấm hay dấu phẩy, ví dụ 1200."
        assert gettext("Null characters are not allowed.") == (
            "Văn bản có ký tự không hợp lệ (ký tự rỗng); hãy gõ lại phần đó."
        )
        too_long = ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            300,
        )
        assert too_long % {"limit_value": 300, "show_value": 412} == "Quá dài: tối đa 300 ký tự, đã nhập 412."
