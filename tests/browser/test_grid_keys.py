"""The attendance grid works like a spreadsheet: arrows and Enter move between cells and change nothing."""

import pytest

from conferences.models import Conference
from tests.browser.test_flows import _sign_in_as

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_arrows_and_enter_move_between_cells_without_changing_a_value(new_page, live_server, fresh_demo):
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    page = new_page({"width": 1366, "height": 900})
    _sign_in_as(page, live_server, "tuyengiao", "HocTap@2024")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/tham-du/")
    first = page.locator("#attendance-grid tbody tr[data-unit] input[name$='-party_members_attended']").first
    label = first.get_attribute("aria-label")
    assert label.startswith("Đảng viên") and "," in label  # its column and its row, for screen readers
    before = first.input_value()
    first.focus()
    page.keyboard.press("ArrowDown")
    assert first.input_value() == before  # a number field did not count down
    focused = page.evaluate("document.activeElement.name")
    assert focused.endswith("-party_members_attended") and focused != first.get_attribute("name")
    page.keyboard.press("Enter")
    assert page.url.endswith(f"/hoi-nghi/{conference.pk}/tham-du/")  # Enter moved on, sent nothing
    assert page.evaluate("document.activeElement.name") not in (focused, first.get_attribute("name"))
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.name").endswith("-non_members_expected")
