"""The conference page's preparation checklist: due dates, late steps, ticking and undoing."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conferences.models import Campaign, Conference, PreparationStep
from tests import builders
from tests.staff_pages import TAM_DUONG_CAMPAIGN, messages_of, table_row

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
Step = PreparationStep.Step


def new_conference(date: datetime.date) -> Conference:
    """A new online conference of the centre, nothing prepared yet."""
    return builders.online_conference(Campaign.objects.get(code=TAM_DUONG_CAMPAIGN), date=date, title="Hội nghị mới")


def step_row(response, step: str) -> tuple[str, str]:
    """(class, text) of one checklist row."""
    row = table_row(response, "data-step", step)
    return re.search(r'class="([^"]*)"', row).group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def step_error(response, step: str) -> str:
    """The error said in one checklist row's box."""
    return re.search(rf'id="step-error-{step}">([^<]*)<', table_row(response, "data-step", step)).group(1)


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
    # Nobody entered attendance yet: said so, not "0 điểm cầu với 0 đại biểu" above its list of sites.
    assert '<p id="conference-totals">Chưa nhập số liệu tham dự.</p>' in response.content.decode()


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


@time_machine.travel(datetime.datetime(2024, 1, 8, 9, 0, tzinfo=LOCAL), tick=False)
def test_the_to_do_list_counts_the_steps_each_conference_has(staff_client):
    """A district's own online conference has no head-count to report upward: five steps, not six."""
    campaign = Campaign.objects.get(code=TAM_DUONG_CAMPAIGN)
    own = builders.online_conference(campaign, date=datetime.date(2024, 1, 10), title="Hội nghị của huyện")
    own.level = Conference.Level.DISTRICT
    own.save()
    for step in (Step.INVITATIONS, Step.LINE_TEST, Step.SEATING, Step.ATTENDEE_LIST, Step.ABSENTEE_LIST):
        PreparationStep.objects.create(
            conference=own, committee=campaign.committee, step=step, completed_on=datetime.date(2024, 1, 8)
        )
    new_conference(datetime.date(2024, 1, 11))
    page = re.sub(r"\s+", " ", staff_client.get(reverse("home")).content.decode())
    assert "Hội nghị của huyện</a>, 10/01/2024 — đã làm 5/5 bước chuẩn bị" in page
    assert "Hội nghị mới</a>, 11/01/2024 — đã làm 0/6 bước chuẩn bị" in page


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=LOCAL), tick=False)
def test_a_step_entered_after_the_fact_keeps_the_day_it_was_done(staff_client):
    conference = new_conference(datetime.date(2024, 1, 10))
    step_url = reverse("conference_step", args=[conference.pk])
    page = staff_client.get(reverse("conference_detail", args=[conference.pk])).content.decode()
    # Held already: the day is asked for, not taken as today.
    assert 'name="completed_on" value="" max="2026-11-30"' in page
    unsaid = staff_client.post(step_url, {"step": Step.INVITATIONS}, follow=True)
    assert step_error(unsaid, Step.INVITATIONS) == "Hội nghị đã diễn ra: ghi ngày bước này được làm xong."
    assert not conference.preparation_steps.exists()

    done = staff_client.post(step_url, {"step": Step.INVITATIONS, "completed_on": "2024-01-05"}, follow=True)

    assert step_row(done, Step.INVITATIONS) == (
        "table-success",
        "Phát hành giấy mời 07/01/2024 Đã xong 05/01/2024 Bỏ đánh dấu",
    )
    before = list(PreparationStep.objects.values())
    for day, message in (
        ("2026-12-01", "Ngày hoàn thành không được sau hôm nay."),
        ("2023-09-01", "Ngày hoàn thành quá xa trước ngày hội nghị; xem lại ngày."),
        ("05/13/2024", "Ngày hoàn thành không hợp lệ."),
        ("2024-01-11", "Bước này làm trước hội nghị (10/01/2024): ngày hoàn thành không được sau ngày hội nghị."),
    ):
        refused = staff_client.post(step_url, {"step": Step.SEATING, "completed_on": day}, follow=True)
        # Said in the step's own box, with what was typed kept there; once.
        row = table_row(refused, "data-step", Step.SEATING)
        assert f'name="completed_on" value="{day}"' in row and 'aria-invalid="true"' in row
        assert step_error(refused, Step.SEATING) == message
        assert messages_of(refused) == []
        again = staff_client.get(reverse("conference_detail", args=[conference.pk]))
        assert 'name="completed_on" value="" max=' in table_row(again, "data-step", Step.SEATING)
    assert list(PreparationStep.objects.values()) == before
    # A list of those who came is made after the conference.
    listed = staff_client.post(step_url, {"step": Step.ATTENDEE_LIST, "completed_on": "2024-01-11"}, follow=True)
    assert step_row(listed, Step.ATTENDEE_LIST)[1].startswith(
        "Lập danh sách đại biểu tham dự 11/01/2024 Đã xong 11/01/2024"
    )


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=LOCAL), tick=False)
def test_a_refused_date_is_said_above_the_list_when_its_step_shows_no_box_and_keeps_only_date_characters(
    staff_client,
):
    conference = new_conference(datetime.date(2024, 1, 10))
    step_url = reverse("conference_step", args=[conference.pk])
    staff_client.post(step_url, {"step": Step.SEATING, "completed_on": "2024-01-09"})
    # Done already, so its row has no date box: the refusal is said above the list instead of being lost.
    refused = staff_client.post(step_url, {"step": Step.SEATING, "completed_on": "2099-01-01"}, follow=True)
    assert messages_of(refused) == ["Ngày hoàn thành không được sau hôm nay."]
    assert 'id="step-error-' not in refused.content.decode()

    typed = staff_client.post(step_url, {"step": Step.INVITATIONS, "completed_on": "\x00<b>2024\u202e"}, follow=True)
    assert 'name="completed_on" value="2024"' in table_row(typed, "data-step", Step.INVITATIONS)
