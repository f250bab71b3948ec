"""What an uploaded workbook may be before anyone opens it.

An .xlsx is a zip file: a few kilobytes can unpack into gigabytes (a zip
bomb), so sizes are checked on the archive's own directory first. Then every
part is counted as it unpacks, tags matched as bytes, before openpyxl parses
any of it: openpyxl builds every cell of a row and every element of a sheet
before anything can be cut, so a sheet holding more than the largest file
accepted would cost more than it, however few of its cells are read.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from conferences.upload_size import WORKING_FILE_BYTES, TooLarge, read_at_most, too_large
from reporting.figures.formatting import format_number

MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 200
# A nation has about 55.000 grassroots organisations.
MAX_ROWS = 100_000
# The template's 29 columns and room for the few a person adds (a number, a note); never the 16,384 a sheet
# may declare. Cells further right are not read.
MAX_COLUMNS = 40
# Unit codes are short; a longer cell is a mistake or an attack, never echoed back whole.
MAX_CODE_CHARS = 80
# A cell quoted in an error, a unit named by its cell: no longer than this.
MAX_QUOTED_CHARS = 80
# What one sheet may hold, counted before it is parsed: the cells of the largest sheet accepted (its header and
# MAX_ROWS rows by MAX_COLUMNS columns), and in one row no more cells than Excel has columns.
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
EXCEL_COLUMNS = 16_384
# XML elements of any kind: a cell, its formula and its value (openpyxl keeps elements outside rows until the
# sheet ends, so millions of stray ones cost gigabytes).
MAX_ELEMENTS = 3 * MAX_CELLS
# Every other part (styles, the workbook, themes …) holds far fewer: Excel keeps at most 64,000 cell formats.
# openpyxl builds an object of each style however the sheet is read (3.5 million <xf/> took a worker past its
# 60 s and 1.4 GB).
MAX_OTHER_ELEMENTS = 200_000
# The parts cells are kept in: the sheets and the strings they share.
CELL_PARTS = re.compile(r"xl/(worksheets/[^/]+|sharedStrings)\.xml", re.IGNORECASE)
# A start tag with or without a namespace prefix: <row …>, <x:c/>; never </row>, <col>, <cfRule>.
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
# Parts are unpacked and counted this much at a time; a tag cut at the end of a piece waits for the next one.
PIECE_BYTES = 1024 * 1024
LONGEST_TAG_START = 256
# The shortest cell, <c/>: a piece of a row shorter than this many bytes per cell cannot be too wide.
SHORTEST_CELL_BYTES = 4


# A spreadsheet as it comes: a path typed on the command line, or an upload in a request.
SheetFile = str | Path | IO[bytes]


class UploadRefused(Exception):
    """The file is refused before it is read; the message says why, in Vietnamese."""


def workbook_bytes(file: SheetFile) -> io.BytesIO:
    """The upload in memory, after checking its size, its archive's honesty and what each part holds."""
    content = _upload_content(file)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_directory(members)
            for member in members:
                most = MAX_ELEMENTS if CELL_PARTS.fullmatch(member.filename) else MAX_OTHER_ELEMENTS
                with archive.open(member) as part:
                    _check_part(part, most)
    except (zipfile.BadZipFile, zlib.error):
        raise UploadRefused(_not_a_workbook()) from None
    return io.BytesIO(content)


def too_many_rows() -> str:
    return _("Tệp có quá nhiều dòng: tối đa %(rows)s.") % {"rows": format_number(MAX_ROWS)}


def _upload_content(file: SheetFile) -> bytes:
    if isinstance(file, str | Path):
        path = Path(file)
        if path.stat().st_size > WORKING_FILE_BYTES:
            raise UploadRefused(too_large(WORKING_FILE_BYTES))
        return path.read_bytes()
    try:
        return read_at_most(file, WORKING_FILE_BYTES)
    except TooLarge as refused:
        raise UploadRefused(str(refused)) from None


def _check_directory(members: list[zipfile.ZipInfo]) -> None:
    """Sizes as the archive's directory states them; zipfile never unpacks more than is stated."""
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UploadRefused(_unusual())


@dataclass
class _PartCounts:
    """Start tags of one part, counted piece by piece: rows, cells, cells of the row still open, elements."""

    most: int  # elements the part may hold
    rows: int = 0
    cells: int = 0
    open_row_cells: int = 0
    elements: int = 0

    def add(self, data: bytes) -> None:
        self.elements += data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
        self.cells += len(CELL_TAG.findall(data))
        # Before its first row start the piece continues the row left open; each row start opens a new one.
        pieces = ROW_TAG.split(data)
        self.rows += len(pieces) - 1
        for index, piece in enumerate(pieces):
            if index:
                self.open_row_cells = 0
            if index in (0, len(pieces) - 1) or len(piece) > SHORTEST_CELL_BYTES * EXCEL_COLUMNS:
                self.open_row_cells += len(CELL_TAG.findall(piece))
                self._check_width()

    def _check_width(self) -> None:
        if self.open_row_cells > EXCEL_COLUMNS:
            raise UploadRefused(_too_many_cells())

    def check(self) -> None:
        if self.rows > MAX_ROWS + 1:
            raise UploadRefused(too_many_rows())
        if self.cells > MAX_CELLS:
            raise UploadRefused(_too_many_cells())
        if self.elements > self.most:
            raise UploadRefused(_unusual())


def _check_part(part: IO[bytes], most: int) -> None:
    """Refuses a part holding too many rows, cells or more than ``most`` elements; costs what it holds, a piece at
    a time."""
    counts, carried = _PartCounts(most), b""
    while piece := part.read(PIECE_BYTES):
        data = carried + piece
        # Keep a tag start cut at the end for the next piece: no counted tag holds a "<" after its first byte.
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > LONGEST_TAG_START:
            cut = len(data)
        counts.add(data[:cut])
        counts.check()
        carried = data[cut:]
    counts.add(carried)
    counts.check()


def _too_many_cells() -> str:
    return _("Tệp có quá nhiều ô: tối đa %(row)s ô một dòng và %(cells)s ô một trang tính.") % {
        "row": format_number(EXCEL_COLUMNS),
        "cells": format_number(MAX_CELLS),
    }


def _unusual() -> str:
    return _("Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp (có thể là tệp độc hại).")


def _not_a_workbook() -> str:
    return _("Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ.")
