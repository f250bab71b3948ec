"""The three daily flows, in a real browser."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from conferences.models import ConferenceSite
from reporting.models import UnitResult
from tests import builders

# Twenty seconds of Chromium: run by .ci/run (which requires Chromium) and `make test-slow`, outside `make test`.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Mat-khau-2026"
PHONE = {"width": 390, "height": 844}
# The usual organisations but the Front, whose figures the flows type: none held, 0.
OTHER_ORGANISATIONS = ("hoi-nong-dan", "doan-thanh-nien", "hoi-phu-nu", "hoi-cuu-chien-binh")


@pytest.fixture
def district():
    """A district running a campaign whose deadline is still ahead."""
    today = timezone.localdate()
    root, (commune,) = builders.district(
        "tam-duong", communes=1, name="Đảng ủy xã Tả Lèng", party_members=140, non_member_staff=24
    )
    other = builders.committee("tam-duong-xa-2", parent=root, name="Đảng ủy xã 2")
    campaign = builders.campaign(
        root,
        code="tw8",
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=20),
        reporting_deadline=today + datetime.timedelta(days=10),
    )
    User.objects.create_user("bithu", password=PASSWORD, role=User.Role.UNIT_SECRETARY, committee=commune)
    User.objects.create_user("tuyengiao", password=PASSWORD, role=User.Role.PROPAGANDA_STAFF, committee=root)
    return root, commune, other, campaign


def sign_in(new_page, live_server, username: str, viewport=None):
    page = new_page(viewport or {"width": 1366, "height": 900})
    _sign_in_as(page, live_server, username, PASSWORD)
    return page


def test_secretary_submits_on_a_phone_and_staff_see_it_on_time(new_page, live_server, district, screenshot):
    _root, commune, _, campaign = district
    page = sign_in(new_page, live_server, "bithu", viewport=PHONE)
    page.click("text=Nhập, gửi kết quả")  # on the to-do list the secretary lands on
    page.wait_for_selector("#result-form")
    assert page.input_value("#id_party_members_total") == "140"
    today = timezone.localdate()
    page.fill("#id_held_from", (today - datetime.timedelta(days=5)).isoformat())
    page.fill("#id_held_to", today.isoformat())
    for field, value in {
        "conferences_online": "1",
        "conferences_replay": "1",
        "cell_meetings": "8",
        "party_members_attended": "136",
        "non_members_attended": "24",
        "people": "160",
        "org-mttq-sessions": "1",
        "org-mttq-people": "28",
    }.items():
        page.fill(f"[name='{field}']", value)
    screenshot(page, "secretary-form-phone")
    page.click("#submit-button")
    # A new form's figures start empty: each is typed, 0 where there is none, before it is sent.
    page.wait_for_selector("text=Chưa gửi: kiểm tra các ô báo đỏ.")
    assert (
        page.locator(".invalid-feedback", has_text="Nhập số liệu này trước khi gửi (nhập 0 nếu không có).").count()
        == 9 + 8  # and the four organisations not typed in, two boxes each
    )
    for field in ("conferences_in_person", "conferences_other", "propaganda_sessions", "propaganda_people"):
        page.fill(f"[name='{field}']", "0")
    for field in (
        "radio_tv_news",
        "radio_tv_articles",
        "radio_tv_minutes",
        "action_programmes",
        "implementation_plans",
        *(f"org-{code}-{figure}" for code in OTHER_ORGANISATIONS for figure in ("sessions", "people")),
    ):
        page.fill(f"[name='{field}']", "0")
    page.fill("[name='people']", "1.600")  # as the pages print it: refused at the field, without asking first
    page.click("#submit-button")
    page.wait_for_selector("text=Chỉ nhập chữ số, không dấu chấm hay dấu phẩy, ví dụ 1200.")
    page.fill("[name='people']", "160")
    page.click("#submit-button")
    page.wait_for_selector("text=Đã gửi kết quả.")
    # Asked once: the first press, with figures still empty, went without asking and was refused at them.
    assert page.dialogs == ["Gửi báo cáo kết quả lên cấp trên? Sau khi gửi, chỉ sửa được khi bị trả lại."]
    assert "Đã gửi lúc" in page.inner_text("#status")
    screenshot(page, "secretary-submitted-phone")

    result = UnitResult.objects.get(unit=commune, campaign=campaign)
    assert (result.status, result.party_members_attended, result.people) == (UnitResult.Status.SUBMITTED, 136, 160)

    staff = sign_in(new_page, live_server, "tuyengiao")
    staff.goto(f"{live_server.url}/dot-hoc-tap/{campaign.code}/tong-hop/")
    row = staff.locator(f"tr[data-unit='{commune.code}']")
    assert row.locator("[data-timeliness]").get_attribute("data-timeliness") == "on_time"
    assert "Chờ duyệt, chưa tính" in row.inner_text()  # sent, not counted until reviewed
    assert "136/140" in staff.inner_text("[data-figure='pending-party-members']")
    screenshot(staff, "staff-dashboard-waiting")

    staff.click("#nav-review-queue")
    staff.locator(f"[data-unit='{commune.code}'] >> text=Tiếp nhận").click()
    staff.wait_for_selector("text=Không có kết quả nào chờ duyệt.")
    staff.goto(f"{live_server.url}/dot-hoc-tap/{campaign.code}/tong-hop/")
    assert "136/140" in staff.locator(f"tr[data-unit='{commune.code}']").inner_text()
    assert staff.inner_text("[data-figure='party-members']") == "136/140 đạt 97,1%"
    screenshot(staff, "staff-dashboard")


def test_enter_in_a_return_reason_returns_the_result_on_a_phone(new_page, live_server, district):
    """The phone's Go key sends the reason typed, never the acceptance beside it."""
    _root, commune, _, campaign = district
    builders.result(campaign, commune, status="submitted", submitted_at=timezone.now())
    staff = sign_in(new_page, live_server, "tuyengiao", viewport=PHONE)
    staff.goto(f"{live_server.url}/cho-duyet/")
    for name in ("Tiếp nhận", "Trả lại để sửa"):  # a finger's size
        assert staff.get_by_role("button", name=name).bounding_box()["height"] >= 44
    staff.fill(f"[data-unit='{commune.code}'] [name='reason']", "Thiếu danh sách đảng viên vắng")
    staff.press(f"[data-unit='{commune.code}'] [name='reason']", "Enter")
    staff.wait_for_selector("text=Không có kết quả nào chờ duyệt.")
    result = UnitResult.objects.get(unit=commune, campaign=campaign)
    assert (result.status, result.return_reason) == (UnitResult.Status.RETURNED, "Thiếu danh sách đảng viên vắng")


def test_staff_enter_a_grid_with_one_bad_row_and_see_the_error_there(new_page, live_server, district, screenshot):
    _root, commune, other, campaign = district
    conference = builders.online_conference(campaign, date=timezone.localdate())
    for unit in (commune, other):
        builders.attend(conference, unit, party_members_expected=30, party_members_attended=28)
    before = list(conference.attendances.order_by("pk").values())

    page = sign_in(new_page, live_server, "tuyengiao")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/tham-du/")
    good = page.locator(f"tr[data-unit='{other.code}']")
    bad = page.locator(f"tr[data-unit='{commune.code}']")
    good.locator("[name$='party_members_attended']").fill("30")
    bad.locator("[name$='party_members_attended']").fill("45")
    page.get_by_role("button", name="Lưu toàn bộ bảng").click()
    page.wait_for_selector(f"text=Chưa lưu: có dòng sai ({commune.name}), xem các ô báo đỏ bên dưới.")
    screenshot(page, "staff-attendance-grid-error")

    bad = page.locator(f"tr[data-unit='{commune.code}']")
    assert "Số đảng viên dự vượt số triệu tập." in bad.inner_text()
    assert "vượt số triệu tập" not in page.locator(f"tr[data-unit='{other.code}']").inner_text()
    assert "is-invalid" in bad.locator("[name$='party_members_attended']").get_attribute("class")
    assert list(conference.attendances.order_by("pk").values()) == before

    bad.locator("[name$='party_members_attended']").fill("29")
    page.locator(f"tr[data-unit='{commune.code}'] select").select_option(ConferenceSite.LineTest.PASSED)
    page.get_by_role("button", name="Lưu toàn bộ bảng").click()
    page.wait_for_selector("text=Đã lưu số liệu tham dự của 2 đơn vị.")
    assert sorted(conference.attendances.values_list("party_members_attended", flat=True)) == [29, 30]


def test_staff_approve_and_a_leader_signs_and_downloads_the_report(
    new_page, live_server, fresh_demo, screenshot, tmp_path
):
    from pypdf import PdfReader

    from reporting.documents.verification import verify_report_pdf

    staff = new_page({"width": 1366, "height": 900})
    _sign_in_as(staff, live_server, "tuyengiao", "HocTap@2024")
    staff.goto(f"{live_server.url}/dot-hoc-tap/tw8-khoa-xiii/bao-cao/")
    staff.click("text=Lập dự thảo từ số liệu")
    staff.wait_for_selector("text=Đã lập dự thảo báo cáo từ số liệu.")
    assert "2.443/2.538 đạt 96,3%" in staff.inner_text(".report-text")
    staff.click("text=Duyệt báo cáo")  # refused: the suggested paragraphs are not read yet
    staff.wait_for_selector("text=đoạn gợi ý chưa được xem lại")
    for _ in range(staff.locator("text=Giữ nguyên đoạn này").count()):
        staff.locator("text=Giữ nguyên đoạn này").first.click()
        staff.wait_for_selector("text=Đã giữ nguyên đoạn văn.")
    staff.click("text=Duyệt báo cáo")
    staff.wait_for_selector("text=Đã duyệt báo cáo; chờ lãnh đạo ký.")

    leader = new_page({"width": 1366, "height": 900})
    _sign_in_as(leader, live_server, "lanhdao", "HocTap@2024")
    leader.goto(f"{live_server.url}/dot-hoc-tap/tw8-khoa-xiii/bao-cao/")
    leader.click("#sign-button")
    leader.wait_for_selector("text=Đã ký ban hành báo cáo số 01-BC/HU.")
    assert leader.dialogs == ["Ký số và ban hành báo cáo này? Văn bản được cấp số và không sửa được nữa."]
    screenshot(leader, "leader-signed-report")
    with leader.expect_download() as download_info:
        leader.click("text=Tải PDF đã ký")
    path = tmp_path / "bao-cao.pdf"
    download_info.value.save_as(path)

    content = path.read_bytes()
    assert verify_report_pdf(content).valid
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Số 01-BC/HU" in text and "2.443/2.538 đạt 96,3%" in text

    leader.goto(f"{live_server.url}/kiem-tra-chu-ky/")
    leader.set_input_files("input[type=file]", str(path))
    leader.click("button:has-text('Kiểm tra')")
    leader.wait_for_selector("#verification")
    assert "Hợp lệ: văn bản số 01-BC/HU của Huyện ủy Tam Đường, còn nguyên vẹn." in leader.inner_text("#verification")
    screenshot(leader, "leader-verified-report")


def _sign_in_as(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # the to-do list of the role


def test_an_export_runs_as_a_job_the_page_follows_until_the_file_is_ready(new_page, live_server, district, screenshot):
    from reporting.exports import XLSX_MIMETYPE
    from reporting.models.jobs import ExportJob

    page = sign_in(new_page, live_server, "tuyengiao")
    page.goto(f"{live_server.url}/dot-hoc-tap/tw8/tong-hop/")
    page.click("#dashboard-xlsx-button")
    # Inline (no broker) the job is done by the time its page shows.
    page.wait_for_selector("text=Đã tạo xong tệp tong-hop-tw8-tam-duong.xlsx.")
    with page.expect_download() as download_info:
        page.click("#job-download")
    assert download_info.value.suggested_filename == "tong-hop-tw8-tam-duong.xlsx"

    # With a worker, the page polls the job's status and shows the file once it is there.
    job = ExportJob.objects.create(
        user=User.objects.get(username="tuyengiao"),
        kind="dashboard",
        status=ExportJob.Status.RUNNING,
        progress="Đang tạo “Bảng tổng hợp đợt học tập”…",
        return_url="/dot-hoc-tap/tw8/tong-hop/",
    )
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    page.wait_for_selector("text=Đang tạo “Bảng tổng hợp đợt học tập”…")
    screenshot(page, "job-running")
    ExportJob.objects.filter(pk=job.pk).update(progress="Còn một chút nữa…")
    page.wait_for_selector("text=Còn một chút nữa…")
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        filename="tong-hop.xlsx",
        mimetype=XLSX_MIMETYPE,
        content=b"PK",
        progress="Đã tạo xong tệp tong-hop.xlsx.",
    )
    page.wait_for_selector("#job-download")
    screenshot(page, "job-done")
    with page.expect_download() as download_info:
        page.click("#job-download")
    assert download_info.value.suggested_filename == "tong-hop.xlsx"
