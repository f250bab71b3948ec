"""The template filled with each unit's accepted figures, to correct a few cells and upload again."""

import datetime
import io

import openpyxl
import pytest
import time_machine

from conferences.models import Committee
from reporting.exports import XLSX_MIMETYPE
from reporting.models import ResultImport, UnitResult
from reporting.results.template import FilledResultsTemplateExporter
from tests import builders
from tests.workbooks import TEMPLATE_HEADERS, named, tam_duong

pytestmark = pytest.mark.django_db

FILLED_URL = "/dot-hoc-tap/tw8-khoa-xiii/mau-excel-co-so-lieu.xlsx?committee=tam-duong"
IMPORT_URL = "/dot-hoc-tap/tw8-khoa-xiii/nhap-excel/?committee=tam-duong"
FILENAME = "mau-ket-qua-tw8-khoa-xiii-tam-duong-co-so-lieu.xlsx"


def test_the_import_page_offers_the_filled_template(staff_client):
    page = staff_client.get(IMPORT_URL).content.decode()

    assert f'href="{FILLED_URL}" id="template-filled">Tải mẫu đã điền số liệu hiện có (để sửa)</a>' in page


def test_the_filled_template_holds_the_accepted_figures_and_leaves_the_others_blank(staff_client):
    UnitResult.objects.filter(unit__code="tam-duong-ban-bo").update(status=UnitResult.Status.SUBMITTED)

    with time_machine.travel(datetime.datetime(2024, 1, 12, 2, 30, tzinfo=datetime.UTC), tick=False):
        response = staff_client.get(FILLED_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIMETYPE
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    header, *rows = workbook["Kết quả"].iter_rows(values_only=True)
    assert list(header) == TEMPLATE_HEADERS
    assert rows[:2] == [
        (
            "tam-duong-thi-tran",
            "Đảng ủy thị trấn Tam Đường",
            310,
            300,
            35,
            34,
            5,
            1,
            3,
            1,
            14,
            334,
            8,
            530,
            0,
            0,
            0,
            1,
            1,
            # Its Front and organisations, as its unit's form gave them; Phụ nữ and Cựu chiến binh it did not.
            *(1, 30, 1, 40, 14, 100),
            *[None] * 4,
        ),
        ("tam-duong-thi-tran-thcs", "Chi bộ Trường THCS thị trấn Tam Đường", 22, 22, 45, 45, 1, 0, 0, 1, 2, 67)
        + (0,) * 7
        + (None,) * 10,
    ]
    # Bản Bo's result is not accepted: its registered head-counts only, as a blank template has them.
    assert rows[3] == ("tam-duong-ban-bo", "Đảng ủy xã Bản Bo", 190, None, 28, *[None] * 24)
    instructions = [cell.value for cell in workbook["Hướng dẫn"]["A"]]
    assert (
        "Số liệu đã điền sẵn là kết quả đã tiếp nhận của từng đơn vị lúc 09:30 12/01/2024; "
        "đơn vị chưa có kết quả được tiếp nhận thì để trống. Chỉ sửa các ô cần sửa."
    ) in instructions


def test_the_filled_template_uploaded_again_changes_nothing(staff_client):
    content = staff_client.get(FILLED_URL).content

    staff_client.post(IMPORT_URL, {"file": named(content, FILENAME)})
    page = staff_client.get(ResultImport.objects.get().get_absolute_url()).content.decode()

    assert (
        "Tệp có 23 dòng số liệu: 0 mới, 0 thay đổi, 0 thay kết quả đã tiếp nhận, 23 không đổi; 0 dòng trống bỏ qua."
    ) in page


@pytest.mark.parametrize("communes", [3, 30])
def test_filling_the_template_takes_one_query_whatever_the_units(communes, django_assert_num_queries):
    district, units = builders.district(communes=communes)
    campaign = builders.campaign(district)
    for unit in units[::2]:
        builders.result(campaign, unit, party_members_total=10, party_members_attended=9, conferences_online=2)
    Committee.objects.filter(pk=units[1].pk).update(party_members=25, non_member_staff=4)
    exporter = FilledResultsTemplateExporter(campaign=campaign, committee=district)

    with django_assert_num_queries(1):
        content = exporter.render()[2]

    rows = list(openpyxl.load_workbook(io.BytesIO(content))["Kết quả"].iter_rows(min_row=2, values_only=True))
    # A unit with nothing accepted yet: its registered head-counts, the rest to fill.
    assert [row[2:] for row in rows[:2]] == [
        (10, 9, 0, 0, 2, 2, 0, 0, 0, 9, *[0] * 7, *[None] * 10),
        (25, None, 4, *[None] * 24),
    ]
    assert len(rows) == communes


def test_the_filled_template_is_named_apart_from_the_blank_one(demo):
    campaign, district = tam_duong()

    filename, mimetype, _content = FilledResultsTemplateExporter(campaign=campaign, committee=district).render()

    assert (filename, mimetype) == (FILENAME, XLSX_MIMETYPE)
