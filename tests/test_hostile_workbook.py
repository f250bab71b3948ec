"""A workbook is read as the cells it holds, whatever size its sheet declares: a few kilobytes claiming 99,000 rows
by 16,384 columns cost what their few cells cost, a sheet declared smaller is read whole, and the row limit counts
rows really there.

What such a file used to cost, and costs now, in seconds and memory: ``benchmarks/hostile_upload.py``.

openpyxl builds every cell of a row, and every element of a sheet, before anything is cut: a sheet holding more
than the largest file accepted is refused before openpyxl opens it.
"""

import io
import os
import zipfile

import pytest

from benchmarks.hostile_upload import (
    CONTENT_TYPES,
    MAIN,
    PACKAGE_RELS,
    WORKBOOK,
    WORKBOOK_RELS,
    declared_everywhere,
    hostile_workbook,
)
from reporting.results import import_reading
from reporting.results.committee_import import committee_import
from reporting.results.import_preview import import_preview
from reporting.results.import_reading import ImportRejected
from reporting.results.upload_limits import MAX_ELEMENTS, MAX_OTHER_ELEMENTS, MAX_ROWS
from tests.workbooks import HEADERS, TA_LENG, errors_of, row, snapshot, tam_duong

pytestmark = pytest.mark.django_db

TOO_MANY_CELLS = "Tệp có quá nhiều ô: tối đa 16.384 ô một dòng và 4.000.040 ô một trang tính."
UNUSUAL = "Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp (có thể là tệp độc hại)."


def crafted(sheet_data: bytes, *, prefix: str = "", padding: int = 0, styles: bytes = b"") -> io.BytesIO:
    """A workbook made by hand around ``sheet_data``, its elements under ``prefix`` ("x:") if given, with
    ``styles`` if given; stored unpacked, or packed with ``padding`` bytes of noise, so that no check of the
    archive's directory refuses it."""
    ns = f":{prefix[:-1]}" if prefix else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet xmlns{ns}="{MAIN}"><{prefix}sheetData>'.encode()
        + sheet_data
        + f"</{prefix}sheetData></{prefix}worksheet>".encode()
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED if padding else zipfile.ZIP_STORED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", PACKAGE_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", sheet)
        if styles:
            book.writestr("xl/styles.xml", styles)
        if padding:
            book.writestr("xl/media/image1.png", os.urandom(padding), compress_type=zipfile.ZIP_STORED)
    archive.seek(0)
    archive.name = "ket-qua.xlsx"
    return archive


@pytest.fixture
def opened(monkeypatch) -> list:
    """Every workbook openpyxl is asked to open."""
    calls = []
    real = import_reading.load_workbook

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(import_reading, "load_workbook", spy)
    return calls


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_a_row_of_200000_empty_cells_is_refused_before_openpyxl_opens_the_file(demo, opened, prefix):
    before = snapshot()
    file = crafted(f"<{prefix}row>".encode() + f"<{prefix}c/>".encode() * 200_000 + f"</{prefix}row>".encode())

    assert errors_of(file) == [TOO_MANY_CELLS]
    assert opened == []
    assert snapshot() == before


def test_every_import_counts_before_it_opens_the_file(opened):
    file = crafted(b"<row>" + b'<c r="A1"></c>' * 20_000 + b"</row>")

    with pytest.raises(ImportRejected) as rejected:
        committee_import(file, scope=None, dry_run=True)

    assert [str(error) for error in rejected.value.errors] == [TOO_MANY_CELLS]
    assert opened == []


def test_rows_past_the_limit_are_refused_before_openpyxl_opens_the_file(demo, opened):
    file = crafted(b"<row/>" * (MAX_ROWS + 2))

    assert errors_of(file) == ["Tệp có quá nhiều dòng: tối đa 100.000."]
    assert opened == []


def test_millions_of_stray_elements_are_refused_before_openpyxl_opens_the_file(demo, opened):
    # openpyxl keeps elements outside rows until the sheet ends: 10 million took 33 s and 950 MB.
    file = crafted(b"<x/>" * (MAX_ELEMENTS + 1), padding=300_000)

    assert len(file.getvalue()) < MAX_ELEMENTS // 10
    assert errors_of(file) == [UNUSUAL]
    assert opened == []


def test_a_styles_part_of_a_million_formats_is_refused_before_openpyxl_opens_the_file(demo, opened):
    # openpyxl builds every style even to read values: 3.5 million <xf/> in 225 KB killed a worker at 60 s.
    formats = b"<cellXfs>" + b"<xf/>" * (MAX_OTHER_ELEMENTS + 1) + b"</cellXfs>"
    file = crafted(b"", styles=f'<styleSheet xmlns="{MAIN}">'.encode() + formats + b"</styleSheet>", padding=20_000)

    assert len(file.getvalue()) < 40_000
    assert errors_of(file) == [UNUSUAL]
    assert opened == []


def test_a_row_as_wide_as_excel_is_read_as_its_first_columns(demo, opened):
    campaign, district = tam_duong()
    file = hostile_workbook({1: HEADERS, 2: [*row(), *["ghi chú"] * (16_384 - len(HEADERS))]}, dimension="A1:XFD2")

    preview = import_preview(file=file, campaign=campaign, committee=district)

    assert [read.number for read in preview.rows] == [2]
    assert len(opened) == 1


@pytest.mark.parametrize("last_row", [99_000, 20_000])
def test_a_sheet_declared_16384_columns_wide_is_read_as_its_few_cells(demo, last_row):
    before = snapshot()
    file = declared_everywhere(last_row)

    assert len(file.getvalue()) < 3072
    # Its one cell names a unit without figures: nothing to import, and nothing written.
    assert errors_of(file) == ["Tệp không có dòng số liệu nào để nhập."]
    assert snapshot() == before


def test_a_row_far_down_a_declared_sheet_keeps_its_number_and_a_cell_far_right_is_not_read(demo):
    campaign, district = tam_duong()
    far_right = [*row(), *[None] * 16_374, "ghi chú ở cột XFD"]
    file = hostile_workbook({1: HEADERS, 20_000: far_right}, dimension="A1:XFD20000")

    preview = import_preview(file=file, campaign=campaign, committee=district)

    [read] = preview.rows
    assert read.number == 20_000
    assert read.unit == "tam-duong-ta-leng — Đảng ủy xã Tả Lèng"
    assert list(read.figures.values()) == [TA_LENG[header] for header in HEADERS[2:]]


def test_rows_a_sheet_only_declares_do_not_count_against_the_row_limit(demo):
    campaign, district = tam_duong()
    file = hostile_workbook({1: HEADERS, 2: row()}, dimension="A1:I1048576")

    preview = import_preview(file=file, campaign=campaign, committee=district)

    assert [read.number for read in preview.rows] == [2]


def test_a_sheet_declared_smaller_than_it_is_is_read_whole(demo):
    campaign, district = tam_duong()
    file = hostile_workbook({1: HEADERS, 2: row()}, dimension="A1:A1")

    preview = import_preview(file=file, campaign=campaign, committee=district)

    assert [(read.number, read.figures["people"]) for read in preview.rows] == [(2, TA_LENG["Số người tham gia"])]


def test_a_cell_really_past_the_row_limit_is_refused_and_nothing_is_written(demo):
    before = snapshot()
    file = hostile_workbook({1: HEADERS, 2: row(), MAX_ROWS + 2: ["thừa"]}, dimension="A1:I2")

    assert errors_of(file) == ["Tệp có quá nhiều dòng: tối đa 100.000."]
    assert snapshot() == before
