"""The attendance grid of the demo's online conference of 04/12/2023: one row per unit, saved whole or not at all."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from conferences.models import Attendance, Committee, Conference, ConferenceSite, VideoSite
from tests import builders
from tests.staff_pages import STAFF, committee_pk, demo_conference, grid_url, messages_of, sent_back, table_row

pytestmark = pytest.mark.django_db


def grid_sent_back(response) -> dict[str, str]:
    return sent_back(form for _row, form in response.context["grid"])


def cell(unit_code: str, field: str) -> str:
    """A grid input's name: every row's fields are prefixed with its unit."""
    return f"unit-{committee_pk(unit_code)}-{field}"


def attendance_snapshot() -> tuple[list[dict], list[dict], int]:
    return (
        list(Attendance.objects.order_by("pk").values()),
        list(ConferenceSite.objects.order_by("pk").values()),
        Attendance.history.count(),
    )


def test_grid_lists_one_row_per_unit_with_a_site(staff_client):
    response = staff_client.get(grid_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<tr data-unit=") == 15
    assert [row.unit.code for row, _form in response.context["grid"]][:2] == ["tam-duong", "tam-duong-thi-tran"]
    for code in ("tam-duong", "tam-duong-ta-leng", "tam-duong-khun-ha", "tam-duong-trung-tam-y-te"):
        assert f'data-unit="{code}"' in content
    assert 'data-unit="tay-son' not in content
    ta_leng = table_row(response, "data-unit", "tam-duong-ta-leng")
    assert "Điểm cầu xã Tả Lèng" in ta_leng
    assert f'name="{cell("tam-duong-ta-leng", "party_members_attended")}" value="33"' in ta_leng


def test_one_bad_row_saves_nothing_and_is_shown_on_its_row(staff_client):
    data = grid_sent_back(staff_client.get(grid_url()))
    data[cell("tam-duong-khun-ha", "others")] = "2"  # a valid change, which must wait too
    data[cell("tam-duong-khun-ha", "line_test")] = "failed"
    data[cell("tam-duong-ta-leng", "party_members_attended")] = "37"  # 36 were called
    before = attendance_snapshot()

    response = staff_client.post(grid_url(), data)

    assert response.status_code == 200
    assert messages_of(response) == ["Chưa lưu: có dòng sai (Đảng ủy xã Tả Lèng), xem các ô báo đỏ bên dưới."]
    ta_leng = table_row(response, "data-unit", "tam-duong-ta-leng")
    assert 'class="table-danger"' in ta_leng
    assert "Số đảng viên dự vượt số triệu tập." in ta_leng
    bad_input = re.search(r'<input[^>]*name="[^"]*-party_members_attended"[^>]*>', ta_leng).group()
    assert "is-invalid" in bad_input  # the cell itself is marked red, as the message says
    assert response.content.decode().count("Số đảng viên dự vượt số triệu tập.") == 1
    assert "table-danger" not in table_row(response, "data-unit", "tam-duong-khun-ha")
    assert attendance_snapshot() == before


def test_a_negative_number_is_refused_the_same_way(staff_client):
    data = grid_sent_back(staff_client.get(grid_url()))
    data[cell("tam-duong-ta-leng", "party_members_attended")] = "34"
    data[cell("tam-duong-khun-ha", "others")] = "-1"
    before = attendance_snapshot()

    response = staff_client.post(grid_url(), data)

    assert response.status_code == 200
    assert messages_of(response) == ["Chưa lưu: có dòng sai (Đảng ủy xã Khun Há), xem các ô báo đỏ bên dưới."]
    assert "Không được nhập số âm." in table_row(response, "data-unit", "tam-duong-khun-ha")
    assert attendance_snapshot() == before


def test_a_valid_grid_saves_every_change_at_once_with_its_author(staff_client):
    staff = User.objects.get(username=STAFF)
    data = grid_sent_back(staff_client.get(grid_url()))
    data[cell("tam-duong-ta-leng", "party_members_attended")] = "34"
    data[cell("tam-duong-khun-ha", "others")] = "2"
    history_before = Attendance.history.count()

    response = staff_client.post(grid_url(), data, follow=True)

    assert response.redirect_chain == [(grid_url(), 302)]
    assert messages_of(response) == ["Đã lưu số liệu tham dự của 2 đơn vị."]
    ta_leng = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-ta-leng")
    khun_ha = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-khun-ha")
    assert (ta_leng.party_members_expected, ta_leng.party_members_attended, ta_leng.others) == (36, 34, 0)
    assert (khun_ha.party_members_attended, khun_ha.others) == (30, 2)
    # Only what changed is written, so the history lists changes and nothing else.
    assert Attendance.history.count() == history_before + 2
    for attendance, field in ((ta_leng, "party_members_attended"), (khun_ha, "others")):
        latest = attendance.history.latest()
        assert latest.history_user == staff
        assert latest.diff_against(latest.prev_record).changed_fields == [field]

    history = response.content.decode().split("Lịch sử thay đổi", 1)[1]
    assert history.count("Nguyễn Thị Hồng") == 2
    assert '<span class="text-muted">đảng viên tham dự:</span> 33 → 34' in history
    assert '<span class="text-muted">thành phần khác tham dự:</span> 0 → 2' in history
    # Named by its unit: the page names the conference once, above.
    assert '<td data-label="Bản ghi">Đảng ủy xã Tả Lèng</td>' in history


def test_a_units_second_site_has_a_row_of_its_own_for_line_test_and_incidents(staff_client):
    district = Committee.objects.get(code="tam-duong")
    hall = VideoSite.objects.create(committee=district, name="Điểm cầu Hội trường Huyện ủy", hall="Hội trường Huyện ủy")
    second = ConferenceSite.objects.create(conference=demo_conference(), site=hall)

    response = staff_client.get(grid_url())

    content = response.content.decode()
    assert content.count("<tr data-unit=") == 15  # the district's attendance stays one record, on one row
    row = table_row(response, "data-site", str(hall.pk))
    assert "Điểm cầu Hội trường Huyện ủy" in row
    assert f'name="site-{second.pk}-line_test"' in row
    assert "party_members_attended" not in row
    data = grid_sent_back(response)
    data[f"site-{second.pk}-line_test"] = ""
    before = attendance_snapshot()

    refused = staff_client.post(grid_url(), data)

    assert "Trường này là bắt buộc." in table_row(refused, "data-site", str(hall.pk))
    assert attendance_snapshot() == before

    data[f"site-{second.pk}-line_test"] = ConferenceSite.LineTest.PASSED
    data[f"site-{second.pk}-picture_lost"] = "on"
    response = staff_client.post(grid_url(), data, follow=True)

    assert messages_of(response) == ["Đã lưu số liệu tham dự của 1 đơn vị."]
    second.refresh_from_db()
    assert (second.line_test, second.picture_lost, second.sound_lost) == (ConferenceSite.LineTest.PASSED, True, False)
    assert attendance_snapshot()[0] == before[0]
    assert Attendance.objects.get(conference=demo_conference(), unit=district).site.name == "Điểm cầu Trung tâm huyện"


def test_a_grid_sent_back_unchanged_writes_nothing(staff_client):
    data = grid_sent_back(staff_client.get(grid_url()))
    before = attendance_snapshot()

    response = staff_client.post(grid_url(), data, follow=True)

    assert messages_of(response) == ["Không có thay đổi nào để lưu."]
    assert attendance_snapshot() == before


def test_grid_history_keeps_to_the_staff_members_district(staff_client):
    """A provincial conference: Tam Đường staff enter Tam Đường's rows and see only their history."""
    province = Committee.objects.get(code="lai-chau")
    phong_tho = builders.committee(
        "phong-tho", parent=province, kind=Committee.Kind.DISTRICT, name="Huyện ủy Phong Thổ"
    )
    campaign = builders.campaign(province, code="tu-tw8", name="Nghị quyết Trung ương 8 (Tỉnh ủy)")
    conference = builders.online_conference(campaign, level=Conference.Level.PROVINCE, host=province)
    for unit in (Committee.objects.get(code="tam-duong"), phong_tho):
        builders.attend(conference, unit, party_members_expected=90, party_members_attended=88)

    response = staff_client.get(reverse("attendance_grid", args=[conference.pk]))

    assert [row.unit.code for row, _form in response.context["grid"]] == ["tam-duong"]
    assert {entry.unit.code for entry in response.context["history"]} == {"tam-duong"}
    assert "Phong Thổ" not in response.content.decode()
