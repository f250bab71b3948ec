"""Each role's first page is their to-do list."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from reporting.documents.term_reports import term_report_start
from reporting.models import UnitResult
from tests import builders
from tests.test_reports import user
from tests.test_term_report import tay_son_period

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_a_secretary_sees_each_campaign_with_its_standing_and_the_days_left(demo, client):
    UnitResult.objects.filter(campaign__code="tw8-khoa-xiii", unit__code="tam-duong-ta-leng").delete()
    client.force_login(user("bithu.taleng"))
    page = client.get(reverse("home")).content.decode()
    section = page.split('id="todo-secretary"')[1].split("</section>")[0]
    assert "Nghị quyết Trung ương 8" in section and "Chưa gửi" in section
    assert "Hạn báo cáo 15/01/2024" in section and "còn 5 ngày" in section
    assert reverse("unit_result", args=["tw8-khoa-xiii", "tam-duong-ta-leng"]) in section
    assert 'id="todo-staff"' not in page and 'id="todo-leader"' not in page


@time_machine.travel(datetime.datetime(2024, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_a_returned_result_shows_why_and_how_late(demo, client):
    UnitResult.objects.filter(campaign__code="tw8-khoa-xiii", unit__code="tam-duong-ta-leng").update(
        status="returned", return_reason="Thiếu số người dự"
    )
    client.force_login(user("bithu.taleng"))
    section = client.get(reverse("home")).content.decode().split('id="todo-secretary"')[1]
    assert "Bị trả lại" in section and "Lý do trả lại: Thiếu số người dự" in section and "quá hạn 5 ngày" in section


@time_machine.travel(datetime.datetime(2024, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_a_result_sent_late_asks_nothing_more_of_the_secretary(demo, client):
    UnitResult.objects.filter(campaign__code="tw8-khoa-xiii", unit__code="tam-duong-ta-leng").update(status="submitted")
    client.force_login(user("bithu.taleng"))
    section = client.get(reverse("home")).content.decode().split('id="todo-secretary"')[1].split("</section>")[0]
    assert "Đã gửi</span>" in section
    assert "quá hạn" not in section and "Nhập, gửi kết quả" not in section
    assert (
        'btn-outline-secondary" href="/dot-hoc-tap/tw8-khoa-xiii/ket-qua/tam-duong-ta-leng/">Xem kết quả</a>' in section
    )


def test_staff_see_what_waits_for_them(demo, client, django_assert_max_num_queries):
    staff = user("tuyengiao.tayson")
    term_report_start(period=tay_son_period())
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("home")).content.decode()
    section = page.split('id="todo-staff"')[1].split("</section>")[0]
    assert "Không có kết quả nào chờ duyệt." in section
    assert "Báo cáo định kỳ 01/03/2021 – 31/03/2023" in section


def test_a_leader_sees_the_reports_waiting_for_a_signature(demo, client):
    report = term_report_start(period=tay_son_period())
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    client.force_login(user("lanhdao.tayson"))
    page = client.get(reverse("home")).content.decode()
    section = page.split('id="todo-leader"')[1].split("</section>")[0]
    assert reverse("term_report", args=[report.pk]) in section and "xem trước rồi ký" in section
    assert 'id="todo-staff"' not in page


@time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_staff_see_the_units_not_reported_in_a_running_campaign(demo, client):
    from conferences.models import Campaign, Committee
    from reporting.figures.units import completeness

    campaign, committee = Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")
    UnitResult.objects.filter(campaign=campaign, unit__code__in=["tam-duong-ta-leng", "tam-duong-ban-bo"]).delete()
    standing = completeness(campaign=campaign, committee=committee)
    not_sent = standing.units - standing.reported.attended
    client.force_login(user("tuyengiao"))
    section = client.get(reverse("home")).content.decode().split('id="todo-staff"')[1].split("</section>")[0]
    assert not_sent == 2 and "2 đơn vị chưa gửi (hạn 15/01/2024)" in section


def test_staff_of_a_district_with_no_unit_yet_see_its_first_steps(demo, client, django_user_model):
    province = builders.district(communes=0)[0]  # a district just set up, nothing under it
    staff = django_user_model.objects.create_user("tuyengiao.moi", role="staff", committee=province)
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    steps = page.split('id="first-steps"')[1].split("</section>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', steps) == [
        (reverse("committee_import"), "Nhập cây cấp ủy: các đơn vị trực thuộc, từ tệp Excel mẫu"),
        (reverse("account_list"), "Tạo tài khoản bí thư cho các đơn vị, in phiếu mật khẩu"),
        (
            reverse("committee_issuing", args=[province.code]),
            "Khai báo thông tin ban hành văn bản (nơi nhận, người ký)",
        ),
        (reverse("site_list"), "Khai báo các điểm cầu trực tuyến"),
        (reverse("campaign_new"), "Tạo đợt học tập đầu tiên"),
    ]
    assert "Chưa có đơn vị trực thuộc nào." in page and "đã nhận đủ báo cáo" not in page
    client.force_login(user("tuyengiao"))  # a district with its units: no first steps
    assert 'id="first-steps"' not in client.get(reverse("home")).content.decode()
