"""A leader reads the dashboard on a phone: the chart's names whole, the units' table scrolling under its names, the
conferences as cards; staff fill an absentee list on a phone with every box in view."""

import pytest
from django.urls import reverse

from conferences.models import Conference
from tests.browser.test_flows import _sign_in_as

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_on_a_phone_names_wrap_and_the_unit_column_stays_in_view(new_page, live_server, fresh_demo, screenshot):
    page = new_page({"width": 390, "height": 844})
    _sign_in_as(page, live_server, "lanhdao", "HocTap@2024")
    page.goto(live_server.url + reverse("dashboard", args=["tw8-khoa-xiii"]))
    page.wait_for_function("window.Chart && Chart.getChart('rates-chart')")
    labels = page.evaluate("Chart.getChart('rates-chart').data.labels")
    assert ["Cơ quan Mặt trận -", "Đoàn thể huyện"] in labels
    assert ["Trung tâm Văn hóa,", "Thể thao và Truyề…"] in labels  # two lines at most, whole in the tooltip
    assert all(len(label) <= 2 and all(len(line) <= 18 for line in label) for label in labels)
    assert page.locator("#unit-table-hint").is_visible()
    first = page.locator("#unit-table tbody tr td").first
    before = first.bounding_box()["x"]
    page.locator("#unit-table").evaluate("table => table.parentElement.scrollBy(600, 0)")
    assert page.locator("#unit-table").evaluate("table => table.parentElement.scrollLeft") > 0
    assert first.bounding_box()["x"] == pytest.approx(before, abs=1)  # the unit's name stays where it was
    screenshot(page, "dashboard-phone")
    # The conferences read as cards: every figure in view, after its column's name.
    card = page.locator("#conference-table tbody tr").first
    assert card.locator("[data-figure=delegates]").is_visible()
    assert card.locator("[data-figure=delegates]").bounding_box()["x"] + 50 < 390
    assert card.locator("[data-figure=delegates]").evaluate("cell => getComputedStyle(cell, '::before').content") == (
        '"Đại biểu: "'
    )


def test_on_a_phone_the_absentee_list_shows_every_box_of_a_row(new_page, live_server, fresh_demo, screenshot):
    page = new_page({"width": 390, "height": 844})
    _sign_in_as(page, live_server, "tuyengiao", "HocTap@2024")
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/tham-du/tam-duong-khun-ha/vang-mat/")
    for box in ("name", "reason", "DELETE"):
        field = page.locator(f"[name='form-0-{box}']")
        assert field.is_visible() and field.bounding_box()["x"] + field.bounding_box()["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "absentees-phone")
