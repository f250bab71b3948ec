"""The Propaganda Department's own pages, as Nguyễn Thị Hồng of Tam Đường uses them.

She creates a campaign and its conferences, ticks off the preparation
checklist, enters the attendance grid and the absentee lists of the demo's
online conference of 04/12/2023. Tây Sơn is another district: she never sees it.
"""

import datetime
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from conferences.document_types import DocumentType
from conferences.models import (
    Absentee,
    Attendance,
    Campaign,
    Committee,
    Conference,
    ConferenceSite,
    DirectingDocument,
    PreparationStep,
    Resolution,
    VideoSite,
)
from tests import builders

pytestmark = pytest.mark.django_db

STAFF, LEADER, SECRETARY = "tuyengiao", "lanhdao", "bithu.taleng"
TAM_DUONG_CAMPAIGN, TAY_SON_CAMPAIGN = "tw8-khoa-xiii", "tw5-khoa-xiii"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
Step = PreparationStep.Step


def sign_in(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def staff_client(client, demo):
    return sign_in(client, STAFF)


def demo_conference() -> Conference:
    return Conference.objects.get(campaign__code=TAM_DUONG_CAMPAIGN)


def tay_son_conference() -> Conference:
    return Conference.objects.get(campaign__code=TAY_SON_CAMPAIGN)


def committee_pk(code: str) -> int:
    return Committee.objects.get(code=code).pk


def site_pk(name: str) -> int:
    return VideoSite.objects.get(name=name).pk


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def table_row(response, attribute: str, value: str) -> str:
    """The HTML of the one ``<tr>`` carrying ``attribute="value"``."""
    rows = re.findall(rf'<tr[^>]*\b{attribute}="{re.escape(value)}"[^>]*>.*?</tr>', response.content.decode(), re.S)
    assert len(rows) == 1, f"{len(rows)} rows with {attribute}={value}"
    return rows[0]


def sent_back(rendered: Iterable[forms.BaseForm]) -> dict[str, str]:
    """What the browser posts for these forms left exactly as rendered."""
    data = {}
    for form in rendered:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = "" if value is None else str(value)
    return data


def grid_sent_back(response) -> dict[str, str]:
    return sent_back(form for _row, form in response.context["grid"])


def formset_sent_back(response) -> dict[str, str]:
    formset = response.context["formset"]
    management = {formset.management_form.add_prefix(k): str(v) for k, v in formset.management_form.initial.items()}
    return {**management, **sent_back(formset.forms)}


def cell(unit_code: str, field: str) -> str:
    """A grid input's name: every row's fields are prefixed with its unit."""
    return f"unit-{committee_pk(unit_code)}-{field}"


def attendance_snapshot() -> tuple[list[dict], list[dict], int]:
    return (
        list(Attendance.objects.order_by("pk").values()),
        list(ConferenceSite.objects.order_by("pk").values()),
        Attendance.history.count(),
    )


def record_counts() -> dict[str, int]:
    models = (Campaign, DirectingDocument, Conference, ConferenceSite, PreparationStep, Attendance, Absentee)
    return {model.__name__: model.objects.count() for model in models}


# 1. Campaigns --------------------------------------------------------------------------------------------------


def campaign_data(**changes) -> dict:
    return {
        "code": "nq42-43-co-so",
        "name": "Nghị quyết số 42-NQ/TW và Nghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII",
        "short_name": "Nghị quyết 42, 43",
        "committee": committee_pk("tam-duong"),
        "resolutions": list(
            Resolution.objects.filter(number__in=["42-NQ/TW", "43-NQ/TW"]).values_list("pk", flat=True)
        ),
        "starts_on": "2024-03-01",
        "ends_on": "2024-04-30",
        "reporting_deadline": "2024-04-15",
        "participation_threshold": "95",
        "plan_number": "245-KH/HU",
        "plan_date": "2024-02-26",
        "plan_subject": "",
        **changes,
    }


def test_staff_create_a_campaign_with_its_resolutions_and_plan(staff_client):
    response = staff_client.post(reverse("campaign_new"), campaign_data(), follow=True)

    campaign = Campaign.objects.get(code="nq42-43-co-so")
    assert response.redirect_chain == [(reverse("campaign_detail", args=[campaign.code]), 302)]
    assert messages_of(response) == ["Đã tạo đợt học tập “Nghị quyết 42, 43”."]
    assert campaign.committee.code == "tam-duong"
    assert (campaign.starts_on, campaign.ends_on, campaign.reporting_deadline) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 4, 30),
        datetime.date(2024, 4, 15),
    )
    assert sorted(campaign.resolutions.values_list("number", flat=True)) == ["42-NQ/TW", "43-NQ/TW"]
    plan = campaign.directing_documents.get()
    assert (plan.kind, plan.number, plan.issued_on, plan.issuer, plan.from_superior) == (
        DocumentType.PLAN,
        "245-KH/HU",
        datetime.date(2024, 2, 26),
        "Ban Thường vụ Huyện ủy Tam Đường",
        False,
    )
    assert plan.subject == f"về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện {campaign.name}"
    assert "Kế hoạch số 245-KH/HU, ngày 26/02/2024 của Ban Thường vụ Huyện ủy Tam Đường" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2024-02-29"}, "ends_on", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"reporting_deadline": "2024-02-28"}, "reporting_deadline", "Hạn báo cáo không được trước ngày bắt đầu."),
    ],
    ids=["ends-before-start", "deadline-before-start"],
)
def test_campaign_dates_out_of_order_are_refused_on_their_field(staff_client, changes, field, message):
    before = record_counts()

    response = staff_client.post(reverse("campaign_new"), campaign_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert record_counts() == before


def test_campaign_committee_is_chosen_within_the_staff_members_district(staff_client):
    offered = staff_client.get(reverse("campaign_new")).context["form"].fields["committee"].queryset
    codes = set(offered.values_list("code", flat=True))
    assert {"tam-duong", "tam-duong-ta-leng", "tam-duong-thi-tran-thcs"} <= codes
    assert not {"lai-chau", "tay-son", "tay-son-binh-hoa"} & codes
    before = record_counts()

    response = staff_client.post(reverse("campaign_new"), campaign_data(committee=committee_pk("tay-son")))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "committee": ["Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."]
    }
    assert record_counts() == before


# 2. Conferences ------------------------------------------------------------------------------------------------


def conference_data(**changes) -> dict:
    return {
        "title": "Hội nghị cán bộ chủ chốt huyện quán triệt Nghị quyết Trung ương 8",
        "level": Conference.Level.DISTRICT,
        "format": Conference.Format.ONLINE,
        "date": "2023-12-12",
        "host": committee_pk("tam-duong"),
        "speakers": "Đồng chí Bí thư Huyện ủy",
        "audience": "Cán bộ chủ chốt huyện và các xã, thị trấn",
        "sites": [site_pk("Điểm cầu Trung tâm huyện"), site_pk("Điểm cầu xã Tả Lèng")],
        **changes,
    }


def conference_new_url() -> str:
    return reverse("conference_new", args=[TAM_DUONG_CAMPAIGN])


def test_staff_create_an_online_conference_with_two_sites(staff_client):
    response = staff_client.post(conference_new_url(), conference_data(), follow=True)

    conference = Conference.objects.get(title="Hội nghị cán bộ chủ chốt huyện quán triệt Nghị quyết Trung ương 8")
    assert response.redirect_chain == [(reverse("conference_detail", args=[conference.pk]), 302)]
    assert messages_of(response) == ["Đã tạo hội nghị."]
    assert (conference.campaign.code, conference.date, conference.level, conference.format, conference.host.code) == (
        TAM_DUONG_CAMPAIGN,
        datetime.date(2023, 12, 12),
        Conference.Level.DISTRICT,
        Conference.Format.ONLINE,
        "tam-duong",
    )
    assert sorted(conference.conference_sites.values_list("site__name", "line_test")) == [
        ("Điểm cầu Trung tâm huyện", ConferenceSite.LineTest.PENDING),
        ("Điểm cầu xã Tả Lèng", ConferenceSite.LineTest.PENDING),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"date": "2024-02-01"},
            "date",
            "Ngày tổ chức phải trong thời gian của đợt học tập (01/12/2023 – 31/01/2024).",
        ),
        (
            {"date": "2023-11-30"},
            "date",
            "Ngày tổ chức phải trong thời gian của đợt học tập (01/12/2023 – 31/01/2024).",
        ),
        ({"sites": []}, "sites", "Hội nghị trực tuyến cần ít nhất một điểm cầu."),
    ],
    ids=["after-the-campaign", "before-the-campaign", "online-without-sites"],
)
def test_conference_form_refuses_in_vietnamese_and_creates_nothing(staff_client, changes, field, message):
    before = record_counts()

    response = staff_client.post(conference_new_url(), conference_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert record_counts() == before


def test_conference_form_offers_only_the_districts_sites(staff_client):
    response = staff_client.get(conference_new_url())

    offered = response.context["form"].fields["sites"].queryset
    assert offered.count() == 15
    assert all(code.startswith("tam-duong") for code in offered.values_list("committee__code", flat=True))
    assert "Điểm cầu xã Tả Lèng" in response.content.decode()
    assert "Điểm cầu xã Bình Hòa" not in response.content.decode()
    before = record_counts()

    tay_son_site = site_pk("Điểm cầu xã Bình Hòa")
    response = staff_client.post(conference_new_url(), conference_data(sites=[tay_son_site]))

    errors = response.context["form"].errors
    assert list(errors) == ["sites"]
    assert (
        f"Hãy chọn một lựa chọn hợp lệ. {tay_son_site} không phải là một trong các lựa chọn khả thi." in errors["sites"]
    )
    assert record_counts() == before


# 3. Preparation checklist --------------------------------------------------------------------------------------


def new_conference(date: datetime.date) -> Conference:
    """A new online conference of the centre, nothing prepared yet."""
    return builders.online_conference(Campaign.objects.get(code=TAM_DUONG_CAMPAIGN), date=date, title="Hội nghị mới")


def step_row(response, step: str) -> tuple[str, str]:
    """(class, text) of one checklist row."""
    row = table_row(response, "data-step", step)
    return re.search(r'class="([^"]*)"', row).group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


# 06:30 in Tam Đường is still the day before in UTC: "today" must be the local day.
@time_machine.travel(datetime.datetime(2024, 1, 10, 6, 30, tzinfo=LOCAL), tick=False)
def test_checklist_shows_due_dates_and_marks_what_is_late(staff_client):
    conference = new_conference(datetime.date(2024, 1, 10))
    PreparationStep.objects.create(
        conference=conference,
        committee=conference.campaign.committee,
        step=Step.INVITATIONS,
        completed_on=datetime.date(2024, 1, 6),
    )

    response = staff_client.get(reverse("conference_detail", args=[conference.pk]))

    assert response.status_code == 200
    rows = {step: step_row(response, step) for step in Step.values}
    assert rows == {
        Step.INVITATIONS: ("table-success", "Phát hành giấy mời 07/01/2024 Đã xong 06/01/2024 Bỏ đánh dấu"),
        Step.LINE_TEST: ("table-danger", "Thử đường truyền 09/01/2024 Quá hạn Đánh dấu đã xong"),
        Step.SEATING: ("table-danger", "Trang trí hội trường, bố trí chỗ ngồi 09/01/2024 Quá hạn Đánh dấu đã xong"),
        Step.HEADCOUNT: (
            "table-danger",
            "Chốt và báo cáo số lượng đại biểu dự kiến lên cấp trên 09/01/2024 Quá hạn Đánh dấu đã xong",
        ),
        Step.ATTENDEE_LIST: ("", "Lập danh sách đại biểu tham dự 11/01/2024 Chưa đến hạn Đánh dấu đã xong"),
        Step.ABSENTEE_LIST: ("", "Lập danh sách đại biểu không tham dự 11/01/2024 Chưa đến hạn Đánh dấu đã xong"),
    }
    assert response.content.decode().count("Quá hạn") == 3


@time_machine.travel(datetime.datetime(2024, 1, 9, 15, 0, tzinfo=LOCAL), tick=False)
def test_ticking_a_step_records_today_and_undo_removes_it(staff_client):
    conference = new_conference(datetime.date(2024, 1, 10))
    step_url, page = (
        reverse("conference_step", args=[conference.pk]),
        reverse("conference_detail", args=[conference.pk]),
    )

    response = staff_client.post(step_url, {"step": Step.LINE_TEST}, follow=True)

    assert response.redirect_chain == [(page, 302)]
    assert list(conference.preparation_steps.values_list("step", "completed_on")) == [
        (Step.LINE_TEST, datetime.date(2024, 1, 9))
    ]
    assert step_row(response, Step.LINE_TEST) == (
        "table-success",
        "Thử đường truyền 09/01/2024 Đã xong 09/01/2024 Bỏ đánh dấu",
    )

    response = staff_client.post(step_url, {"step": Step.LINE_TEST, "undo": "1"}, follow=True)

    assert not conference.preparation_steps.exists()
    assert step_row(response, Step.LINE_TEST) == ("", "Thử đường truyền 09/01/2024 Chưa đến hạn Đánh dấu đã xong")


@time_machine.travel(datetime.datetime(2024, 1, 9, 15, 0, tzinfo=LOCAL), tick=False)
def test_an_unknown_step_is_refused_and_changes_nothing(staff_client):
    conference = new_conference(datetime.date(2024, 1, 10))
    PreparationStep.objects.create(
        conference=conference,
        committee=conference.campaign.committee,
        step=Step.INVITATIONS,
        completed_on=datetime.date(2024, 1, 6),
    )
    before = list(PreparationStep.objects.values())

    response = staff_client.post(reverse("conference_step", args=[conference.pk]), {"step": "phat-thanh"}, follow=True)

    assert response.redirect_chain == [(reverse("conference_detail", args=[conference.pk]), 302)]
    assert messages_of(response) == ["Bước chuẩn bị không hợp lệ."]
    assert "Bước chuẩn bị không hợp lệ." in response.content.decode()
    assert list(PreparationStep.objects.values()) == before


# 4. Attendance grid --------------------------------------------------------------------------------------------


def grid_url() -> str:
    return reverse("attendance_grid", args=[demo_conference().pk])


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
    assert messages_of(response) == ["Chưa lưu: có dòng sai, xem các ô báo đỏ bên dưới."]
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
    assert messages_of(response) == ["Chưa lưu: có dòng sai, xem các ô báo đỏ bên dưới."]
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


# 5. Absentees --------------------------------------------------------------------------------------------------


def absentee_url(unit_code: str = "tam-duong-ta-leng", conference: Conference | None = None) -> str:
    return reverse("absentee_list", args=[(conference or demo_conference()).pk, unit_code])


def test_staff_list_and_strike_off_a_units_absentees(staff_client):
    data = formset_sent_back(staff_client.get(absentee_url()))
    data.update(
        {
            "form-0-name": "Lò Văn Pình",
            "form-0-position": "Phó Chủ tịch Ủy ban nhân dân xã",
            "form-0-reason": "Đi công tác tỉnh",
            "form-1-name": "Tẩn Thị Chiêm",
            "form-1-position": "Công chức Văn phòng - Thống kê xã",
            "form-1-is_party_member": "",
            "form-1-reason": "Nghỉ sinh con",
        }
    )

    response = staff_client.post(absentee_url(), data, follow=True)

    assert response.redirect_chain == [(absentee_url(), 302)]
    assert messages_of(response) == ["Đã lưu danh sách vắng mặt."]
    ta_leng = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-ta-leng")
    assert list(ta_leng.absentees.values_list("name", "is_party_member", "reason")) == [
        ("Lò Văn Pình", True, "Đi công tác tỉnh"),
        ("Tẩn Thị Chiêm", False, "Nghỉ sinh con"),
    ]
    others_before = Absentee.objects.exclude(attendance=ta_leng).count()

    data = formset_sent_back(response)
    struck_off = next(i for i, form in enumerate(response.context["formset"]) if form.instance.name == "Tẩn Thị Chiêm")
    data[f"form-{struck_off}-DELETE"] = "on"
    response = staff_client.post(absentee_url(), data)

    assert response.status_code == 302
    assert list(ta_leng.absentees.values_list("name", flat=True)) == ["Lò Văn Pình"]
    assert Absentee.objects.exclude(attendance=ta_leng).count() == others_before


def test_absentees_of_tay_son_are_not_found(staff_client):
    assert staff_client.get(absentee_url("tay-son-binh-hoa", tay_son_conference())).status_code == 404
    assert staff_client.get(absentee_url("tay-son-binh-hoa")).status_code == 404


# 6. Who may open these pages -----------------------------------------------------------------------------------


def staff_requests() -> list[tuple[str, str, dict]]:
    """(method, url, data) of every staff page of the demo, each with a valid body for POST."""
    conference = demo_conference()
    grid, absentees = grid_url(), absentee_url()
    return [
        ("get", reverse("campaign_new"), {}),
        ("post", reverse("campaign_new"), campaign_data()),
        ("get", conference_new_url(), {}),
        ("post", conference_new_url(), conference_data()),
        ("get", reverse("campaign_edit", args=[TAM_DUONG_CAMPAIGN]), {}),
        ("post", reverse("campaign_edit", args=[TAM_DUONG_CAMPAIGN]), campaign_data(code=TAM_DUONG_CAMPAIGN)),
        ("get", reverse("conference_edit", args=[conference.pk]), {}),
        ("get", reverse("campaign_documents", args=[TAM_DUONG_CAMPAIGN]), {}),
        ("post", reverse("campaign_documents", args=[TAM_DUONG_CAMPAIGN]), {"form-TOTAL_FORMS": "0"}),
        ("post", reverse("conference_edit", args=[conference.pk]), conference_data()),
        ("get", reverse("conference_detail", args=[conference.pk]), {}),
        ("post", reverse("conference_step", args=[conference.pk]), {"step": Step.INVITATIONS, "undo": "1"}),
        ("get", grid, {}),
        ("post", grid, {}),
        ("get", absentees, {}),
        ("post", absentees, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "Lò Văn Pình"}),
    ]


@pytest.mark.parametrize("username", [LEADER, SECRETARY])
def test_leaders_and_unit_secretaries_are_refused_every_staff_page(client, demo, username):
    sign_in(client, username)
    before = record_counts()

    for method, url, data in staff_requests():
        assert getattr(client, method)(url, data).status_code == 403, (method, url)

    assert record_counts() == before


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    before = record_counts()

    for method, url, data in staff_requests():
        response = getattr(client, method)(url, data)
        assert (response.status_code, response["Location"]) == (302, f"/tai-khoan/dang-nhap/?next={url}"), url

    assert record_counts() == before


def test_tay_son_is_not_found_for_tam_duong_staff(staff_client):
    conference = tay_son_conference()
    before = record_counts()

    for method, url in [
        ("get", reverse("conference_new", args=[TAY_SON_CAMPAIGN])),
        ("post", reverse("conference_new", args=[TAY_SON_CAMPAIGN])),
        ("get", reverse("campaign_edit", args=[TAY_SON_CAMPAIGN])),
        ("post", reverse("campaign_edit", args=[TAY_SON_CAMPAIGN])),
        ("get", reverse("conference_edit", args=[conference.pk])),
        ("get", reverse("campaign_documents", args=[TAY_SON_CAMPAIGN])),
        ("post", reverse("campaign_documents", args=[TAY_SON_CAMPAIGN])),
        ("post", reverse("conference_edit", args=[conference.pk])),
        ("get", reverse("conference_detail", args=[conference.pk])),
        ("post", reverse("conference_step", args=[conference.pk])),
        ("get", reverse("attendance_grid", args=[conference.pk])),
        ("post", reverse("attendance_grid", args=[conference.pk])),
        ("get", absentee_url("tay-son", conference)),
        ("post", absentee_url("tay-son", conference)),
    ]:
        assert getattr(staff_client, method)(url, {"step": Step.INVITATIONS}).status_code == 404, (method, url)

    assert record_counts() == before
