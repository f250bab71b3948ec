"""A new district, from two spreadsheets to a signed report, in the browser alone: no page of /admin/ is opened.

The administrator uploads the committee tree and the accounts of the district's staff and leader; the staff
create the secretaries' accounts, the resolution, the campaign and the committee's issuing details; every
commune's secretary sends their figures (one on a phone); staff accept them and approve the report; the leader
signs it, and the signed PDF prints the district and the figures the secretaries sent.
"""

import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import User
from conferences.models import Committee
from reporting.models import Organisation, Report, UnitResult
from tests.browser.test_flows import OTHER_ORGANISATIONS

# Some thirty seconds of Chromium: run by .ci/run and `make test-slow`, outside `make test`.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
ADMIN_PASSWORD = "Quan-tri-2026"
OWN_PASSWORD = "Mat-khau-rieng-2026"
DISTRICT = "phong-tho"
STAFF, LEADER = "tuyengiao.phongtho", "lanhdao.phongtho"
LEADER_NAME = "Tẩn Văn Sơn"

TREE_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên ngắn",
    "Mã cấp trên",
    "Loại",
    "Đơn vị hành chính",
    "Tên in trên văn bản",
    "Số đảng viên",
    "Số CB-CC-VC-NLĐ chưa là đảng viên",
]
ACCOUNT_HEADERS = ["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò", "Thư điện tử"]

# Each commune: code, name, short name, registered party members and non-member staff, and what its
# secretary sends: party members and non-members who studied.
COMMUNES = [
    ("phong-tho-ma-li-pho", "Đảng ủy xã Ma Li Pho", "Ma Li Pho", 120, 15, 118, 15),
    ("phong-tho-dao-san", "Đảng ủy xã Dào San", "Dào San", 210, 20, 205, 19),
    ("phong-tho-muong-so", "Đảng ủy xã Mường So", "Mường So", 95, 12, 90, 12),
]


def test_a_new_district_is_set_up_from_two_sheets_and_its_report_signed(new_page, live_server, screenshot, tmp_path):
    from pypdf import PdfReader

    from reporting.documents.verification import verify_report_pdf

    assert not Committee.objects.exists()
    Organisation.ensure_defaults()  # the Front and the four mass organisations, as the migrations leave them
    User.objects.create_user("quantri", password=ADMIN_PASSWORD, role=User.Role.ADMINISTRATOR)
    requested: list[str] = []  # every URL any page asked for

    def open_page(viewport=DESKTOP):
        page = new_page(viewport)
        page.on("request", lambda request: requested.append(request.url))
        return page

    admin = open_page()
    _sign_in(admin, live_server, "quantri", ADMIN_PASSWORD)
    admin.wait_for_url(f"{live_server.url}/")
    _import_tree(admin, live_server, tmp_path, screenshot)
    passwords = _import_accounts(admin, live_server, tmp_path, screenshot)

    staff = open_page()
    _first_sign_in(staff, live_server, STAFF, passwords[STAFF])
    secretaries = _create_secretaries(staff, screenshot)
    _declare_issuing(staff, screenshot)
    code = _create_campaign(staff, live_server, screenshot)

    for n, (unit, *_counts, party_attended, non_attended) in enumerate(COMMUNES):
        secretary = open_page(PHONE if n == 0 else DESKTOP)
        _first_sign_in(secretary, live_server, f"bithu.{unit}", secretaries[f"bithu.{unit}"], name="Lò Thị Hồng")
        _send_result(secretary, party_attended, non_attended)
        if n == 0:
            screenshot(secretary, "new-district-secretary-sent-phone")
    assert UnitResult.objects.filter(campaign__code=code, status=UnitResult.Status.SUBMITTED).count() == 3

    _accept_results(staff, live_server, code, screenshot)
    _approve_report(staff, code, screenshot)

    leader = open_page()
    _first_sign_in(leader, live_server, LEADER, passwords[LEADER])
    pdf = _sign_and_download(leader, tmp_path, screenshot)
    assert verify_report_pdf(pdf.read_bytes()).valid
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "ĐẢNG BỘ TỈNH LAI CHÂU" in text and "HUYỆN ỦY PHONG THỔ" in text
    assert "Số 01-BC/HU" in text and "Phong Thổ, ngày" in text
    assert f"đảng viên {_party_members_sentence()}" in text
    assert LEADER_NAME in text
    assert Report.objects.get(campaign__code=code).status == Report.Status.SIGNED

    assert requested and not [url for url in requested if urlparse(url).path.startswith("/admin")]


def _party_members_sentence() -> str:
    """'413/425 đạt 97,2%': the party members the secretaries said studied, over those registered."""
    attended = sum(row[5] for row in COMMUNES)
    total = sum(row[3] for row in COMMUNES)
    return f"{attended}/{total} đạt {100 * attended / total:.1f}%".replace(".", ",")


def _sheet(path, headers: list[str], rows: list[list]) -> str:
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return str(path)


def _sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def _first_sign_in(page, live_server, username: str, one_time_password: str, name: str = "") -> None:
    """With the slip's password: the password change comes first, then the to-do list; an account made without
    a name (``name`` given) asks for it there."""
    _sign_in(page, live_server, username, one_time_password)
    page.wait_for_url(f"{live_server.url}/tai-khoan/doi-mat-khau/")
    assert page.locator("#id_full_name").count() == (1 if name else 0)
    if name:
        page.fill("#id_full_name", name)
    page.fill("#id_old_password", one_time_password)
    page.fill("#id_new_password1", OWN_PASSWORD)
    page.fill("#id_new_password2", OWN_PASSWORD)
    page.click("form:has(#id_old_password) button[type=submit]")
    page.wait_for_selector("text=Đã đặt mật khẩu của riêng bạn; từ nay đăng nhập bằng mật khẩu này.")
    assert page.url == f"{live_server.url}/"  # on to the to-do list
    assert not User.objects.get(username=username).must_change_password


def _preview(page, path) -> str:
    """The upload's preview: what the file would create; the file chosen is named beside its button."""
    page.set_input_files("input[type=file]", path)
    assert page.inner_text("[data-file-name-for]") == Path(path).name
    page.click("form[enctype] button[type=submit]")
    return page.inner_text("#import-preview")


def _confirm(page, button: str) -> None:
    """The previewed file saved with the preview's button, with no second upload. A second press while a slow
    line still carries the first sends nothing more: it would find the file used up."""
    sent = page.evaluate(
        """() => {
          const form = document.getElementById("save-import").form;
          let sent = 0;
          const count = (event) => { sent += event.defaultPrevented ? 0 : 1; event.preventDefault(); };
          window.addEventListener("submit", count);  // after the page's own handlers; holds the line
          form.requestSubmit();
          form.requestSubmit();
          window.removeEventListener("submit", count);
          delete form.dataset.sent;
          return sent;
        }"""
    )
    assert sent == 1
    page.get_by_role("button", name=button).click()


def _import_tree(page, live_server, tmp_path, screenshot) -> None:
    # No printed name: the import prints the name in capitals.
    rows = [[DISTRICT, "Huyện ủy Phong Thổ", "Phong Thổ", "", "Huyện ủy, quận ủy, thị ủy", "", "", 0, 0]]
    rows += [[c, name, short, DISTRICT, "Đảng bộ cơ sở", "xã", "", m, n] for c, name, short, m, n, *_ in COMMUNES]
    path = _sheet(tmp_path / "cay-cap-uy.xlsx", TREE_HEADERS, rows)
    page.goto(f"{live_server.url}/cap-uy/nhap-excel/")
    with page.expect_download() as template:
        page.click("#committee-template")
    assert template.value.suggested_filename == "cay-cap-uy.xlsx"

    page.get_by_role("button", name="Tải lên").click()  # no file chosen yet: said at the field, in Vietnamese
    assert page.get_by_text("Chọn tệp Excel (.xlsx) cần nhập.").is_visible()
    assert page.inner_text("[data-file-name-for]") == "Chưa chọn tệp"
    screenshot(page, "new-district-tree-no-file")
    preview = _preview(page, path)
    assert "Thêm mới (4)" in preview and "Đảng ủy xã Dào San" in preview
    assert not Committee.objects.exists()  # the preview saved nothing
    screenshot(page, "new-district-tree-preview")
    desk = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone each new unit reads as a card
    first = page.locator("#preview-created tbody tr").first
    assert first.locator("td").nth(2).evaluate("cell => getComputedStyle(cell, '::before').content") == '"Tên đơn vị: "'
    screenshot(page, "new-district-tree-preview-phone")
    page.set_viewport_size(desk)
    _confirm(page, "Lưu vào cây cấp ủy")
    page.wait_for_selector("text=Đã thêm 4 và cập nhật 0 đơn vị.")
    # On to the next step: the accounts page, where the new units' secretaries get theirs.
    assert page.url.endswith("/tai-khoan/danh-sach/")
    page.wait_for_selector("text=Bước tiếp theo: tạo tài khoản bí thư cho các đơn vị mới bằng nút")
    screenshot(page, "new-district-tree-imported")
    district = Committee.objects.get(code=DISTRICT)
    assert (district.printed_name, district.kind) == ("HUYỆN ỦY PHONG THỔ", Committee.Kind.DISTRICT)
    communes = district.subtree().filter(depth=district.depth + 1).order_by("code")
    assert sorted(communes.values_list("code", "party_members")) == sorted((row[0], row[3]) for row in COMMUNES)


def _import_accounts(page, live_server, tmp_path, screenshot) -> dict[str, str]:
    """The district's staff member and leader from a sheet; their one-time passwords from the slips."""
    rows = [
        [STAFF, "Lò Thị Mai", DISTRICT, "Cán bộ Ban Tuyên giáo", "mai.lt@example.vn"],
        [LEADER, LEADER_NAME, DISTRICT, "Lãnh đạo", ""],
    ]
    path = _sheet(tmp_path / "tai-khoan.xlsx", ACCOUNT_HEADERS, rows)
    page.goto(f"{live_server.url}/tai-khoan/danh-sach/")
    page.click("#account-import")
    preview = _preview(page, path)
    assert "Sẽ tạo (2)" in preview and LEADER_NAME in preview
    assert not User.objects.filter(username=STAFF).exists()
    _confirm(page, "Tạo 2 tài khoản")
    page.wait_for_selector(".account-slip")
    screenshot(page, "new-district-account-slips")
    passwords = _slip_passwords(page)
    assert set(passwords) == {STAFF, LEADER}
    assert User.objects.get(username=LEADER).role == User.Role.LEADER
    return passwords


def _slip_passwords(page) -> dict[str, str]:
    slips = page.locator(".account-slip")
    return {
        slips.nth(n).get_attribute("data-account"): slips.nth(n).locator(".one-time-password").inner_text()
        for n in range(slips.count())
    }


def _create_secretaries(page, screenshot) -> dict[str, str]:
    page.click("#nav-registers")
    page.click("text=Tài khoản")
    page.click("text=Tạo tài khoản bí thư cho các đơn vị chưa có")
    page.wait_for_selector(".account-slip")
    assert page.dialogs[-1].startswith("Tạo tài khoản bí thư cho mọi đơn vị chưa có?")
    screenshot(page, "new-district-secretary-slips")
    passwords = _slip_passwords(page)
    assert set(passwords) == {f"bithu.{row[0]}" for row in COMMUNES}
    return passwords


def _declare_issuing(page, screenshot) -> None:
    """What a report needs to be numbered and signed: the abbreviation, the term, the signer."""
    page.click("#nav-registers")
    page.click("#nav-issuing")
    page.fill("#id_superior_line", "ĐẢNG BỘ TỈNH LAI CHÂU")
    page.fill("#id_abbreviation", "HU")
    page.fill("#id_place_name", "Phong Thổ")
    page.fill("#id_recipients", "Ban Tuyên giáo Tỉnh ủy,\nCác đảng ủy cơ sở,\nLưu Văn phòng Huyện ủy.")
    page.fill("#id_signer_title", "BÍ THƯ")
    page.fill("#id_signer_name", LEADER_NAME)
    page.fill("#id_term_name", "2025 - 2030")
    page.fill("#id_term_starts_on", (timezone.localdate() - datetime.timedelta(days=400)).isoformat())
    page.click("form[method=post] button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu thông tin ban hành văn bản của Huyện ủy Phong Thổ.")
    screenshot(page, "new-district-issuing")
    district = Committee.objects.get(code=DISTRICT)
    assert (district.abbreviation, district.terms.get().name) == ("HU", "2025 - 2030")


def _create_campaign(page, live_server, screenshot) -> str:
    """A resolution, then the campaign studying it; the campaign's code is made from its short name."""
    today = timezone.localdate()
    page.goto(f"{live_server.url}/nghi-quyet/tao-moi/")
    page.fill("#id_number", "57-NQ/TW")
    page.fill("#id_issued_on", "2024-12-22")
    page.fill("#id_issuing_body", "Bộ Chính trị")
    page.fill("#id_term", "XIII")
    page.fill("#id_title", "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
    page.click("form[method=post] button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu “Nghị quyết số 57-NQ/TW”.")

    page.goto(f"{live_server.url}/dot-hoc-tap/tao-moi/")
    page.fill("#id_name", "Nghị quyết số 57-NQ/TW của Bộ Chính trị")
    page.fill("#id_short_name", "Nghị quyết 57")
    page.check("label:has-text('57-NQ/TW')")
    for field, day in (("starts_on", -10), ("ends_on", 20), ("reporting_deadline", 10), ("plan_date", -12)):
        page.fill(f"#id_{field}", (today + datetime.timedelta(days=day)).isoformat())
    page.fill("#id_plan_number", "05-KH/HU")
    page.click("form[method=post] button:has-text('Tạo đợt học tập')")
    page.wait_for_selector("text=Đã tạo đợt học tập “Nghị quyết 57”.")
    screenshot(page, "new-district-campaign")
    code = urlparse(page.url).path.split("/")[2]
    assert code.startswith("nghi-quyet-57-")
    return code


def _send_result(page, party_attended: int, non_attended: int) -> None:
    """From the secretary's to-do list: the unit's figures, sent; the registered totals come filled in."""
    today = timezone.localdate()
    page.click("text=Nhập, gửi kết quả")
    page.wait_for_selector("#result-form")
    page.fill("#id_held_from", (today - datetime.timedelta(days=5)).isoformat())
    page.fill("#id_held_to", today.isoformat())
    figures = {
        "conferences_online": 0,
        "conferences_in_person": 1,
        "conferences_replay": 1,
        "conferences_other": 0,
        "cell_meetings": 4,
        "party_members_attended": party_attended,
        "non_members_attended": non_attended,
        "people": party_attended + non_attended + 20,
        "propaganda_sessions": 3,
        "propaganda_people": 150,
        "radio_tv_news": 1,
        "radio_tv_articles": 0,
        "radio_tv_minutes": 5,
        "action_programmes": 1,
        "implementation_plans": 1,
        "org-mttq-sessions": 1,
        "org-mttq-people": 40,
        **{f"org-{code}-{figure}": 0 for code in OTHER_ORGANISATIONS for figure in ("sessions", "people")},
    }
    for field, value in figures.items():
        page.fill(f"[name='{field}']", str(value))
    page.click("#submit-button")
    page.wait_for_selector("text=Đã gửi kết quả.")
    assert "Đã gửi lúc" in page.inner_text("#status")


def _accept_results(page, live_server, code: str, screenshot) -> None:
    page.click("#nav-review-queue")
    for unit, *_ in COMMUNES:
        page.locator(f"[data-unit='{unit}'] >> text=Tiếp nhận").click()
        page.wait_for_selector(f"[data-unit='{unit}']", state="detached")
    page.wait_for_selector("text=Không có kết quả nào chờ duyệt.")
    page.goto(f"{live_server.url}/dot-hoc-tap/{code}/tong-hop/")
    assert page.inner_text("[data-figure='party-members']") == _party_members_sentence()
    assert page.inner_text("[data-count='on_time']").startswith("3/3")
    screenshot(page, "new-district-dashboard")


def _approve_report(page, code: str, screenshot) -> None:
    """Drafted from the data; each suggested paragraph read and kept; approved."""
    page.click(f"a[href^='/dot-hoc-tap/{code}/bao-cao/']")
    page.click("text=Lập dự thảo từ số liệu")
    page.wait_for_selector("text=Đã lập dự thảo báo cáo từ số liệu.")
    report = page.inner_text(".report-text")
    assert "Kết quả chung: 100% các chi, đảng bộ" in report
    assert f"đảng viên {_party_members_sentence()}" in report
    assert page.input_value("#closing-form [name=name]") == LEADER_NAME  # from the issuing details
    for _ in range(page.locator("text=Giữ nguyên đoạn này").count()):
        page.locator("text=Giữ nguyên đoạn này").first.click()
        page.wait_for_selector("text=Đã giữ nguyên đoạn văn.")
    page.click("text=Duyệt báo cáo")
    page.wait_for_selector("text=Đã duyệt báo cáo; chờ lãnh đạo ký.")
    screenshot(page, "new-district-report-approved")


def _sign_and_download(page, tmp_path, screenshot):
    """From the leader's to-do list: the report signed, and the signed PDF downloaded."""
    page.click("li:has-text('xem trước rồi ký') a")  # under "Báo cáo chờ ký"
    page.click("#sign-button")
    page.wait_for_selector("text=Đã ký ban hành báo cáo số 01-BC/HU.")
    assert page.dialogs[-1].startswith("Ký số và ban hành báo cáo này?")
    screenshot(page, "new-district-report-signed")
    with page.expect_download() as download:
        page.click("text=Tải PDF đã ký")
    path = tmp_path / "bao-cao.pdf"
    download.value.save_as(path)
    return path
