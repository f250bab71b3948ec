"""A conference's attendance from Excel: the template filled with what is stored, read back all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conferences.models import Attendance
from reporting.exports import xlsx_bytes
from reporting.results.attendance_excel import HEADERS
from tests.staff_pages import demo_conference

pytestmark = pytest.mark.django_db

TA_LENG = "tam-duong-ta-leng"


def rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def upload(table: list[tuple]) -> io.BytesIO:
    workbook = Workbook()
    for row in table:
        workbook.active.append(list(row))
    content = io.BytesIO(xlsx_bytes(workbook))
    content.name = "tham-du.xlsx"
    return content


def stored() -> list[dict]:
    return list(Attendance.objects.order_by("pk").values())


def test_the_template_has_the_headers_and_a_row_per_unit_with_its_figures(staff_client):
    conference = demo_conference()
    content = staff_client.get(reverse("attendance_template", args=[conference.pk])).content
    table = rows(content)
    assert table[0] == (
        "Mã đơn vị",
        "Tên đơn vị",
        "Điểm cầu",
        "Đảng viên được triệu tập",
        "Đảng viên tham dự",
        "CB-CC-VC-NLĐ chưa là đảng viên được triệu tập",
        "CB-CC-VC-NLĐ chưa là đảng viên tham dự",
        "Thành phần khác tham dự",
    )
    ta_leng = next(row for row in table if row[0] == TA_LENG)
    attendance = Attendance.objects.get(conference=conference, unit__code=TA_LENG)
    assert ta_leng[3:5] == (attendance.party_members_expected, attendance.party_members_attended)


def test_an_upload_saves_every_row_and_the_grid_shows_the_new_totals(staff_client):
    conference = demo_conference()
    table = rows(staff_client.get(reverse("attendance_template", args=[conference.pk])).content)
    changed = [list(row) for row in table]
    ta_leng = next(row for row in changed if row[0] == TA_LENG)
    ta_leng[4] = ta_leng[3]  # every invited party member came
    response = staff_client.post(
        reverse("attendance_import", args=[conference.pk]), {"file": upload(changed)}, follow=True
    )
    assert response.redirect_chain == [(reverse("attendance_grid", args=[conference.pk]), 302)]
    assert "Đã lưu số liệu tham dự của 1 đơn vị." in response.content.decode()
    attendance = Attendance.objects.get(conference=conference, unit__code=TA_LENG)
    assert attendance.party_members_attended == attendance.party_members_expected
    assert attendance.history.count() == 2


def test_a_bad_row_names_its_unit_and_nothing_changes(staff_client):
    conference = demo_conference()
    table = [list(row) for row in rows(staff_client.get(reverse("attendance_template", args=[conference.pk])).content)]
    ta_leng = next(row for row in table if row[0] == TA_LENG)
    ta_leng[4] = ta_leng[3] + 1
    table.append(["khong-co", "", "", 1, 1, 0, 0, 0])
    before = stored()
    response = staff_client.post(reverse("attendance_import", args=[conference.pk]), {"file": upload(table)})
    content = response.content.decode()
    assert "Không được lớn hơn “Đảng viên được triệu tập”" in content
    assert "tam-duong-ta-leng — Đảng ủy xã Tả Lèng" in content
    assert "Mã đơn vị “khong-co” không có trong hội nghị này." in content
    assert stored() == before


def test_the_commands_write_the_template_and_read_it_back(demo, tmp_path):
    conference = demo_conference()
    path = tmp_path / "tham-du.xlsx"
    call_command("export_attendance_template", conference=conference.pk, output=str(path), stdout=io.StringIO())
    table = [list(row) for row in rows(path.read_bytes())]
    assert tuple(table[0]) == HEADERS
    next(row for row in table if row[0] == TA_LENG)[7] = 3
    path.write_bytes(upload(table).getvalue())
    out = io.StringIO()
    call_command("import_attendance", str(path), conference=conference.pk, stdout=out)
    assert out.getvalue().strip() == "Đã lưu số liệu tham dự của 1 đơn vị."
    assert Attendance.objects.get(conference=conference, unit__code=TA_LENG).others == 3
    table[1][3] = "ba"
    path.write_bytes(upload(table).getvalue())
    with pytest.raises(CommandError, match="Phải là số nguyên không âm"):
        call_command("import_attendance", str(path), conference=conference.pk)


def test_attendance_a_signed_report_counted_is_refused(signed, staff_client):
    conference = demo_conference()
    page = staff_client.get(reverse("attendance_import", args=[conference.pk])).content.decode()
    assert '<div class="alert alert-secondary" id="locked">🔒 Số liệu đã được dùng trong báo cáo số 01-BC/HU' in page
    table = [list(row) for row in rows(staff_client.get(reverse("attendance_template", args=[conference.pk])).content)]
    next(row for row in table if row[0] == TA_LENG)[7] = 5
    before = stored()
    response = staff_client.post(reverse("attendance_import", args=[conference.pk]), {"file": upload(table)})
    assert "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký" in response.content.decode()
    assert stored() == before
