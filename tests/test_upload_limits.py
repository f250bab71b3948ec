"""Uploads are refused before they can hurt: too large, zip bombs, not workbooks, long cells."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from conferences.models import Campaign, Committee
from conferences.upload_size import WORKING_FILE_BYTES
from reporting.models import UnitResult
from reporting.results.importing import ImportRejected, import_results
from tests.workbooks import HEADERS

pytestmark = pytest.mark.django_db


def snapshot():
    return list(UnitResult.objects.order_by("pk").values())


def refused(demo_file, message: str) -> None:
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        import_results(
            file=demo_file,
            campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
            committee=Committee.objects.get(code="tam-duong"),
        )
    assert [str(error) for error in rejected.value.errors] == [message]
    assert snapshot() == before


def named(content: bytes, name: str = "ket-qua.xlsx") -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def test_a_file_over_the_size_limit_is_refused(demo):
    refused(named(b"PK" + b"0" * (WORKING_FILE_BYTES + 10)), "Tệp quá lớn: tối đa 5 MB.")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(demo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (80 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    refused(
        named(buffer.getvalue()),
        "Tệp bị từ chối: nội dung giải nén quá lớn hoặc bất thường so với kích thước tệp (có thể là tệp độc hại).",
    )


def test_a_file_that_is_not_a_workbook_is_refused(demo):
    refused(named(b"%PDF-1.7 not a workbook"), "Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ.")


def test_a_very_long_cell_is_refused_without_echoing_it(demo):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header in HEADERS])
    sheet.append(["x" * 5000, "Tên", 10, 9, 2, 2, 1, 1, 11])
    buffer = io.BytesIO()
    workbook.save(buffer)
    refused(named(buffer.getvalue()), "Dòng 2, cột “Mã đơn vị”: Mã đơn vị quá dài (tối đa 80 ký tự).")
