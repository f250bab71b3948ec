"""A unit secretary reports; staff accept or return; the figures follow at once."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import resolve, reverse

from accounts.models import User
from reporting.figures.formatting import format_ratio
from reporting.figures.selectors import campaign_figures, pending_figures
from reporting.models import Organisation, UnitResult
from reporting.models.organisations import DEFAULT_ORGANISATIONS
from tests import builders

pytestmark = pytest.mark.django_db

# Each usual organisation's figures, asked for before sending: none held is 0.
NO_OUTREACH = {f"org-{code}-{figure}": "0" for code in DEFAULT_ORGANISATIONS for figure in ("sessions", "people")}
FIGURES = {
    "held_from": "2023-12-10",
    "held_to": "2023-12-20",
    "conferences_online": "1",
    "conferences_in_person": "1",
    "conferences_replay": "0",
    "conferences_other": "0",
    "cell_meetings": "9",
    "party_members_total": "160",
    "party_members_attended": "155",
    "non_members_total": "30",
    "non_members_attended": "29",
    "people": "184",
    "propaganda_sessions": "8",
    "propaganda_people": "530",
    "radio_tv_news": "0",
    "radio_tv_articles": "0",
    "radio_tv_minutes": "0",
    "action_programmes": "1",
    "implementation_plans": "1",
    "notes": "",
    **NO_OUTREACH,
    "org-mttq-sessions": "1",
    "org-mttq-people": "28",
    "org-doan-thanh-nien-sessions": "14",
    "org-doan-thanh-nien-people": "100",
}


@pytest.fixture
def district():
    root, (commune, other) = builders.district(communes=2, party_members=160, non_member_staff=30)
    campaign = builders.campaign(root)
    users = {
        "secretary": User.objects.create_user("bithu", role=User.Role.UNIT_SECRETARY, committee=commune),
        "staff": User.objects.create_user(
            "tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root, first_name="Hồng", last_name="Nguyễn Thị"
        ),
    }
    return root, commune, other, campaign, users


def page(campaign, unit) -> str:
    return reverse("unit_result", args=[campaign.code, unit.code])


ACTIONS = {
    "save": "unit_result_save",
    "submit": "unit_result_submit",
    "accept": "unit_result_accept",
    "return": "unit_result_return",
}


def post(client, user, url, *, action: str, **data):
    """``action`` on the result at ``url``, as ``user``; a result form sends back the version it was opened with."""
    client.force_login(user)
    if action in ("save", "submit"):
        data.setdefault("version", stored_version())
    return client.post(reverse(ACTIONS[action], kwargs=resolve(url).kwargs), data)


def stored_version() -> int:
    result = UnitResult.objects.first()
    return result.version if result else 0


def test_a_new_result_starts_from_the_units_head_counts(client, district):
    _, commune, _, campaign, users = district
    client.force_login(users["secretary"])
    response = client.get(page(campaign, commune))
    form = response.context["form"]
    assert (form.initial["party_members_total"], form.initial["non_members_total"]) == (160, 30)
    assert '<a href="/" id="back-home">← Việc cần làm</a>' in response.content.decode()  # the way back, always


def test_save_draft_then_submit_with_a_timestamp(client, district):
    root, commune, _, campaign, users = district
    url = page(campaign, commune)
    response = post(client, users["secretary"], url, action="save", **FIGURES)
    assert response.status_code == 302
    result = UnitResult.objects.get(unit=commune)
    assert (result.status, result.submitted_at) == (UnitResult.Status.DRAFT, None)
    assert format_ratio(campaign_figures(campaign=campaign, committee=root).party_members) == "0/0"

    with time_machine.travel(datetime.datetime(2024, 1, 12, 9, 30, tzinfo=datetime.UTC), tick=False):
        post(client, users["secretary"], url, action="submit", **FIGURES)
    result.refresh_from_db()
    assert result.status == UnitResult.Status.SUBMITTED
    assert result.submitted_at == datetime.datetime(2024, 1, 12, 9, 30, tzinfo=datetime.UTC)
    # Sent, not yet reviewed: waiting, not counted.
    assert format_ratio(campaign_figures(campaign=campaign, committee=root).party_members) == "0/0"
    assert format_ratio(pending_figures(campaign=campaign, committee=root).party_members) == "155/160 đạt 96,9%"
    post(client, users["staff"], url, action="accept")
    figures = campaign_figures(campaign=campaign, committee=root)
    assert format_ratio(figures.party_members) == "155/160 đạt 96,9%"
    assert [(o.organisation, o.sessions, o.people) for o in figures.outreach] == [
        ("Ủy ban Mặt trận Tổ quốc", 1, 28),
        ("Đoàn Thanh niên", 14, 100),
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("party_members_attended", "161", "Số đảng viên tham gia vượt tổng số đảng viên."),
        ("non_members_attended", "31", "Số người tham gia vượt tổng số chưa là đảng viên."),
        ("cell_meetings", "-1", "Không được nhập số âm."),
        ("people", "100", "Số người tham gia phải ít nhất bằng số đảng viên và người chưa là đảng viên tham gia."),
        ("held_from", "2023-11-30", "Ngày phải trong thời gian đợt học tập (01/12/2023 – 31/01/2024)."),
        ("held_to", "2023-12-01", "Ngày kết thúc không được trước ngày bắt đầu."),
        ("org-mttq-people", "-5", "Không được nhập số âm."),
    ],
)
def test_bad_figures_are_shown_on_their_field_and_nothing_is_saved(client, district, field, value, message):
    _, commune, _, campaign, users = district
    response = post(client, users["secretary"], page(campaign, commune), action="submit", **{**FIGURES, field: value})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Chưa gửi: kiểm tra các ô báo đỏ." in content
    assert not UnitResult.objects.exists()


def test_another_organisation_can_be_added_by_name(client, district):
    _, commune, _, campaign, users = district
    data = {**FIGURES, "other-0-name": "Hội Người cao tuổi", "other-0-sessions": "2", "other-0-people": "60"}
    post(client, users["secretary"], page(campaign, commune), action="save", **data)
    organisation = Organisation.objects.get(name="Hội Người cao tuổi")
    assert organisation.outreach.get().people == 60

    missing_name = {**FIGURES, "other-1-sessions": "3"}
    response = post(client, users["secretary"], page(campaign, commune), action="save", **missing_name)
    assert "Nhập tên tổ chức." in response.content.decode()


def test_accepted_results_are_locked_and_a_returned_one_can_be_resubmitted(client, district):
    root, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(client, users["secretary"], url, action="submit", **FIGURES)

    post(client, users["staff"], url, action="accept")
    result = UnitResult.objects.get(unit=commune)
    assert (result.status, result.reviewed_by) == (UnitResult.Status.ACCEPTED, users["staff"])

    response = post(client, users["secretary"], url, action="save", **{**FIGURES, "party_members_attended": "100"})
    assert "Kết quả đã gửi hoặc đã được tiếp nhận, không sửa được nữa." in response.content.decode()
    result.refresh_from_db()
    assert result.party_members_attended == 155

    response = post(client, users["staff"], url, action="return", reason="")
    result.refresh_from_db()
    assert result.status == UnitResult.Status.ACCEPTED  # a return needs a reason
    post(client, users["staff"], url, action="return", reason="Sai tổng số đảng viên")
    result.refresh_from_db()
    assert (result.status, result.return_reason) == (UnitResult.Status.RETURNED, "Sai tổng số đảng viên")
    assert format_ratio(campaign_figures(campaign=campaign, committee=root).party_members) == "0/0"

    client.force_login(users["secretary"])
    assert "Sai tổng số đảng viên" in client.get(url).content.decode()
    post(client, users["secretary"], url, action="submit", **{**FIGURES, "party_members_total": "158"})
    result.refresh_from_db()
    assert result.status == UnitResult.Status.SUBMITTED
    assert result.first_submitted_at < result.submitted_at  # sent again: as timely as the first sending
    post(client, users["staff"], url, action="accept")
    assert format_ratio(campaign_figures(campaign=campaign, committee=root).party_members) == "155/158 đạt 98,1%"


def test_roles_cannot_take_each_others_actions(client, district):
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    assert post(client, users["staff"], url, action="submit", **FIGURES).status_code == 403
    post(client, users["secretary"], url, action="submit", **FIGURES)
    assert post(client, users["secretary"], url, action="accept").status_code == 403
    assert UnitResult.objects.get().status == UnitResult.Status.SUBMITTED


def test_every_change_keeps_who_when_and_the_old_and_new_values(client, district):
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(client, users["secretary"], url, action="save", **FIGURES)
    post(client, users["secretary"], url, action="submit", **{**FIGURES, "party_members_attended": "150"})

    latest, first = UnitResult.objects.get().history.order_by("-history_date")[:2]
    assert latest.history_user == users["secretary"]
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(first).changes}
    assert changes["party_members_attended"] == (155, 150)
    assert changes["status"] == ("draft", "submitted")

    client.force_login(users["staff"])
    content = client.get(url).content.decode()
    assert "Lịch sử thay đổi" in content
    assert "đảng viên tham gia:</span> 155 → 150" in content
    # Stored codes read as people read them: a status by its label, nothing as —.
    assert "trạng thái:</span> Nháp → Đã gửi" in content
    assert "thời điểm gửi:</span> — →" in content


def test_the_history_names_the_reviewer_not_their_number(client, district):
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(client, users["secretary"], url, action="submit", **FIGURES)
    post(client, users["staff"], url, action="accept")
    content = client.get(url).content.decode()
    assert "người xem xét:</span> — → Nguyễn Thị Hồng" in content
    assert "trạng thái:</span> Đã gửi → Đã tiếp nhận" in content
    # Times to the second: a return and an acceptance within one minute still read as two.
    assert re.search(r"thời điểm xem xét:</span> — → \d\d:\d\d:\d\d \d\d/\d\d/\d{4}</div>", content)
    # Closed to the unit, not to staff, who may still return it: the page says both, each to whom it concerns.
    assert "; đơn vị không sửa được nữa. Nếu cần sửa, trả lại cho đơn vị ở cuối trang." in content
    client.force_login(users["secretary"])
    mine = client.get(url).content.decode()
    assert "; đơn vị không sửa được nữa." in mine and "trả lại cho đơn vị" not in mine


def test_secretary_cannot_open_another_units_result(client, district):
    _, _, other, campaign, users = district
    client.force_login(users["secretary"])
    assert client.get(page(campaign, other)).status_code == 404
    assert get_user_model().objects.count() == 2
