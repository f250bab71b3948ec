"""Each role's first page is their to-do list, and a refusal or a failure is a Vietnamese page in the site's
layout with a way back, as Chromium shows them (desktop and phone)."""

import pytest

from conferences.models import Conference
from tests.browser.test_flows import _sign_in_as

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_PASSWORD = "HocTap@2024"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def signed_in(new_page, live_server, username: str, viewport: dict):
    page = new_page(viewport)
    _sign_in_as(page, live_server, username, DEMO_PASSWORD)
    return page


@pytest.mark.parametrize(
    ("username", "section", "headings"),
    [
        ("bithu.taleng", "#todo-secretary", ["Báo cáo kết quả của Đảng ủy xã Tả Lèng"]),
        (
            "tuyengiao",
            "#todo-staff",
            ["Kết quả chờ duyệt", "Đơn vị chưa gửi báo cáo", "Hội nghị trong 7 ngày tới", "Báo cáo đang dự thảo"],
        ),
        ("lanhdao", "#todo-leader", ["Báo cáo chờ ký", "Đã ký gần đây"]),
    ],
)
def test_each_role_lands_on_its_to_do_list(new_page, live_server, fresh_demo, screenshot, username, section, headings):
    page = signed_in(new_page, live_server, username, PHONE)
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").first.inner_text() == "Việc cần làm"
    assert page.locator(f"{section} h2").all_inner_texts() == headings
    screenshot(page, f"landing-{username}-phone")


def test_refusals_and_failures_are_vietnamese_pages_with_a_way_back(
    new_page, live_server, fresh_demo, screenshot, monkeypatch
):
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    page = signed_in(new_page, live_server, "bithu.taleng", DESKTOP)
    for path, status, heading in (
        ("/khong-co-trang-nay/", 404, "Không tìm thấy trang"),
        (f"/hoi-nghi/{conference.pk}/tham-du/", 403, "Không có quyền truy cập"),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status
        assert heading in page.locator("main").inner_text()
        assert page.locator("nav a[href='/']").count() >= 1  # the site's navigation bar, a way back
        screenshot(page, f"error-{status}")

    staff = signed_in(new_page, live_server, "tuyengiao", DESKTOP)
    response = staff.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/chuan-bi/")  # a button's step, opened
    assert response.status == 405
    assert "Thao tác chỉ thực hiện bằng nút bấm" in staff.locator("main").inner_text()
    assert "This page isn" not in staff.content()

    def broken(*args, **kwargs):
        raise RuntimeError("a fault for the test")

    monkeypatch.setattr("reporting.home.landing_context", broken)
    response = staff.goto(f"{live_server.url}/")
    assert response.status == 500
    assert "Lỗi hệ thống" in staff.locator("body").inner_text()
    assert "Server Error" not in staff.content()
    screenshot(staff, "error-500")


def test_a_date_chosen_is_said_in_vietnamese_beneath_its_box(new_page, live_server, fresh_demo, screenshot):
    """A browser set to another language shows 03/05/2025 for the 5th of March: the words beneath say which."""
    page = signed_in(new_page, live_server, "tuyengiao", PHONE)
    page.goto(f"{live_server.url}/dot-hoc-tap/tao-moi/")
    starts = page.locator("#id_starts_on")
    starts.fill("2025-03-05")
    said = page.locator('[data-date-said-for="id_starts_on"]')
    assert said.inner_text() == "Thứ Tư, ngày 05 tháng 3 năm 2025"  # as a document dates itself
    starts.fill("2025-01-07")
    assert said.inner_text() == "Thứ Ba, ngày 07 tháng 01 năm 2025"
    starts.fill("")
    assert said.inner_text() == ""
    page.goto(f"{live_server.url}/dot-hoc-tap/tw8-khoa-xiii/sua/")  # a stored date is said as the page opens
    assert page.locator('[data-date-said-for="id_starts_on"]').inner_text() == "Thứ Sáu, ngày 01 tháng 12 năm 2023"
    screenshot(page, "date-said-phone")
