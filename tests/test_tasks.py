"""Background work: exports and signing as jobs the browser follows, daily reminders, a real Redis broker.

Everything here runs inline (no broker), as `make run` does, except the last
test: it needs a Redis server and runs only when REDIS_URL is set (.ci/run
sets it when one answers).
"""

import datetime
import io
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from conferences.models import Campaign, Committee
from config import celery_app
from reporting.documents.exports import ReportPdfExporter
from reporting.documents.workflow import report_start
from reporting.exports import XLSX_MIMETYPE
from reporting.figures.dashboard import DashboardExporter
from reporting.jobs.services import SIGN, job_run, jobs_delete_old
from reporting.jobs.tasks import delete_expired_previews, job_start
from reporting.models import Report, ResultImport, SetupUpload, UnitResult
from reporting.models.jobs import ExportJob
from reporting.results.template import ResultsTemplateExporter
from tests import builders

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
STAFF, LEADER, SECRETARY = "tuyengiao", "lanhdao", "bithu.taleng"
CAMPAIGN = "tw8-khoa-xiii"
Status = ExportJob.Status


@pytest.fixture(autouse=True)
def inline(request, monkeypatch):
    """Tasks run inline in the request, as with no CELERY_BROKER_URL, whatever the environment says."""
    if "real_broker" not in request.node.name:
        monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


def user(username: str) -> User:
    return get_user_model().objects.get(username=username)


def tam_duong() -> tuple[Campaign, Committee]:
    return Campaign.objects.get(code=CAMPAIGN), Committee.objects.get(code="tam-duong")


def login(client, username: str) -> User:
    person = user(username)
    client.force_login(person)
    return person


# The file each button makes: the page it posts to, the job's kind, who presses it, and the same export rendered
# directly. The report's tables are the dashboard's workbook.
EXPORTS = {
    "report_preview": (
        "report_pdf",
        STAFF,
        lambda c, k: ReportPdfExporter(report=report_start(campaign=c, committee=k)),
    ),
    "report_xlsx": ("dashboard", STAFF, lambda c, k: DashboardExporter(campaign=c, committee=k)),
    "dashboard_xlsx": ("dashboard", LEADER, lambda c, k: DashboardExporter(campaign=c, committee=k)),
    "results_template": ("results_template", STAFF, lambda c, k: ResultsTemplateExporter(campaign=c, committee=k)),
}


def same_file(got: bytes, expected: bytes, mimetype: str) -> bool:
    """Workbooks are compared cell by cell: their zip packaging is not byte-stable."""
    if mimetype != XLSX_MIMETYPE:
        return got == expected

    def cells(content: bytes) -> list:
        workbook = load_workbook(io.BytesIO(content))
        return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in workbook.worksheets]

    return cells(got) == cells(expected)


@pytest.mark.parametrize("url_name", EXPORTS)
def test_each_button_runs_its_export_as_a_job_already_done_inline(client, demo, url_name):
    kind, username, exporter = EXPORTS[url_name]
    campaign, committee = tam_duong()
    login(client, username)
    # Files carry their creation time: the same second for both renders.
    with time_machine.travel(datetime.datetime(2024, 1, 20, 9, 0, tzinfo=HANOI), tick=False):
        expected = exporter(campaign, committee).render()
        response = client.post(reverse(url_name, args=[CAMPAIGN]))

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job", args=[job.pk])
    assert (job.kind, job.status, job.user.username, job.error) == (kind, Status.DONE, username, "")
    assert (job.filename, job.mimetype) == expected[:2]
    assert job.progress == f"Đã tạo xong tệp {expected[0]}."

    page = client.get(response["Location"]).content.decode()
    assert f"Tải tệp {expected[0]}" in page
    assert 'http-equiv="refresh"' not in page and "jobs.js" not in page  # nothing left to wait for
    download = client.get(reverse("job_download", args=[job.pk]))
    assert same_file(download.content, expected[2], expected[1])
    assert download["Content-Type"] == expected[1]
    # The preview is shown by the browser; the workbooks are saved.
    shown = "inline" if url_name == "report_preview" else "attachment"
    assert download["Content-Disposition"] == f'{shown}; filename="{expected[0]}"'


def test_the_direct_links_still_give_the_file_when_it_is_ready_at_once(client, demo):
    login(client, LEADER)
    response = client.get(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    assert response.status_code == 200
    assert response.content == bytes(ExportJob.objects.get(kind="dashboard").content)


def test_the_status_endpoint_and_the_page_of_a_job_still_running(client, demo):
    staff = login(client, STAFF)
    job = ExportJob.objects.create(user=staff, kind="dashboard", status=Status.RUNNING, progress="Đang tạo …")

    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert status == {
        "status": "running",
        "finished": False,
        "progress": "Đang tạo …",
        "error": "",
        "download_url": None,
    }
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # no JavaScript: reload
    assert f'data-status-url="{reverse("job_status", args=[job.pk])}"' in page
    assert "/static/js/jobs.js" in page
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404  # nothing to download yet

    client.post(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    done = ExportJob.objects.get(status=Status.DONE)
    status = client.get(reverse("job_status", args=[done.pk])).json()
    assert (status["status"], status["finished"]) == ("done", True)
    assert status["download_url"] == reverse("job_download", args=[done.pk])


def test_a_job_nobody_finished_in_fifteen_minutes_is_given_up_with_a_message(client, demo, django_assert_num_queries):
    staff, leader = login(client, STAFF), user(LEADER)
    nine = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=HANOI)
    with time_machine.travel(nine, tick=False):
        running = ExportJob.objects.create(
            user=staff, kind="dashboard", status=Status.RUNNING, progress="Đang tạo …", started_at=nine
        )
        queued = ExportJob.objects.create(user=staff, kind="dashboard")
        others = ExportJob.objects.create(user=leader, kind="dashboard", status=Status.RUNNING, started_at=nine)
        # Waited long in the queue, picked up a minute before the page is read: its worker has it.
        picked_up = ExportJob.objects.create(
            user=staff, kind="dashboard", status=Status.RUNNING, started_at=nine + datetime.timedelta(minutes=14)
        )
    given_up = (
        "Việc này chưa xong sau 15 phút nên đã dừng: máy xử lý nền có thể đã ngừng hoặc đang quá tải. "
        "Hãy thử lại; nếu vẫn không được, báo quản trị hệ thống."
    )

    before = datetime.datetime(2024, 1, 1, 9, 14, 59, tzinfo=HANOI)
    # Session, user, job: a poll writes nothing.
    with time_machine.travel(before, tick=False), django_assert_num_queries(3):
        assert client.get(reverse("job_status", args=[running.pk])).json()["finished"] is False
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, 15, 1, tzinfo=HANOI), tick=False):
        status = client.get(reverse("job_status", args=[running.pk])).json()
        page = client.get(reverse("job", args=[queued.pk])).content.decode()
    assert (status["status"], status["finished"], status["progress"], status["error"]) == (
        "failed",
        True,
        "",
        given_up,
    )
    assert "Không thực hiện được." in page and given_up in page and "jobs.js" not in page
    job_run(job_id=str(queued.pk))  # a worker that gets to it late does not run it
    queued.refresh_from_db()
    others.refresh_from_db()
    assert (queued.status, queued.error) == (Status.FAILED, given_up)
    assert others.status == Status.RUNNING  # only the person's own job, on its own page
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, 16, tzinfo=HANOI), tick=False):
        assert client.get(reverse("job_status", args=[picked_up.pk])).json()["status"] == "running"
    assert (celery_app.conf.task_soft_time_limit, celery_app.conf.task_time_limit) == (540, 600)


def test_only_the_owner_sees_a_job(client, demo):
    login(client, STAFF)
    client.post(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    job = ExportJob.objects.get()
    urls = [reverse(name, args=[job.pk]) for name in ("job", "job_status", "job_download")]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]

    for someone_else in (LEADER, "quantri"):
        login(client, someone_else)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert client.get(reverse("job", args=[uuid.uuid4()])).status_code == 404
    client.logout()
    assert all(client.get(url)["Location"].startswith(reverse("login")) for url in urls)


def test_jobs_keep_the_roles_and_scope_of_their_actions(client, demo):
    campaign, committee = tam_duong()
    report_start(campaign=campaign, committee=committee)
    login(client, LEADER)
    assert client.post(reverse("report_xlsx", args=[CAMPAIGN])).status_code == 403
    assert client.post(reverse("results_template", args=[CAMPAIGN])).status_code == 403
    login(client, SECRETARY)
    assert client.post(reverse("dashboard_xlsx", args=[CAMPAIGN])).status_code == 403
    login(client, STAFF)
    assert client.post(reverse("dashboard_xlsx", args=["tw5-khoa-xiii"])).status_code == 404
    assert client.post(reverse("report_sign", args=[CAMPAIGN])).status_code == 403
    assert client.get(reverse("report_sign", args=[CAMPAIGN])).status_code == 405
    assert not ExportJob.objects.exists()


def test_a_failing_export_gives_a_failed_job_with_a_vietnamese_message(client, demo, monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DashboardExporter, "render", broken)
    login(client, LEADER)
    response = client.post(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    job = ExportJob.objects.get()
    assert (job.status, job.content, job.filename) == (Status.FAILED, None, "")
    assert job.error == "Không thực hiện được do lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống."
    assert "disk full" in caplog.text  # the cause goes to the log, not to the person

    page = client.get(response["Location"]).content.decode()
    assert "Không thực hiện được." in page and job.error in page
    assert f'href="{reverse("dashboard", args=[CAMPAIGN])}?committee=tam-duong">Quay lại</a>' in page
    assert client.get(reverse("job_status", args=[job.pk])).json()["error"] == job.error
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    # The direct link does not fail either: it shows the job's page.
    assert client.get(reverse("dashboard_xlsx", args=[CAMPAIGN]))["Location"].startswith("/viec/")


def test_signing_runs_as_a_job_and_offers_the_signed_pdf(client, demo):
    campaign, committee = tam_duong()
    report = report_start(campaign=campaign, committee=committee)
    builders.approve(report=report, user=user(STAFF))
    login(client, LEADER)
    response = client.post(reverse("report_sign", args=[CAMPAIGN]))

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    assert (job.kind, job.status, job.progress) == (SIGN, Status.DONE, "Đã ký ban hành báo cáo số 01-BC/HU.")
    report.refresh_from_db()
    assert (report.status, report.number.label, report.signed_by.username) == (Report.Status.SIGNED, "01-BC/HU", LEADER)

    page = client.get(response["Location"]).content.decode()
    assert "Đã ký ban hành báo cáo số 01-BC/HU." in page
    assert f'href="{reverse("signed_report_pdf", args=[report.pk])}">Tải PDF đã ký</a>' in page
    assert "Về trang báo cáo" in page
    assert client.get(reverse("signed_report_pdf", args=[report.pk])).content == bytes(report.signed_pdf)


def test_signing_an_unapproved_report_fails_with_the_reason(client, demo):
    campaign, committee = tam_duong()
    report = report_start(campaign=campaign, committee=committee)
    login(client, LEADER)
    response = client.post(reverse("report_sign", args=[CAMPAIGN]))
    job = ExportJob.objects.get()
    assert (job.status, job.error) == (Status.FAILED, "Báo cáo phải được duyệt trước khi ký.")
    assert "Báo cáo phải được duyệt trước khi ký." in client.get(response["Location"]).content.decode()
    report.refresh_from_db()
    assert (report.status, report.number) == (Report.Status.DRAFT, None)


def test_with_a_broker_no_request_renders(client, demo, monkeypatch, django_capture_on_commit_callbacks):
    from reporting.jobs.tasks import run_job

    def never(self):
        raise AssertionError("rendered in the request")

    sent = []
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(run_job, "delay", sent.append)
    monkeypatch.setattr(DashboardExporter, "render", never)
    login(client, LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        direct = client.get(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    job = ExportJob.objects.get()
    assert direct["Location"] == reverse("job", args=[job.pk])  # the job's page, not the file
    assert (job.status, job.progress, sent) == (Status.QUEUED, "Đang chờ xử lý…", [str(job.pk)])
    assert "Đang chờ xử lý…" in client.get(direct["Location"]).content.decode()


def test_old_jobs_are_cleared_after_a_week(demo):
    staff = user(STAFF)
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, 0, tzinfo=HANOI), tick=False):
        old = job_start(user=staff, kind="results_template", arguments={"campaign": CAMPAIGN, "committee": "tam-duong"})
    with time_machine.travel(datetime.datetime(2024, 1, 7, 9, 0, tzinfo=HANOI), tick=False):
        recent = job_start(
            user=staff, kind="results_template", arguments={"campaign": CAMPAIGN, "committee": "tam-duong"}
        )
    with time_machine.travel(datetime.datetime(2024, 1, 9, 9, 0, tzinfo=HANOI), tick=False):
        assert jobs_delete_old() == 1
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.status == Status.DONE


# Reminders -----------------------------------------------------------------------------------------


@pytest.fixture
def due():
    """A district whose campaign is due on 15/01/2024: one unit accepted, one draft, one returned, one missing."""
    district, units = builders.district("tam-duong", communes=4)
    campaign = builders.campaign(district, code="tw8", name="Nghị quyết Trung ương 8")
    accepted, draft, returned, _missing = units
    builders.result(campaign, accepted)
    builders.result(campaign, draft, status=UnitResult.Status.DRAFT)
    builders.result(campaign, returned, status=UnitResult.Status.RETURNED)

    def person(username, role, committee, email=None, **fields):
        email = f"{username}@example.vn" if email is None else email
        return User.objects.create_user(username, email=email, role=role, committee=committee, **fields)

    for index, unit in enumerate(units, start=1):
        person(f"bithu{index}", User.Role.UNIT_SECRETARY, unit)
    person("vanphong3", User.Role.UNIT_SECRETARY, returned)
    person("khongthu", User.Role.UNIT_SECRETARY, draft, email="")  # no address: nobody to write to
    person("danghi", User.Role.UNIT_SECRETARY, draft, is_active=False)
    person("tuyengiao", User.Role.PROPAGANDA_STAFF, district)
    person("tuyengiao2", User.Role.PROPAGANDA_STAFF, district)
    person("lanhdao", User.Role.LEADER, district)
    person("tuyengiao-xa", User.Role.PROPAGANDA_STAFF, units[1])
    other, _ = builders.district("tay-son", communes=1)
    person("tuyengiao-tayson", User.Role.PROPAGANDA_STAFF, other)
    return campaign


def sent(day: datetime.date):
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7), tzinfo=HANOI), tick=False):
        call_command("send_reminders", stdout=io.StringIO())
    return {tuple(message.to): message for message in mail.outbox}


def test_units_owing_their_report_and_their_staff_are_reminded_three_days_ahead(due):
    messages = sent(datetime.date(2024, 1, 13))
    assert sorted(messages) == [
        ("bithu2@example.vn",),
        ("bithu3@example.vn", "vanphong3@example.vn"),
        ("bithu4@example.vn",),
        ("tuyengiao2@example.vn", "tuyengiao@example.vn"),
    ]
    draft = messages[("bithu2@example.vn",)]
    assert draft.subject == "Nhắc báo cáo kết quả: Nghị quyết Trung ương 8 (còn 2 ngày)"
    assert draft.from_email == settings.DEFAULT_FROM_EMAIL
    assert draft.body == (
        "Kính gửi: Đảng ủy xã 2\n"
        "\n"
        "Đợt học tập: Nghị quyết Trung ương 8\n"
        "Hạn báo cáo: 15/01/2024 (còn 2 ngày).\n"
        "Đơn vị chưa gửi báo cáo kết quả; đề nghị nhập và gửi báo cáo đúng hạn.\n"
        f"Nhập báo cáo tại: {settings.SITE_URL}/dot-hoc-tap/tw8/ket-qua/tam-duong-xa-2/\n"
        "\n"
        "Huyện ủy tam-duong\n"
        "(Thư gửi tự động, xin đừng trả lời thư này.)"
    )
    returned = messages[("bithu3@example.vn", "vanphong3@example.vn")]
    assert "Báo cáo kết quả của đơn vị đã bị trả lại; đề nghị xem ý kiến, sửa và gửi lại." in returned.body
    staff = messages[("tuyengiao2@example.vn", "tuyengiao@example.vn")]
    assert staff.subject == "Tình hình báo cáo: Nghị quyết Trung ương 8 (còn 2 ngày), 3 đơn vị chưa hoàn thành"
    assert staff.body == (
        "Đợt học tập: Nghị quyết Trung ương 8\n"
        "Cấp ủy: Huyện ủy tam-duong\n"
        "Hạn báo cáo: 15/01/2024 (còn 2 ngày).\n"
        "\n"
        "3 đơn vị chưa hoàn thành báo cáo:\n"
        "- Đảng ủy xã 2: Chưa gửi\n"
        "- Đảng ủy xã 3: Bị trả lại\n"
        "- Đảng ủy xã 4: Chưa gửi\n"
        "\n"
        f"Xem trang tổng hợp: {settings.SITE_URL}/dot-hoc-tap/tw8/tong-hop/?committee=tam-duong\n"
        "(Thư gửi tự động, xin đừng trả lời thư này.)"
    )


def test_on_the_day_and_after_the_deadline_the_emails_say_so(due):
    assert sent(datetime.date(2024, 1, 15))[("bithu4@example.vn",)].subject.endswith("(hạn là hôm nay)")
    overdue = sent(datetime.date(2024, 1, 20))
    assert "Hạn báo cáo: 15/01/2024 (đã quá hạn 5 ngày)." in overdue[("bithu4@example.vn",)].body
    assert len(overdue) == 4
    # 30 days after the campaign ends (31/01) is the last day anyone is reminded.
    assert len(sent(datetime.date(2024, 3, 1))) == 4
    assert sent(datetime.date(2024, 3, 2)) == {}


def test_nobody_is_reminded_far_from_the_deadline_or_once_every_unit_has_sent(due):
    assert sent(datetime.date(2024, 1, 11)) == {}  # four days ahead
    assert len(sent(datetime.date(2024, 1, 12))) == 4
    UnitResult.objects.filter(campaign=due).update(
        status=UnitResult.Status.SUBMITTED, submitted_at=datetime.datetime(2024, 1, 12, 15, tzinfo=HANOI)
    )
    builders.result(
        due,
        Committee.objects.get(code="tam-duong-xa-4"),
        status=UnitResult.Status.SUBMITTED,
        submitted_at=datetime.datetime(2024, 1, 12, 16, tzinfo=HANOI),
    )
    assert sent(datetime.date(2024, 1, 13)) == {}


def test_the_reminders_are_a_daily_task_at_seven(due):
    from reporting.jobs.tasks import send_reminders

    schedule = settings.CELERY_BEAT_SCHEDULE["send-reminders"]
    assert schedule["task"] == send_reminders.name
    assert (schedule["schedule"].hour, schedule["schedule"].minute) == ({7}, {0})
    assert celery_app.conf.timezone == "Asia/Ho_Chi_Minh"
    with time_machine.travel(datetime.datetime(2024, 1, 13, 7, 0, tzinfo=HANOI), tick=False):
        assert send_reminders.delay().get() == 4
    assert len(mail.outbox) == 4


def test_previews_waiting_for_confirmation_are_cleared_after_their_hour(demo):
    staff = user(STAFF)
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, 0, tzinfo=HANOI), tick=False):
        SetupUpload.objects.create(user=staff, kind=SetupUpload.Kind.ACCOUNTS, file_name="a.xlsx", content=b"x")
        ResultImport.objects.create(
            user=staff, campaign=Campaign.objects.get(code=CAMPAIGN), committee=staff.committee, file_name="k.xlsx"
        )
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, 59, tzinfo=HANOI), tick=False):
        recent = SetupUpload.objects.create(user=staff, kind=SetupUpload.Kind.COMMITTEES, content=b"y")
        assert delete_expired_previews() == 0
    with time_machine.travel(datetime.datetime(2024, 1, 1, 10, 0, tzinfo=HANOI), tick=False):
        assert delete_expired_previews() == 2
    assert list(SetupUpload.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ResultImport.objects.exists()
    assert "reporting.jobs.tasks.delete_expired_previews" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
