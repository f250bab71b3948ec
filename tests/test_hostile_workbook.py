"""A workbook is read as the cells it holds, whatever size its sheet declares: a few kilobytes claiming 99,000 rows
by 16,384 columns cost what their few cells cost, a sheet declared smaller is read whole, and the row limit counts
rows really there.

What such a file used to cost, and costs now, in seconds and memory: ``benchmarks/hostile_upload.py``.
"""

import pytest

from benchmarks.hostile_upload import declared_everywhere, hostile_workbook
from reporting.results.import_preview import import_preview
from reporting.results.upload_limits import MAX_ROWS
from tests.workbooks import HEADERS, TA_LENG, errors_of, row, snapshot, tam_duong

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("last_row", [99_000, 20_000])
def test_a_sheet_declared_16384_columns_wide_is_read_as_its_few_cells(demo, last_row):
    before = snapshot()
    file = declared_everywhere(last_row)

    assert len(file.getvalue()) < 2048
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
