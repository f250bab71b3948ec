"""What the commands share: campaigns, committees and files found by what was typed, files written where asked,
and a refused import told as the web page tells it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from conferences.models import Campaign, Committee
from conferences.upload_size import TooLarge, read_at_most
from reporting.management.parsing import VietnameseCommand
from reporting.results.import_reading import ImportRejected
from reporting.results.refusals import refusal_lines

# The arguments several commands take, each written once.
ARGUMENTS = {
    "workbook": (("file",), {"help": "Tệp Excel .xlsx đã điền theo mẫu"}),
    "committee": (("--committee",), {"required": True, "help": "Mã cấp ủy, ví dụ: tam-duong"}),
    "campaign": (("--campaign",), {"required": True, "help": "Mã đợt học tập, ví dụ: tw8-khoa-xiii"}),
    "conference": (("--conference",), {"required": True, "type": int, "help": "Số hiệu (pk) của hội nghị"}),
    "xlsx_output": (("--output",), {"required": True, "help": "Tệp .xlsx sẽ ghi"}),
    "dry_run": (("--dry-run",), {"action": "store_true", "help": "Chỉ kiểm tra và cho xem trước, không ghi gì"}),
}


class SharedArgumentsCommand(VietnameseCommand):
    """A command taking the shared arguments its ``arguments`` names (keys of ``ARGUMENTS``), in that order;
    one with arguments of its own adds them after calling this ``add_arguments``."""

    arguments: tuple[str, ...] = ()

    def add_arguments(self, parser: CommandParser) -> None:
        for name in self.arguments:
            flags, options = ARGUMENTS[name]
            parser.add_argument(*flags, **options)


def campaign_lookup(*, code: str) -> Campaign:
    try:
        return Campaign.objects.get(code=code)
    except Campaign.DoesNotExist:
        raise CommandError(_("Không tìm thấy đợt học tập có mã “%s”.") % code) from None


def committee_lookup(*, code: str) -> Committee:
    try:
        return Committee.objects.get(code=code)
    except Committee.DoesNotExist:
        raise CommandError(_("Không tìm thấy cấp ủy có mã “%s”.") % code) from None


def file_written(path: str | Path, content: bytes) -> Path:
    """``content`` written to ``path``; a folder missing or not writable is told in Vietnamese."""
    path = Path(path)
    try:
        path.write_bytes(content)
    except OSError as error:
        message = _("Không ghi được tệp “%(path)s”: %(error)s") % {"path": path, "error": error.strerror or error}
        raise CommandError(message) from None
    return path


def file_lookup(path: str) -> Path:
    """The file named on the command line; one that is not there is told in Vietnamese."""
    if not Path(path).is_file():
        raise CommandError(_("Không tìm thấy tệp “%s”.") % path)
    return Path(path)


def file_read(path: str, most: int) -> bytes:
    """The named file's bytes, read no further than ``most``; one missing, unreadable or too large is told in
    Vietnamese."""
    try:
        with file_lookup(path).open("rb") as file:
            return read_at_most(file, most)
    except TooLarge as refused_file:
        raise CommandError(str(refused_file)) from None
    except OSError as error:
        message = _("Không đọc được tệp “%(path)s”: %(error)s") % {"path": path, "error": error.strerror or error}
        raise CommandError(message) from None


def refused(heading: str, errors: list) -> CommandError:
    """The refusal with its first errors and how many more (``reporting.results.refusals``)."""
    return CommandError("\n".join(refusal_lines(heading, errors)))


@contextmanager
def import_refused_as(heading: str) -> Iterator[None]:
    """A file refused inside the block ends the command under ``heading``, having changed nothing."""
    try:
        yield
    except ImportRejected as rejected:
        raise refused(heading, rejected.errors) from None
