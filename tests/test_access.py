"""Every page, for every role: own unit, another unit, above one's role."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conferences.models import Conference

pytestmark = pytest.mark.django_db

STAFF, LEADER, SECRETARY, ADMIN = "tuyengiao", "lanhdao", "bithu.taleng", "quantri"


def status(client, username: str | None, url: str, method: str = "get") -> int:
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return getattr(client, method)(url).status_code


@pytest.fixture
def urls(demo):
    own = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    other = Conference.objects.get(campaign__code="tw5-khoa-xiii")
    own_campaign, other_campaign = "tw8-khoa-xiii", "tw5-khoa-xiii"
    return {
        "campaign_detail": (
            reverse("campaign_detail", args=[own_campaign]),
            reverse("campaign_detail", args=[other_campaign]),
        ),
        "conference_new": (
            reverse("conference_new", args=[own_campaign]),
            reverse("conference_new", args=[other_campaign]),
        ),
        "conference_detail": (
            reverse("conference_detail", args=[own.pk]),
            reverse("conference_detail", args=[other.pk]),
        ),
        "attendance_grid": (reverse("attendance_grid", args=[own.pk]), reverse("attendance_grid", args=[other.pk])),
        "absentee_list": (
            reverse("absentee_list", args=[own.pk, "tam-duong"]),
            reverse("absentee_list", args=[other.pk, "tay-son"]),
        ),
        "dashboard": (reverse("dashboard", args=[own_campaign]), reverse("dashboard", args=[other_campaign])),
        "dashboard_xlsx": (
            reverse("dashboard_xlsx", args=[own_campaign]),
            reverse("dashboard_xlsx", args=[other_campaign]),
        ),
        "results_template": (
            reverse("results_template", args=[own_campaign]),
            reverse("results_template", args=[other_campaign]),
        ),
        "results_import": (
            reverse("results_import", args=[own_campaign]),
            reverse("results_import", args=[other_campaign]),
        ),
        "unit_result": (
            reverse("unit_result", args=[own_campaign, "tam-duong-ta-leng"]),
            reverse("unit_result", args=[other_campaign, "tay-son-tay-an"]),
        ),
    }


# (page, {role: status on the user's own object}); other units' objects answer 404
# for every role allowed on the page, and roles not allowed get 403 first.
MATRIX = [
    ("campaign_detail", {STAFF: 200, LEADER: 200, SECRETARY: 200, ADMIN: 200}),
    ("conference_new", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("conference_detail", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("attendance_grid", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("absentee_list", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("dashboard", {STAFF: 200, LEADER: 200, SECRETARY: 403, ADMIN: 200}),
    ("dashboard_xlsx", {STAFF: 200, LEADER: 200, SECRETARY: 403, ADMIN: 200}),
    ("results_template", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("results_import", {STAFF: 200, LEADER: 403, SECRETARY: 403, ADMIN: 200}),
    ("unit_result", {STAFF: 200, LEADER: 200, SECRETARY: 200, ADMIN: 200}),
]


@pytest.mark.parametrize(("page", "expected"), MATRIX, ids=[page for page, _ in MATRIX])
def test_role_and_scope_matrix(client, urls, page, expected):
    own_url, other_url = urls[page]
    for username, own_status in expected.items():
        assert status(client, username, own_url) == own_status, (username, "own")
        other_status = 404 if own_status == 200 else own_status
        assert status(client, username, other_url) == other_status, (username, "other")
    client.logout()
    response = client.get(own_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_secretary_sees_only_their_own_unit(client, demo):
    other_commune = reverse("unit_result", args=["tw8-khoa-xiii", "tam-duong-khun-ha"])
    assert status(client, SECRETARY, other_commune) == 404
    assert status(client, STAFF, other_commune) == 200


def test_staff_only_actions_refuse_other_roles(client, demo):
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    step = reverse("conference_step", args=[conference.pk])
    assert status(client, LEADER, step, "post") == 403
    assert status(client, SECRETARY, reverse("campaign_new")) == 403
    assert status(client, LEADER, reverse("campaign_new")) == 403
    assert status(client, STAFF, reverse("campaign_new")) == 200


def test_campaign_list_shows_only_campaigns_reaching_the_user(client, demo):
    client.force_login(get_user_model().objects.get(username=SECRETARY))
    content = client.get(reverse("campaign_list")).content.decode()
    assert "Nghị quyết Hội nghị lần thứ tám" in content
    assert "Nghị quyết Hội nghị lần thứ năm" not in content
    # The unit's result, whether still to send or sent and accepted: named, not an order to report again.
    result = reverse("unit_result", args=["tw8-khoa-xiii", "tam-duong-ta-leng"])
    assert f'<a class="btn btn-sm btn-party" href="{result}">Kết quả của đơn vị</a>' in content


def test_login_logout_and_password_change(client, demo):
    response = client.post(reverse("login"), {"username": STAFF, "password": "HocTap@2024"})
    assert response.status_code == 302
    assert client.get(reverse("campaign_list")).status_code == 200

    response = client.post(
        reverse("password_change"),
        {"old_password": "HocTap@2024", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username=STAFF).check_password("Mat-khau-moi-2026")

    client.post(reverse("logout"))
    assert client.get(reverse("campaign_list")).status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, demo):
    response = client.post(reverse("login"), {"username": STAFF, "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
