"""What an uploaded workbook may be before anyone opens it.

An .xlsx is a zip file: a few kilobytes can unpack into gigabytes (a zip
bomb), so sizes are checked on the archive's own directory first.
"""

import io
import zipfile
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 200
# A nation has about 55.000 grassroots organisations.
MAX_ROWS = 100_000
# The template's nine columns and room for the few a person adds (a number, a note); never the 16,384 a sheet
# may declare. Cells further right are not read.
MAX_COLUMNS = 20
# Unit codes are short; a longer cell is a mistake or an attack, never echoed back whole.
MAX_CODE_CHARS = 80


class UploadRefused(Exception):
    """The file is refused before it is read; the message says why, in Vietnamese."""


def workbook_bytes(file: str | Path | IO[bytes]) -> io.BytesIO:
    """The upload in memory, after checking its size and its archive's honesty."""
    if isinstance(file, str | Path):
        path = Path(file)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise UploadRefused(_too_large())
        content = path.read_bytes()
    else:
        content = file.read(MAX_UPLOAD_BYTES + 1)
        if len(content) > MAX_UPLOAD_BYTES:
            raise UploadRefused(_too_large())
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile:
        raise UploadRefused(_("Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ.")) from None
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UploadRefused(
            _(
                "Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp "
                "(có thể là tệp độc hại)."
            )
        )
    return io.BytesIO(content)


def _too_large() -> str:
    return _("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
