"""The attacks of the hardening review, run again from outside: over HTTP against gunicorn as production runs it.

gunicorn serves the project with production settings (DEBUG=0, secure cookies, HSTS, the worker
limits of docs/deploy.md) behind a pretend nginx (`TRUSTED_PROXY_COUNT=1`, `X-Forwarded-Proto: https`,
each client's address appended to `X-Forwarded-For`), on a scratch database: PostgreSQL where one
answers on 127.0.0.1:5432 (a database of a random name, dropped afterwards), else SQLite.
tests/attacks/prepare.py loads the demo, opens the campaign "tai-thu" and signs Tam Đường's report.
No Django test client: what the browser gets is what gunicorn sends.

1. A hostile .xlsx (its dimension claims A1:XFD99000, one cell at A99000) uploaded by staff: answered
   within 10 s with a refusal or a preview, and the server answers afterwards.
2. Lock-out behind the proxy: five wrong passwords from one address lock the account there only; the
   user signs in from another.
3. Password change throttled: twelve wrong current passwords lock it (429), even for the right one.
4. A signed report cannot be deleted: the admin is closed to staff, its bulk delete is 403 for the
   administrator, and the signed PDF still downloads.
5. An organisation a unit names is not shown to another unit.
6. Bad input never gives a server error: 2^31 in the attendance grid, 10^20 in an organisation's
   sessions, NUL in a report paragraph, `?committee=%00`, a 256-character user name.
7. A 2.2 MB report paragraph is refused at once with its limit.
8. Headers: CSP without 'unsafe-inline', Permissions-Policy, HSTS; downloads `private, no-store`;
   session and CSRF cookies Secure, HttpOnly, SameSite.
9. A 403 is the Vietnamese page and one line in gunicorn's log, without a traceback.
10. Campaign codes are made, never typed: creating one never answers "Mã đã tồn tại".

Run: `.venv/bin/pytest -m slow tests/attacks` (about half a minute; `ATTACKS_DATABASE=sqlite` keeps to
SQLite where PostgreSQL answers). .ci/run's slow step runs it with the other slow tests.
"""

import datetime
import html
import io
import os
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.load.server import Browser, gunicorn, prepare, production_env, scratch_database
from tests.workbooks import HEADERS

pytestmark = pytest.mark.slow

STAFF, LEADER, SECRETARY, ADMIN = "tuyengiao", "lanhdao", "bithu.taleng", "quantri"
PASSWORD = "HocTap@2024"  # the demo's
LOAD_PASSWORD = "Tai-thu-2026"  # tests/load/prepare.py's secretaries of campaign "tai-thu"
CAMPAIGN = "/dot-hoc-tap/tw8-khoa-xiii/"  # Tam Đường's, its report signed
OPEN = "/dot-hoc-tap/tai-thu/"  # Tam Đường's, open today
LOGIN, PASSWORD_CHANGE = "/tai-khoan/dang-nhap/", "/tai-khoan/doi-mat-khau/"
LOCKED = "Bạn đã nhập sai mật khẩu quá nhiều lần."
FORBIDDEN, NOT_FOUND = "Không có quyền truy cập", "Không tìm thấy trang"
TOO_LARGE = "Số quá lớn: không quá 1.000.000."
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


@dataclass
class Site:
    port: int
    log: Path
    signed_report: int

    def browser(self, address: str) -> Browser:
        """A browser at ``address``, as nginx appends it to X-Forwarded-For."""
        return Browser(self.port, forwarded_for=address)

    def signed_in(self, username: str, address: str, password: str = PASSWORD) -> Browser:
        browser = self.browser(address)
        assert browser.sign_in(username, password).status == 302, f"{username} could not sign in"
        return browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("attacks")
    with scratch_database(tmp, vendor=os.environ.get("ATTACKS_DATABASE")) as database:
        env = production_env(tmp, database, TRUSTED_PROXY_COUNT="1", REPORT_SIGNING_PASSPHRASE="demo-ky-so")
        signed = int(prepare(env, "tests/attacks/prepare.py").split()[-1])
        with gunicorn(env, tmp / "gunicorn.log") as port:
            yield Site(port, tmp / "gunicorn.log", signed)


# Signed in once for the module: each sign-in runs the production password hasher, most of a second.
@pytest.fixture(scope="module")
def staff(site) -> Browser:
    return site.signed_in(STAFF, "192.0.2.10")


@pytest.fixture(scope="module")
def leader(site) -> Browser:
    return site.signed_in(LEADER, "192.0.2.20")


@pytest.fixture(scope="module")
def secretary(site) -> Browser:
    return site.signed_in(SECRETARY, "192.0.2.30")


def form_of(page, action: str) -> dict:
    """What the form posting to ``action`` sends as the page shows it."""
    return dict(page.forms.acting_on(action).fields)


def messages(page) -> list[str]:
    """The messages the layout shows above the page."""
    found = re.findall(r'<div class="alert[^"]*" role="alert">(.*?)</div>', page.text, re.S)
    return [html.unescape(" ".join(message.split())) for message in found]


def hostile_workbook() -> bytes:
    """The template's headers and one cell at A99000, its sheet claiming A1:XFD99000: 99,000 rows of 16,384
    columns to a reader that believes it."""
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    workbook.active["A99000"] = "tam-duong-ta-leng"
    made = io.BytesIO()
    workbook.save(made)
    hostile = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content, claimed = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD99000"/>', content)
                assert claimed == 1
            archive.writestr(name, content)
    return hostile.getvalue()


def test_1_a_hostile_workbook_is_answered_at_once_and_the_server_goes_on(staff):
    url = f"{CAMPAIGN}nhap-excel/"
    page = staff.get(url)
    try:
        answer = staff.post(url, form_of(page, url), files={"file": ("ket-qua.xlsx", hostile_workbook())}, timeout=10)
    except TimeoutError:
        pytest.fail("the hostile workbook had no answer within 10 s")
    refused = answer.status == 200 and "Không nhập được tệp: chưa có gì thay đổi." in answer.text
    previewed = answer.status == 302 and re.fullmatch(rf"{url}[0-9a-f-]{{36}}/", answer.location)
    assert refused or previewed, (answer.status, answer.location, messages(answer))
    # The server goes on: two pages asked at once are both answered.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = list(pool.map(lambda _: staff.get("/dot-hoc-tap/", timeout=5), range(2)))
    assert [page.status for page in pages] == [200, 200]


def test_2_behind_the_proxy_wrong_passwords_lock_their_address_only(site):
    attacker, user = "203.0.113.5", "198.51.100.9"
    guesses = [site.browser(attacker).sign_in(STAFF, "sai-mat-khau") for _ in range(4)]
    assert [guess.status for guess in guesses] == [200] * 4
    # Writing the user's address into the header moves nothing onto it: nginx appends the attacker's.
    fifth = site.browser(f"{user}, {attacker}").sign_in(STAFF, "sai-mat-khau")
    assert fifth.status == 429
    assert "Tạm khóa đăng nhập" in fifth.text

    assert site.browser(user).sign_in(STAFF, PASSWORD).status == 302
    locked = site.browser(attacker).sign_in(STAFF, PASSWORD)
    assert locked.status == 429
    assert "Tạm khóa đăng nhập" in locked.text
    assert LOCKED in locked.text


def test_3_wrong_current_passwords_lock_the_password_change(site):
    staff = site.signed_in(STAFF, "192.0.2.33")
    token = form_of(staff.get(PASSWORD_CHANGE), PASSWORD_CHANGE)["csrfmiddlewaretoken"]

    def change(old: str):
        new = "Nghi-quyet-moi-2025"
        form = {"csrfmiddlewaretoken": token, "old_password": old, "new_password1": new, "new_password2": new}
        return staff.post(PASSWORD_CHANGE, form)

    wrong = [change("sai-mat-khau") for _ in range(12)]
    assert [answer.status for answer in wrong] == [200] * 4 + [429] * 8
    assert "Mật khẩu hiện tại không đúng; hãy nhập lại." in wrong[0].text
    right = change(PASSWORD)
    assert right.status == 429
    assert LOCKED in right.text
    # Nothing changed: the demo's password still signs in, from elsewhere.
    assert site.browser("192.0.2.34").sign_in(STAFF, PASSWORD).status == 302


def test_4_a_signed_report_cannot_be_deleted(site, staff, leader):
    changelist = "/admin/reporting/report/"
    bulk = {"action": "delete_selected", "_selected_action": str(site.signed_report), "post": "yes"}
    for outsider in (staff, leader):  # the admin is closed to them: no way to a delete at all
        refused = outsider.post(changelist, {**bulk, "csrfmiddlewaretoken": outsider.cookies["csrftoken"]})
        assert (refused.status, refused.location) == (302, f"/admin/login/?next={changelist}")

    admin = site.signed_in(ADMIN, "192.0.2.44")
    token = form_of(admin.get(changelist), changelist)["csrfmiddlewaretoken"]
    assert admin.post(changelist, {**bulk, "csrfmiddlewaretoken": token}).status == 403
    delete = f"{changelist}{site.signed_report}/delete/"
    assert admin.post(delete, {"csrfmiddlewaretoken": token, "post": "yes"}).status == 403

    download = leader.get(f"/bao-cao/{site.signed_report}/ban-ky.pdf")
    assert (download.status, download.header("Content-Type")) == (200, "application/pdf")
    assert download.body.startswith(b"%PDF-")


def result_form(page, url: str, **changes: str) -> dict:
    """The result form as the page shows it, figures filled in as a unit reports them, with ``changes``."""
    form = form_of(page, f"{url}luu-nhap/")
    day = datetime.date.today()
    total, others = int(form["party_members_total"]), int(form["non_members_total"])
    return {
        **form,
        "held_from": (day - datetime.timedelta(days=5)).isoformat(),
        "held_to": (day - datetime.timedelta(days=2)).isoformat(),
        "conferences_in_person": "1",
        "cell_meetings": "2",
        "party_members_attended": str(total),
        "non_members_attended": str(others),
        "people": str(total + others),
        **changes,
    }


def test_5_an_organisation_one_unit_names_is_not_shown_to_another(site, secretary):
    own, neighbour = f"{OPEN}ket-qua/tam-duong-ta-leng/", f"{OPEN}ket-qua/tam-duong-khun-ha/"
    named = {"other-0-name": "Hội Người cao tuổi", "other-0-sessions": "2", "other-0-people": "60"}
    saved = secretary.post(f"{own}luu-nhap/", result_form(secretary.get(own), own, **named))
    assert saved.status == 302, messages(saved)
    assert "Hội Người cao tuổi" in secretary.get(own).text

    other = site.signed_in("tai.tam-duong-khun-ha", "192.0.2.56", LOAD_PASSWORD).get(neighbour)
    assert other.status == 200
    assert "Hội Người cao tuổi" not in other.text
    assert 'name="other-0-name"' in other.text


def draft_paragraph(staff: Browser) -> tuple[str, dict]:
    """The open campaign's report drafted by staff (or the draft already open): where its first paragraph
    is edited, and the paragraph's form as the page shows it."""
    report = f"{OPEN}bao-cao/"
    started = staff.post(f"{report}lap-du-thao/", {"csrfmiddlewaretoken": staff.cookies["csrftoken"]})
    edit = f"{report}sua-doan/"
    paragraph = next(form for form in staff.follow(started).forms.forms if form.action.startswith(edit))
    return paragraph.action, dict(paragraph.fields)


def test_6_bad_input_never_gives_a_server_error(site, staff, secretary):
    conference = re.search(r'href="(/hoi-nghi/\d+/)"', staff.get(CAMPAIGN).text).group(1)
    grid = f"{conference}tham-du/"
    form = form_of(staff.get(grid), grid)
    field = next(name for name in form if name.endswith("-party_members_attended"))
    answer = staff.post(grid, {**form, field: str(2**31)})
    assert answer.status == 200
    assert messages(answer) == ["Chưa lưu: có dòng sai (Huyện ủy Tam Đường), xem các ô báo đỏ bên dưới."]
    assert TOO_LARGE in answer.text

    own = f"{OPEN}ket-qua/tam-duong-ta-leng/"
    answer = secretary.post(
        f"{own}luu-nhap/", result_form(secretary.get(own), own, **{"org-mttq-sessions": "1" + "0" * 20})
    )
    assert answer.status == 200
    assert messages(answer) == ["Chưa lưu: kiểm tra các ô báo đỏ."]
    assert TOO_LARGE in answer.text

    edit, paragraph = draft_paragraph(staff)
    answer = staff.post(edit, {**paragraph, "text": "Hội nghị\x00 đã họp"})
    assert answer.status == 302
    assert messages(staff.follow(answer)) == ["Văn bản có ký tự không hợp lệ (ký tự rỗng); hãy gõ lại phần đó."]

    answer = staff.get(f"{CAMPAIGN}tong-hop/?committee=%00")
    assert answer.status == 404
    assert NOT_FOUND in answer.text

    visitor = site.browser("192.0.2.68")
    token = form_of(visitor.get(LOGIN), LOGIN)["csrfmiddlewaretoken"]
    answer = visitor.post(LOGIN, {"csrfmiddlewaretoken": token, "username": "a" * 256, "password": "x"})
    assert answer.status == 200
    assert "Tên đăng nhập dài quá 150 ký tự." in answer.text


def test_7_a_paragraph_of_megabytes_is_refused_at_once(staff):
    edit, paragraph = draft_paragraph(staff)
    answer = staff.post(edit, {**paragraph, "text": "x" * 2_200_000}, timeout=10)
    assert answer.status == 302
    assert answer.seconds < 5
    assert messages(staff.follow(answer)) == ["Đoạn văn quá dài: tối đa 5.000 ký tự, đã nhập 2200000."]


def cookie_flags(line: str) -> set[str]:
    return {part.strip() for part in line.split(";")[1:]} - {""}


def test_8_pages_downloads_and_cookies_carry_production_headers(site):
    plain = Browser(site.port, forwarded_for="192.0.2.88", https=False).get(LOGIN)
    assert (plain.status, plain.location) == (301, f"https://127.0.0.1:{site.port}{LOGIN}")

    browser = site.browser("192.0.2.88")
    page = browser.get(LOGIN)
    policy = page.header("Content-Security-Policy")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.header("Permissions-Policy") == PERMISSIONS
    assert page.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    cookies = browser.sign_in(LEADER, PASSWORD).set_cookies()
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= cookie_flags(cookies["sessionid"])
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= cookie_flags(cookies["csrftoken"])

    pdf = browser.get(f"/bao-cao/{site.signed_report}/ban-ky.pdf")
    workbook = browser.get(f"{CAMPAIGN}tong-hop.xlsx")
    for download in (pdf, workbook):
        assert download.status == 200
        assert download.header("Content-Disposition").startswith("attachment;")
        assert download.header("Cache-Control") == "private, no-store"
        assert download.header("Permissions-Policy") == PERMISSIONS
    assert workbook.body.startswith(b"PK")


def test_9_a_refusal_is_the_403_page_and_one_line_in_the_log(site, secretary):
    dashboard = f"{CAMPAIGN}tong-hop/"
    answer = secretary.get(dashboard)
    assert answer.status == 403
    assert FORBIDDEN in answer.text
    line = f"WARNING django.request: Forbidden (403): user={SECRETARY} path={dashboard} reason=PermissionDenied"
    for _ in range(20):  # the worker writes its log line as it answers; give the file a moment
        logged = [text for text in site.log.read_text().splitlines() if f"user={SECRETARY} path={dashboard}" in text]
        if logged:
            break
        time.sleep(0.1)
    assert len(logged) == 1
    assert logged[0].endswith(line)


def test_10_campaign_codes_are_made_so_none_is_ever_taken(staff):
    new = "/dot-hoc-tap/tao-moi/"
    form = staff.get(new).forms.acting_on(new)
    assert "code" not in form.fields
    typed = {
        **form.fields,
        "code": "tw5-khoa-xiii",  # Tây Sơn's: a typed code would say whether another district uses it
        "name": "Nghị quyết số 42-NQ/TW và Nghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII",
        "short_name": "Nghị quyết 42, 43",
        "resolutions": [value for value, _ in form.options["resolutions"][:2]],
        "starts_on": "2024-03-01",
        "ends_on": "2024-04-30",
        "reporting_deadline": "2024-04-15",
        "participation_threshold": "95",
        "plan_number": "245-KH/HU",
        "plan_date": "2024-02-26",
    }
    made = [staff.post(new, typed) for _ in range(2)]
    assert [answer.status for answer in made] == [302, 302], [messages(answer) for answer in made]
    codes = [re.fullmatch(r"/dot-hoc-tap/(nghi-quyet-42-43-[a-z2-9]{4})/", answer.location) for answer in made]
    assert all(codes) and codes[0].group(1) != codes[1].group(1)
    assert not any("Mã đã tồn tại" in staff.follow(answer).text for answer in made)


def test_the_server_never_failed_through_all_the_attacks(site):
    log = site.log.read_text()
    assert "Traceback" not in log
    assert "Internal Server Error" not in log
