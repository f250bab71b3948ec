"""A leader reads the dashboard on a phone: the chart's names whole, the units' table scrolling under its names."""

import pytest
from django.urls import reverse

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
