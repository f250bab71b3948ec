"""The attendance grid works like a spreadsheet: arrows and Enter move between cells and change nothing."""

import re
import time

import pytest
from playwright.sync_api import expect

from conferences.models import Attendance, Conference
from tests.browser.test_flows import _sign_in_as

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def grid_page(new_page, live_server, viewport: dict[str, int]):
    """The demo conference of the 8th Plenum and its attendance grid, open for its district's staff."""
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    page = new_page(viewport)
    _sign_in_as(page, live_server, "tuyengiao", "HocTap@2024")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/tham-du/")
    return conference, page


def test_arrows_and_enter_move_between_cells_without_changing_a_value(new_page, live_server, fresh_demo):
    conference, page = grid_page(new_page, live_server, {"width": 1366, "height": 900})
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


def test_a_row_saves_when_left_and_says_so_and_a_wrong_one_says_why(new_page, live_server, fresh_demo, screenshot):
    conference, page = grid_page(new_page, live_server, {"width": 390, "height": 844})
    ta_leng = Attendance.objects.get(conference=conference, unit__code="tam-duong-ta-leng")
    row = page.locator('#attendance-grid tr[data-unit="tam-duong-ta-leng"]')
    attended = row.locator("input[name$='-party_members_attended']")
    attended.fill("34")
    expect(page.locator("#grid-unsaved")).to_be_visible()  # the totals follow a figure not saved yet
    attended.press("ArrowDown")  # leaves the row
    expect(row.locator(".row-state")).to_have_text("Đã lưu.")
    expect(page.locator("#grid-unsaved")).to_be_hidden()
    ta_leng.refresh_from_db()
    assert (ta_leng.party_members_attended, ta_leng.version) == (34, 2)

    attended.fill("40")  # 36 were called
    attended.press("ArrowUp")
    expect(row.locator(".row-state")).to_have_text("Chưa lưu: xem các ô báo đỏ.")
    expect(row.locator("[data-error-for$='-party_members_attended']")).to_have_text(
        "Số đảng viên dự vượt số triệu tập."
    )
    expect(attended).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#grid-unsaved")).to_have_text("(tính cả số đang nhập chưa lưu; dòng báo đỏ chưa được lưu)")
    screenshot(page, "grid-row-error-phone")
    ta_leng.refresh_from_db()
    assert ta_leng.party_members_attended == 34

    attended.fill("35")
    page.get_by_role("button", name="Lưu toàn bộ bảng").click()  # the whole grid, after the row's own save
    expect(page.locator(".alert").first).to_contain_text("Đã lưu số liệu tham dự của 1 đơn vị.")
    ta_leng.refresh_from_db()
    assert ta_leng.party_members_attended == 35


def test_a_row_left_after_the_session_ended_says_so(new_page, live_server, fresh_demo):
    conference, page = grid_page(new_page, live_server, {"width": 1366, "height": 900})
    page.context.clear_cookies()  # signed out meanwhile (another tab, or the session ran out)
    row = page.locator('#attendance-grid tr[data-unit="tam-duong-ta-leng"]')
    attended = row.locator("input[name$='-party_members_attended']")
    attended.fill("34")
    attended.press("ArrowDown")
    expect(row.locator(".row-state")).to_have_text(
        "Chưa lưu được: phiên đăng nhập đã hết hoặc trang đã cũ. Bấm “Lưu toàn bộ bảng” để lưu và xem lý do."
    )
    assert Attendance.objects.get(conference=conference, unit__code="tam-duong-ta-leng").party_members_attended == 33
    attended.fill("33")  # as it was: no row left to save as the page closes after the test


def test_on_a_phone_the_unit_column_and_its_heading_stay_beside_the_cell_typed_in(new_page, live_server, fresh_demo):
    _, page = grid_page(new_page, live_server, {"width": 390, "height": 844})
    cell = page.locator("#attendance-grid tbody tr[data-unit] input[name$='-others']").first
    cell.focus()  # a column off the screen: the grid scrolls sideways to it
    heading = page.locator("#attendance-grid thead th").first.bounding_box()
    centre = [heading["x"] + heading["width"] / 2, heading["y"] + heading["height"] / 2]
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('th').textContent.trim()", centre)
    assert on_top == "Đơn vị / điểm cầu"
    assert heading["width"] <= 121 and cell.bounding_box()["x"] >= heading["x"] + heading["width"]


def test_on_a_phone_each_cell_of_a_long_grid_says_its_column_where_the_headings_scrolled_away(
    new_page, live_server, fresh_demo
):
    _, page = grid_page(new_page, live_server, {"width": 390, "height": 844})
    last = page.locator("#attendance-grid tbody tr[data-unit]").last
    last.locator("input[name$='-party_members_attended']").focus()
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    assert page.locator("#attendance-grid thead").bounding_box()["y"] < 0  # the headings are above the screen
    caption = last.locator("td", has=page.locator("input[name$='-party_members_attended']")).locator(".grid-caption")
    expect(caption).to_be_visible()
    assert caption.text_content() == "Đảng viên dự"

    box = last.locator("input[name$='-sound_lost']")
    before = box.is_checked()
    last.locator("td", has=page.locator("input[name$='-sound_lost']")).locator(".grid-caption").click()  # it taps
    assert box.is_checked() is not before
    box.set_checked(before)  # as it was: no row left to save as the page closes after the test

    page.set_viewport_size({"width": 1366, "height": 900})  # on a wider screen the headings say it once
    expect(caption).to_be_hidden()


def paste(cell, text: str) -> None:
    """What Ctrl+V gives the cell with ``text`` on the clipboard, as Excel copies cells: tabs and lines."""
    cell.focus()
    cell.evaluate(
        """(input, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        text,
    )


def test_cells_copied_from_excel_fill_the_cells_like_a_spreadsheet_and_save(new_page, live_server, fresh_demo):
    conference, page = grid_page(new_page, live_server, {"width": 1366, "height": 900})
    units = page.locator("#attendance-grid tbody tr[data-unit]")
    first, second = units.nth(0), units.nth(1)
    paste(first.locator("input[name$='-party_members_expected']"), "40\t38\r\n1.040\t1.000\r\n")
    expected = [
        (row.locator("input[name$='-party_members_expected']"), row.locator("input[name$='-party_members_attended']"))
        for row in (first, second)
    ]
    assert [(a.input_value(), b.input_value()) for a, b in expected] == [("40", "38"), ("1040", "1000")]
    expect(second.locator(".row-state")).to_have_text("Đã lưu.")  # a row filled below saves at once
    page.keyboard.press("ArrowDown")  # the row pasted in saves when left, as one typed in
    expect(first.locator(".row-state")).to_have_text("Đã lưu.")
    stored = Attendance.objects.filter(conference=conference).order_by("unit__path")
    codes = [first.get_attribute("data-unit"), second.get_attribute("data-unit")]
    assert [
        (row.party_members_expected, row.party_members_attended) for row in stored.filter(unit__code__in=codes)
    ] == [(40, 38), (1040, 1000)]


def test_leaving_with_a_row_not_saved_asks_first_and_staying_saves_it(new_page, live_server, fresh_demo):
    conference, page = grid_page(new_page, live_server, {"width": 390, "height": 844})
    row = page.locator('#attendance-grid tr[data-unit="tam-duong-ta-leng"]')
    row.locator("input[name$='-party_members_attended']").fill("30")
    page.get_by_role("link", name="Về hội nghị").click(no_wait_after=True)
    expect(row.locator(".row-state")).to_have_text("Đã lưu.")  # stayed, and the row left was saved
    assert page.dialogs == ["beforeunload"] and page.url.endswith("/tham-du/")
    assert Attendance.objects.get(conference=conference, unit__code="tam-duong-ta-leng").party_members_attended == 30
    page.get_by_role("link", name="Về hội nghị").click()  # nothing unsaved: no question
    expect(page).to_have_url(re.compile(rf"/hoi-nghi/{conference.pk}/$"))
    assert page.dialogs == ["beforeunload"]


def test_a_row_typed_and_left_by_closing_the_page_is_saved_as_it_goes(new_page, live_server, fresh_demo):
    conference, page = grid_page(new_page, live_server, {"width": 1366, "height": 900})
    page.locator('#attendance-grid tr[data-unit="tam-duong-ta-leng"] input[name$="-others"]').fill("4")
    page.close(run_before_unload=False)  # left, whatever the browser asked
    stored = Attendance.objects.filter(conference=conference, unit__code="tam-duong-ta-leng")
    for _ in range(50):
        if stored.get().others == 4:
            break
        time.sleep(0.1)
    assert stored.get().others == 4


def test_a_pasted_value_a_number_cell_cannot_hold_changes_nothing_and_is_named(new_page, live_server, fresh_demo):
    _, page = grid_page(new_page, live_server, {"width": 1366, "height": 900})
    first = page.locator("#attendance-grid tbody tr[data-unit]").first
    cells = [first.locator(f"input[name$='-party_members_{name}']") for name in ("expected", "attended")]
    before = [cell.input_value() for cell in cells]
    paste(cells[0], "40\t1,5\n")
    expect(first.locator(".row-state")).to_have_text("Không dán được: “1,5” không phải số nguyên; bảng chưa thay đổi.")
    assert [cell.input_value() for cell in cells] == before
    assert "table-danger" not in (first.get_attribute("class") or "")
    paste(cells[1], "1.200")  # one value, written with a thousands' dot
    assert cells[1].input_value() == "1200"
    cells[1].fill(before[1])  # as it was: no row left to save as the page closes after the test
    last = page.locator("#attendance-grid tbody tr[data-unit]").last
    paste(last.locator("input[name$='-others']"), "1\n2\n")  # two lines, one row left
    expect(last.locator(".row-state")).to_have_text(
        "Không dán được: khối dán có 2 dòng, từ dòng này bảng chỉ còn 1 dòng; bảng chưa thay đổi."
    )
