"""Refusals answer in Vietnamese, in the site's layout, with a way back."""

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    User = get_user_model()
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root)
    secretary = User.objects.create_user("bithu", role=User.Role.UNIT_SECRETARY, committee=commune)
    return campaign, commune, staff, secretary


def test_a_get_on_an_action_is_a_page_saying_to_use_the_button(client, district):
    campaign, _, staff, _ = district
    client.force_login(staff)
    response = client.get(reverse("report_approve", args=[campaign.code]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    content = response.content.decode()
    assert "Thao tác chỉ thực hiện bằng nút bấm" in content
    assert "Chưa có gì thay đổi." in content
    assert reverse("campaign_list") in content  # the navigation bar and a way back
    assert f'<a class="btn btn-party" href="{reverse("home")}">Về trang Việc cần làm</a>' in content  # named as it is


def test_a_page_above_ones_role_says_so_in_vietnamese(client, district):
    campaign, _, _, secretary = district
    client.force_login(secretary)
    response = client.get(reverse("dashboard", args=[campaign.code]))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_what_is_not_there_is_not_found_in_vietnamese(client, district):
    _, _, staff, _ = district
    client.force_login(staff)
    response = client.get(reverse("dashboard", args=["khong-co"]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    # Django renders 500.html with an empty context: the layout must stand without a user or a request.
    assert "Lỗi hệ thống" in render_to_string("500.html")


def test_a_form_without_its_token_is_refused_in_vietnamese(district):
    from django.test import Client

    _, _, staff, _ = district
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(reverse("campaign_new"), {"name": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in content and "CSRF" not in content


def test_a_request_too_large_is_refused_in_vietnamese(client, district, settings):
    _, _, staff, _ = district
    client.force_login(staff)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.DEBUG = False
    response = client.post(reverse("campaign_new"), {"name": "x" * 5000})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_form_not_in_utf8_is_refused_in_vietnamese_even_before_its_token_is_checked(district):
    from django.test import Client

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = client.get(reverse("login")).cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        data=f"username=a&password=b&csrfmiddlewaretoken={token}",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch", "trace"])
def test_a_method_the_site_never_uses_is_refused_on_every_page(client, district, method):
    _, _, staff, _ = district
    client.force_login(staff)
    for url in (reverse("account_list"), reverse("account_template"), reverse("campaign_list")):
        response = getattr(client, method)(url)
        assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, POST"), url
        assert "Chưa có gì thay đổi." in response.content.decode()


def test_the_browsers_own_icon_request_is_led_to_the_sites_icon_not_a_404(client, db):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")
    assert client.post("/favicon.ico").status_code == 405
