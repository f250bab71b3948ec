"""What an upload may weigh: a file is read no further than its bound, whatever the request or the file declares.

Working files (a results or tree spreadsheet, a unit's programme or plan) are small; a signed report, to file
or to verify, may carry a larger signature and stamp; a seal or signature picture and a certificate are smaller
still. One byte past the bound is all that is ever read.
"""

from typing import IO

from django.utils.translation import gettext as _

KB = 1024
MB = 1024 * KB
WORKING_FILE_BYTES = 5 * MB
SIGNED_PDF_BYTES = 20 * MB
PICTURE_BYTES = 2 * MB  # a seal or a signature, as PNG
CERTIFICATE_BYTES = 100 * KB  # a certificate, its chain and a key take a few kilobytes


class TooLarge(ValueError):
    """The file is larger than its bound; the message says the bound, in Vietnamese."""


def too_large(most: int) -> str:
    if most < MB:
        return _("Tệp quá lớn: tối đa %(kb)d KB.") % {"kb": most // KB}
    return _("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": most // MB}


def read_at_most(file: IO[bytes], most: int) -> bytes:
    """The file's bytes, or TooLarge when it holds more than ``most``."""
    content = file.read(most + 1)
    if len(content) > most:
        raise TooLarge(too_large(most))
    return content
