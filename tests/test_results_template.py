"""The results template a district sends out to its units, ready to fill."""

import io

import openpyxl
import pytest

from conferences.models import Committee
from reporting.exports import XLSX_MIMETYPE, safe_cell
from reporting.models import UnitResult
from reporting.results.template import ResultsTemplateExporter
from tests import builders
from tests.workbooks import TEMPLATE_HEADERS, tam_duong

pytestmark = pytest.mark.django_db


def test_the_template_lists_every_unit_below_the_committee_in_tree_order(demo):
    campaign, district = tam_duong()

    filename, mimetype, content = ResultsTemplateExporter(campaign=campaign, committee=district).render()

    assert (filename, mimetype) == ("mau-ket-qua-tw8-khoa-xiii-tam-duong.xlsx", XLSX_MIMETYPE)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Kết quả", "Hướng dẫn"]
    header, *rows = workbook["Kết quả"].iter_rows(values_only=True)
    assert list(header) == TEMPLATE_HEADERS
    # The totals start from each unit's registered head-counts, as its form does; the rest is left to fill.
    assert [row[:5] for row in rows[:4]] == [
        ("tam-duong-thi-tran", "Đảng ủy thị trấn Tam Đường", 310, None, 35),
        ("tam-duong-thi-tran-thcs", "Chi bộ Trường THCS thị trấn Tam Đường", 22, None, 45),
        ("tam-duong-thi-tran-tieu-hoc", "Chi bộ Trường Tiểu học thị trấn Tam Đường", 18, None, 40),
        ("tam-duong-ban-bo", "Đảng ủy xã Bản Bo", 190, None, 28),
    ]
    codes = [code for code, *_rest in rows]
    assert len(codes) == 23
    assert set(codes) == set(UnitResult.objects.filter(campaign=campaign).values_list("unit__code", flat=True))
    registered = dict(Committee.objects.values_list("code", "party_members"))
    assert all(row[2] == registered[row[0]] for row in rows)
    assert all(figure is None for _code, _name, _total, *figures in rows for figure in figures[:1] + figures[2:])


def test_the_template_is_pleasant_to_fill(demo):
    campaign, district = tam_duong()
    workbook = openpyxl.load_workbook(
        io.BytesIO(ResultsTemplateExporter(campaign=campaign, committee=district).render()[2])
    )

    sheet = workbook["Kết quả"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width > 10
    instructions = "\n".join(cell.value or "" for cell in workbook["Hướng dẫn"]["A"])
    assert f"Đợt học tập: {campaign.name}" in instructions
    assert "Cấp ủy: Huyện ủy Tam Đường" in instructions
    assert "Hạn báo cáo: 15/01/2024" in instructions
    assert "số nguyên không âm" in instructions
    assert "“Đảng viên tham gia” ≤ “Tổng số đảng viên”" in instructions
    assert (
        "“Tổng số đảng viên” và “CB-CC-VC-NLĐ chưa là đảng viên” đã điền sẵn theo số đăng ký của đơn vị; sửa nếu "
        "số thực tế khác." in instructions
    )
    assert "để trống các cột số liệu khác (hai cột tổng số điền sẵn không tính)" in instructions


@pytest.mark.parametrize("communes", [3, 30])
def test_building_the_template_takes_one_query_whatever_the_units(communes, django_assert_num_queries):
    district, _units = builders.district(communes=communes)
    exporter = ResultsTemplateExporter(campaign=builders.campaign(district), committee=district)

    with django_assert_num_queries(1):
        content = exporter.render()[2]

    assert openpyxl.load_workbook(io.BytesIO(content))["Kết quả"].max_row == communes + 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Đảng ủy xã Bản Bo", "Đảng ủy xã Bản Bo"),
        (-1, -1),
        (None, None),
    ],
)
def test_safe_cell_keeps_text_from_running_as_a_formula(value, expected):
    assert safe_cell(value) == expected


def test_a_unit_name_cannot_smuggle_a_formula_into_the_template():
    district, _units = builders.district(communes=0)
    builders.committee("xa-xau", parent=district, name="=cmd|' /C calc'!A0")

    content = ResultsTemplateExporter(campaign=builders.campaign(district), committee=district).render()[2]

    cell = openpyxl.load_workbook(io.BytesIO(content))["Kết quả"]["B2"]
    assert (cell.value, cell.data_type) == ("'=cmd|' /C calc'!A0", "s")
