"""A command line mistyped is told in Vietnamese, as every other refusal of the commands is.

argparse words its refusals in English ("the following arguments are required: file"); the commands' parser
says them again in Vietnamese, keeping the names of the arguments as they are typed.
"""

import re

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

# argparse's refusals (Python 3.11), each as a pattern over the message it formats and its Vietnamese.
REFUSALS = (
    (r"the following arguments are required: (?P<names>.+)", "thiếu tham số bắt buộc: {names}"),
    (r"unrecognized arguments: (?P<names>.+)", "không nhận ra tham số: {names}"),
    (r"one of the arguments (?P<names>.+) is required", "cần một trong các tham số: {names}"),
    (r"argument (?P<name>\S+): expected one argument", "tham số {name} cần một giá trị"),
    (r"argument (?P<name>\S+): expected at least one argument", "tham số {name} cần ít nhất một giá trị"),
    (r"argument (?P<name>\S+): invalid int value: (?P<value>.+)", "tham số {name}: {value} không phải là số nguyên"),
    (r"argument (?P<name>\S+): invalid (?P<type>\S+) value: (?P<value>.+)", "tham số {name}: {value} không hợp lệ"),
    (
        r"argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
        "tham số {name}: {value} không hợp lệ (chọn một trong: {choices})",
    ),
    (r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)", "tham số {name} không dùng cùng {other}"),
    (r"argument (?P<name>\S+): (?P<message>.+)", "tham số {name}: {message}"),
)


def in_vietnamese(message: str) -> str:
    """argparse's refusal ``message`` in Vietnamese; one it does not know is left as argparse words it."""
    for pattern, vietnamese in REFUSALS:
        if match := re.fullmatch(pattern, message):
            parts = match.groupdict()
            if "value" in parts:  # argparse quotes what was typed as Python does: 'abc'
                parts["value"] = f"“{parts['value'].strip(chr(39))}”"
            return vietnamese.format(**parts)
    return message


class VietnameseParser(CommandParser):
    """Django's parser for a command, its refusals in Vietnamese: on the command line the usage and the refusal,
    exiting with status 2 as argparse does; from ``call_command``, a ``CommandError``."""

    def error(self, message):
        refusal = in_vietnamese(message)
        if not self.called_from_command_line:
            raise CommandError(_("Lỗi: %s") % refusal)
        heading = _("Cách dùng:")
        usage = self.format_usage().replace("usage:", heading, 1)
        usage = re.sub(r"\n(?= )", "\n" + " " * (len(heading) - len("usage:")), usage)  # the lines under it aligned
        self.exit(2, f"{usage}{self.prog}: {_('lỗi')}: {refusal}\n")


class VietnameseCommand(BaseCommand):
    """A command whose command line, mistyped, is refused in Vietnamese."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django makes the parser itself, with no say in its class: it becomes the Vietnamese one, which holds
        # nothing more and only words its refusals differently.
        parser.__class__ = VietnameseParser
        return parser
