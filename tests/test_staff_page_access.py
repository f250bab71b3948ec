"""Who may open the staff pages: Tam Đường's staff only, and never on Tây Sơn's campaign."""

import pytest
from django.urls import reverse

from conferences.models import PreparationStep
from tests.staff_pages import (
    LEADER,
    SECRETARY,
    TAM_DUONG_CAMPAIGN,
    TAY_SON_CAMPAIGN,
    absentee_url,
    campaign_data,
    conference_data,
    conference_new_url,
    demo_conference,
    grid_url,
    record_counts,
    sign_in,
    tay_son_conference,
)

pytestmark = pytest.mark.django_db

Step = PreparationStep.Step


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
