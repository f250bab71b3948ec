"""The attendance grid row by row: empty cells are "not entered yet", and a row saves on its own as the person
leaves it, answering in JSON what the row's last cell shows."""

import re

import pytest
from django.urls import reverse

from conferences.models import Attendance, Committee, ConferenceSite, VideoSite
from conferences.services import ATTENDANCE_FIELDS
from tests import builders
from tests.staff_pages import SECRETARY, committee_pk, demo_conference, grid_url, messages_of, sign_in, table_row
from tests.test_attendance_grid import attendance_snapshot, cell, grid_sent_back

pytestmark = pytest.mark.django_db

KHUN_HA, TA_LENG = "tam-duong-khun-ha", "tam-duong-ta-leng"


def row_url(unit_code: str) -> str:
    return reverse("attendance_row", args=[demo_conference().pk, f"unit-{committee_pk(unit_code)}"])


def row_data(grid_data: dict[str, str], unit_code: str) -> dict[str, str]:
    """What the page's script posts for one row: that row's inputs only."""
    prefix = f"unit-{committee_pk(unit_code)}-"
    return {name: value for name, value in grid_data.items() if name.startswith(prefix)}


@pytest.fixture
def khun_ha_not_entered():
    Attendance.objects.get(conference=demo_conference(), unit__code=KHUN_HA).delete()


def test_a_unit_not_entered_shows_empty_cells_and_stays_unentered(staff_client, khun_ha_not_entered):
    response = staff_client.get(grid_url())
    row = table_row(response, "data-unit", KHUN_HA)
    figures = re.findall(r'<input type="number" name="([^"]+)"([^>]*)>', row)
    assert [name for name, _attrs in figures] == [cell(KHUN_HA, field) for field in ATTENDANCE_FIELDS]
    assert not [attrs for _name, attrs in figures if "value=" in attrs]  # "no figure yet", not "nobody came"
    before = attendance_snapshot()

    response = staff_client.post(grid_url(), grid_sent_back(response), follow=True)

    assert messages_of(response) == ["Không có thay đổi nào để lưu."]
    assert attendance_snapshot() == before
    assert not Attendance.objects.filter(conference=demo_conference(), unit__code=KHUN_HA).exists()


def test_a_row_begun_counts_its_empty_cells_as_nought(staff_client, khun_ha_not_entered):
    data = grid_sent_back(staff_client.get(grid_url()))
    data[cell(KHUN_HA, "party_members_expected")] = "31"
    data[cell(KHUN_HA, "party_members_attended")] = "30"

    response = staff_client.post(grid_url(), data, follow=True)

    assert messages_of(response) == ["Đã lưu số liệu tham dự của 1 đơn vị."]
    stored = Attendance.objects.get(conference=demo_conference(), unit__code=KHUN_HA)
    assert (stored.party_members_expected, stored.party_members_attended, stored.non_members_expected) == (31, 30, 0)


def test_a_stored_row_is_not_emptied(staff_client):
    data = grid_sent_back(staff_client.get(grid_url()))
    for field in ("party_members_expected", "party_members_attended", "non_members_expected"):
        data[cell(TA_LENG, field)] = ""
    for field in ("non_members_attended", "others"):
        data[cell(TA_LENG, field)] = ""
    before = attendance_snapshot()

    response = staff_client.post(grid_url(), data)

    assert "Dòng này đã có số liệu: không để trống cả dòng, nhập 0 nếu không có ai dự." in table_row(
        response, "data-unit", TA_LENG
    )
    assert attendance_snapshot() == before


def test_one_row_saves_alone_and_answers_its_new_version_and_the_totals(staff_client):
    grid = staff_client.get(grid_url())
    footer = dict(grid.context["column_totals"])
    data = row_data(grid_sent_back(grid), TA_LENG)
    data[cell(TA_LENG, "party_members_attended")] = "34"
    data[cell(KHUN_HA, "others")] = "9"  # another row's input, posted here by mistake: ignored
    stored = Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG)

    response = staff_client.post(row_url(TA_LENG), data)

    assert response.status_code == 200
    answer = response.json()
    assert (answer["state"], answer["message"], answer["version"]) == ("saved", "Đã lưu.", stored.version + 1)
    assert answer["column_totals"]["party_members_attended"] == footer["party_members_attended"] + 1
    assert answer["column_totals"]["others"] == footer["others"]
    stored.refresh_from_db()
    assert stored.party_members_attended == 34
    assert Attendance.objects.get(conference=demo_conference(), unit__code=KHUN_HA).others == 0

    again = staff_client.post(row_url(TA_LENG), {**data, cell(TA_LENG, "version"): str(answer["version"])})
    assert (again.status_code, again.json()["state"], again.json()["message"]) == (
        200,
        "unchanged",
        "Không có thay đổi.",
    )


def test_a_wrong_row_says_what_is_wrong_at_its_cells_and_saves_nothing(staff_client):
    data = row_data(grid_sent_back(staff_client.get(grid_url())), TA_LENG)
    data[cell(TA_LENG, "party_members_attended")] = "37"  # 36 were called
    data[cell(TA_LENG, "others")] = "ba"
    before = attendance_snapshot()

    response = staff_client.post(row_url(TA_LENG), data)

    assert response.status_code == 400
    assert response.json() == {
        "state": "invalid",
        "message": "Chưa lưu: xem các ô báo đỏ.",
        "errors": {
            cell(TA_LENG, "party_members_attended"): "Số đảng viên dự vượt số triệu tập.",
            cell(TA_LENG, "others"): "Chỉ nhập chữ số, không dấu chấm hay dấu phẩy, ví dụ 1200.",
        },
    }
    assert attendance_snapshot() == before


def test_a_figure_is_plain_digits_as_the_excel_import_reads_it(staff_client):
    data = row_data(grid_sent_back(staff_client.get(grid_url())), TA_LENG)
    before = attendance_snapshot()
    not_digits = "Chỉ nhập chữ số, không dấu chấm hay dấu phẩy, ví dụ 1200."
    for typed, message in [
        *((typed, not_digits) for typed in ("３６", "٣٦", "3_6", "+36", "36.0")),
        ("9" * 5000, "Số quá lớn: không quá 1.000.000."),
    ]:
        response = staff_client.post(row_url(TA_LENG), {**data, cell(TA_LENG, "party_members_attended"): typed})

        assert response.status_code == 400
        assert response.json()["errors"] == {cell(TA_LENG, "party_members_attended"): message}
    assert attendance_snapshot() == before


def test_a_row_someone_else_saved_meanwhile_is_refused_by_name(staff_client):
    data = row_data(grid_sent_back(staff_client.get(grid_url())), TA_LENG)
    stored = Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG)
    stored.others = 1
    stored.version += 1
    stored.save()
    data[cell(TA_LENG, "party_members_attended")] = "34"
    before = attendance_snapshot()

    response = staff_client.post(row_url(TA_LENG), data)

    assert response.status_code == 409
    assert response.json()["state"] == "refused"
    assert "số liệu của Đảng ủy xã Tả Lèng đã được người khác lưu" in response.json()["message"]
    assert attendance_snapshot() == before


def test_the_row_url_is_for_staff_posts_and_rows_in_their_scope(staff_client, client):
    assert staff_client.get(row_url(TA_LENG)).status_code == 405
    unknown = reverse("attendance_row", args=[demo_conference().pk, "unit-999999"])
    assert staff_client.post(unknown, {}).status_code == 404
    assert staff_client.post(reverse("attendance_row", args=[demo_conference().pk, "hang-1"]), {}).status_code == 404
    for key in ("unit-²", "unit-١٢", "site-" + "9" * 5000):  # digits no row key has: not found, never a 500
        assert staff_client.post(f"/hoi-nghi/{demo_conference().pk}/tham-du/dong/{key}/", {}).status_code == 404
    assert sign_in(client, SECRETARY).post(row_url(TA_LENG), {}).status_code == 403


def test_a_units_second_site_saves_its_line_test_on_its_own(staff_client):
    district = Committee.objects.get(code="tam-duong")
    hall = VideoSite.objects.create(committee=district, name="Điểm cầu Hội trường Huyện ủy", hall="Hội trường Huyện ủy")
    second = ConferenceSite.objects.create(conference=demo_conference(), site=hall)
    url = reverse("attendance_row", args=[demo_conference().pk, f"site-{second.pk}"])
    data = {
        f"site-{second.pk}-version": "0",
        f"site-{second.pk}-site_version": "1",
        f"site-{second.pk}-line_test": "passed",
    }

    response = staff_client.post(url, data)

    assert (response.status_code, response.json()["state"]) == (200, "saved")
    second.refresh_from_db()
    assert second.line_test == ConferenceSite.LineTest.PASSED


def test_a_key_past_any_database_key_is_not_found(staff_client):
    huge = reverse("attendance_row", args=[demo_conference().pk, "unit-" + "9" * 25])
    assert staff_client.post(huge, {}).status_code == 404


def test_a_row_costs_the_same_queries_however_many_units_the_grid_has(staff_client, django_assert_num_queries):
    data = row_data(grid_sent_back(staff_client.get(grid_url())), TA_LENG)
    data[cell(TA_LENG, "party_members_attended")] = "34"
    with django_assert_num_queries(18):
        assert staff_client.post(row_url(TA_LENG), data).status_code == 200
    district = Committee.objects.get(code="tam-duong")
    for n in range(20):  # twenty more units with sites in the conference
        unit = builders.committee(f"them-{n}", parent=district, name=f"Đảng ủy xã Thêm {n}")
        site = VideoSite.objects.create(committee=unit, name=f"Điểm cầu xã Thêm {n}")
        ConferenceSite.objects.create(conference=demo_conference(), site=site)
    data[cell(TA_LENG, "party_members_attended")] = "35"
    data[cell(TA_LENG, "version")] = str(
        Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG).version
    )
    with django_assert_num_queries(18):
        assert staff_client.post(row_url(TA_LENG), data).status_code == 200


def test_leading_zeros_are_read_away_as_the_excel_import_reads_them(staff_client):
    data = row_data(grid_sent_back(staff_client.get(grid_url())), TA_LENG)
    data[cell(TA_LENG, "party_members_attended")] = "0" * 3000 + "35"

    assert staff_client.post(row_url(TA_LENG), data).status_code == 200
    assert Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG).party_members_attended == 35
