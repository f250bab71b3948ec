"""Review before counting: the queue, the dashboard's waiting figures, approval refused while results wait."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from conferences.models import Term
from reporting.documents.workflow import (
    ReportStateError,
    ResultsPending,
    report_blocks,
    report_regenerate,
    report_sign,
    report_start,
)
from reporting.figures.dashboard import DashboardExporter
from reporting.figures.units import unit_rows
from reporting.models import Report, UnitResult
from tests import builders

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def waiting():
    """A district of four communes: one accepted, two waiting (the older one with a confirmed warning), one silent."""
    root, communes = builders.district(communes=4, party_members=100)
    campaign = builders.campaign(root)
    builders.result(campaign, communes[0], party_members_total=100, party_members_attended=90)
    builders.result(
        campaign,
        communes[2],
        status="submitted",
        submitted_at=datetime.datetime(2024, 1, 10, 8, 0, tzinfo=UTC),
        party_members_total=100,
        party_members_attended=95,
        outreach={"mttq": (3, 90), "hoi-nong-dan": (2, 1_200)},
    )
    builders.result(
        campaign,
        communes[1],
        status="submitted",
        submitted_at=datetime.datetime(2024, 1, 9, 8, 0, tzinfo=UTC),
        party_members_total=100,
        party_members_attended=99,
        people=600,
        confirmed_warnings=[
            {"field": "people", "label": "Số người tham gia", "message": "Gấp 6 lần kỳ trước (100 người)."}
        ],
    )
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root)
    return root, communes, campaign, staff


def test_the_queue_lists_waiting_results_oldest_first_with_their_warnings(client, waiting):
    _, _communes, _campaign, staff = waiting
    client.force_login(staff)
    content = client.get(reverse("review_queue")).content.decode()
    assert content.index("Đảng ủy xã 2") < content.index("Đảng ủy xã 3")
    assert "Đảng ủy xã 1" not in content.split('id="queue"')[1]  # accepted: not waiting
    assert "⚠ Số người tham gia: Gấp 6 lần kỳ trước (100 người)." in content
    # What the organisations reported is in sight too: it goes into the report once accepted.
    assert "<div data-outreach>Mặt trận, đoàn thể: 5 buổi, 1.290 lượt người</div>" in content
    assert content.count("data-outreach") == 1
    # Every page shows a reviewer how many wait.
    landing = client.get(reverse("campaign_list")).content.decode()
    assert 'Chờ duyệt <span class="badge text-bg-light">2</span>' in landing


def test_accept_and_return_in_the_queue_come_back_to_it(client, waiting):
    _, communes, campaign, staff = waiting
    client.force_login(staff)
    accept = reverse("unit_result_accept", args=[campaign.code, communes[1].code])
    response = client.post(accept, {"next": "queue"})
    assert response.url == reverse("review_queue")
    back = reverse("unit_result_return", args=[campaign.code, communes[2].code])
    response = client.post(back, {"next": "queue", "reason": "   "})
    # Told on the queue, at the card's reason: the reviewer stays where the other results wait.
    assert response.url == reverse("review_queue")
    card = client.get(response.url).content.decode().split(f'data-unit="{communes[2].code}"')[1].split("</form>")[1]
    assert 'aria-invalid="true"' in card and "Nêu lý do trả lại để đơn vị sửa." in card
    assert 'aria-invalid="true"' not in client.get(response.url).content.decode()  # said once
    assert UnitResult.objects.get(unit=communes[2]).status == UnitResult.Status.SUBMITTED
    # From a stale queue, a result reviewed meanwhile: the refusal is said above the queue.
    reviewed = client.post(accept.replace(communes[1].code, communes[2].code), {"next": "queue"})
    stale = client.post(back, {"next": "queue", "reason": ""}, follow=True)
    assert reviewed.url == reverse("review_queue") and f'data-unit="{communes[2].code}"' not in stale.content.decode()
    assert [str(m) for m in stale.context["messages"]][-1] == (
        "Kết quả này không còn chờ duyệt (đã được xem xét); không trả lại được."
    )
    UnitResult.objects.filter(unit=communes[2]).update(status=UnitResult.Status.SUBMITTED)
    response = client.post(back, {"next": "queue", "reason": "Thiếu danh sách đảng viên"})
    assert response.url == reverse("review_queue")
    assert "Không có kết quả nào chờ duyệt." in client.get(reverse("review_queue")).content.decode()


@pytest.mark.parametrize("units", [10, 100])
def test_the_queue_takes_the_same_queries_for_ten_or_a_hundred_units(client, django_assert_num_queries, units):
    root, communes = builders.district(communes=units)
    campaign = builders.campaign(root)
    for commune in communes:
        builders.result(campaign, commune, status="submitted", party_members_total=10, party_members_attended=9)
    client.force_login(User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root))
    # session, the user with their committee, the waiting results, the count in the menu
    with django_assert_num_queries(4):
        response = client.get(reverse("review_queue"))
    assert response.content.decode().count("data-unit=") == units


def test_the_dashboard_shows_waiting_figures_apart_from_the_counted_ones(client, waiting):
    _root, communes, campaign, staff = waiting
    client.force_login(staff)
    content = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    assert 'data-figure="party-members">90/100 đạt 90,0%</div>' in content
    assert "Chờ duyệt, chưa tính vào các số trên: 2 đơn vị" in content
    assert 'data-figure="pending-party-members">194/200 đạt 97,0%</span>' in content
    # A unit with nothing counted has no figures to show, not 0/0 nor 0 conferences.
    silent = content.split(f'data-unit="{communes[3].code}"')[1].split("</tr>")[0]
    assert silent.count('<td class="num">—</td>') == 7 and "0/0" not in silent and ">0<" not in silent
    UnitResult.objects.update(status=UnitResult.Status.SUBMITTED)
    nothing = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    assert 'data-figure="party-members">—</div>' in nothing and 'data-figure="non-members">—</div>' in nothing


def test_approval_is_refused_while_results_wait_naming_the_units(client, waiting):
    root, communes, campaign, staff = waiting
    report = report_start(campaign=campaign, committee=root)
    report.signer_name = "Nguyễn Văn A"
    report.save()
    with pytest.raises(ResultsPending) as refused:
        builders.approve(report=report, user=staff)
    assert str(refused.value) == (
        "Chưa duyệt được: kết quả của 2 đơn vị chưa được xem xét (Đảng ủy xã 2, Đảng ủy xã 3). "
        "Tiếp nhận hoặc trả lại trước."
    )
    client.force_login(staff)
    page = client.get(reverse("report", args=[campaign.code])).content.decode()
    link = reverse("unit_result", args=[campaign.code, communes[1].code])
    assert f'<a href="{link}">Đảng ủy xã 2</a>' in page
    response = client.post(reverse("report_approve", args=[campaign.code]), follow=True)
    assert "Đảng ủy xã 2, Đảng ủy xã 3" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


def test_units_with_nothing_accepted_are_named_as_not_reported(waiting):
    root, _communes, campaign, _staff = waiting
    UnitResult.objects.filter(status="submitted").update(status="returned", return_reason="Sai")
    report = report_start(campaign=campaign, committee=root)
    text = " ".join(block.text for block in report_blocks(report))
    assert "Còn 3 đơn vị chưa gửi báo cáo kết quả (*Đảng ủy xã 2, 3, 4*)." in text


def test_a_draft_counts_the_units_that_reported_as_it_names_those_that_did_not(waiting):
    """While two results wait, the draft's share of units that studied is the one unit accepted, as the units it
    names as not reported are the other three: the draft never says both 75,0% and three missing."""
    root, _communes, campaign, _staff = waiting
    text = " ".join(block.text for block in report_blocks(report_start(campaign=campaign, committee=root)))
    assert "Kết quả chung: 25,0% các chi, đảng bộ đã triển khai học tập, quán triệt" in text
    assert "Còn 3 đơn vị chưa gửi báo cáo kết quả (*Đảng ủy xã 2, 3, 4*)." in text


def test_a_result_sent_again_after_a_return_is_as_timely_as_its_first_sending(waiting):
    root, communes, campaign, _staff = waiting
    first = datetime.datetime(2024, 1, 9, 8, 0, tzinfo=UTC)
    UnitResult.objects.filter(unit=communes[1]).update(
        first_submitted_at=first, submitted_at=datetime.datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    )
    row = next(row for row in unit_rows(campaign=campaign, committee=root) if row.code == communes[1].code)
    assert (row.timeliness_label, row.days_late) == ("Đúng hạn", None)
    assert row.review_label == "Chờ duyệt, chưa tính (gửi lại sau khi bị trả lại)"


def test_the_report_names_a_resent_unit_for_its_reporting_not_for_years_of_lateness(client, waiting):
    root, communes, campaign, staff = waiting
    UnitResult.objects.filter(unit=communes[1]).update(
        status="accepted", submitted_at=datetime.datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    )
    on_time = datetime.datetime(2024, 1, 10, 8, 0, tzinfo=UTC)
    UnitResult.objects.filter(unit=communes[0]).update(submitted_at=on_time, first_submitted_at=on_time)
    UnitResult.objects.filter(unit=communes[2]).update(status="accepted")
    text = " ".join(block.text for block in report_blocks(report_start(campaign=campaign, committee=root)))
    assert "báo cáo kết quả về huyện còn hạn chế (*Đảng ủy xã 2*)." in text
    client.force_login(staff)
    content = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    assert "Đã tiếp nhận, được tính (gửi lại sau khi bị trả lại)" in content
    assert "ngày)" not in content  # no lateness counted in days


def test_the_reports_workbook_counts_only_accepted_figures(waiting):
    root, _, campaign, _ = waiting
    _name, _type, content = DashboardExporter(campaign=campaign, committee=root).render()
    workbook = load_workbook(io.BytesIO(content))
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert (summary["Đảng viên tham gia học tập"], summary["Tổng số đảng viên"]) == (90, 100)
    assert summary["Tỷ lệ đảng viên tham gia"] == pytest.approx(0.9)
    # The units sheet lists the waiting result too; its totals take only what counts.
    units = workbook["Theo đơn vị"]
    assert units[f"G{units.max_row}"].value.startswith("=SUMIF(D2:D")


def test_a_report_without_accepted_results_says_so_and_prints_no_zero_or_empty_heading():
    root, _ = builders.district(communes=3)
    campaign = builders.campaign(root)
    blocks = report_blocks(report_start(campaign=campaign, committee=root))
    text = "\n".join(block.text for block in blocks)
    assert "Kết quả chung: chưa có chi, đảng bộ nào báo cáo kết quả học tập, quán triệt" in text
    assert "0,0%" not in text and "0/0" not in text and " 0 hội nghị" not in text
    assert "2. Công tác tuyên truyền" not in text  # nothing under it
    assert "b) Cấp cơ sở" not in text and "a) Cấp cơ sở" in text  # lettered in order
    level = {"section": 1, "subsection": 2, "item": 3}
    following = [*[level.get(block.kind, 4) for block in blocks[1:]], 0]
    empty = [b.text for b, after in zip(blocks, following, strict=True) if b.kind in level and after <= level[b.kind]]
    assert empty == []


def drafted_with_waiting_returned(waiting) -> Report:
    """The district's report drafted once the two results waiting were returned, its signer named."""
    root, _communes, campaign, _staff = waiting
    UnitResult.objects.filter(status="submitted").update(status="returned", return_reason="Sai")
    report = report_start(campaign=campaign, committee=root)
    report.signer_name = "Nguyễn Văn A"
    report.save()
    return report


def test_a_draft_the_data_moved_under_is_neither_approved_nor_signed(client, waiting):
    root, communes, campaign, staff = waiting
    report = drafted_with_waiting_returned(waiting)
    UnitResult.objects.filter(unit=communes[1]).update(status="accepted")  # accepted after the draft was made
    with pytest.raises(ReportStateError, match="Số liệu đã thay đổi từ lúc lập dự thảo"):
        builders.approve(report=report, user=staff)
    client.force_login(staff)
    assert "Bấm “Cập nhật từ số liệu”" in client.get(reverse("report", args=[campaign.code])).content.decode()

    report_regenerate(report=report)
    builders.approve(report=report, user=staff)
    Term.objects.create(committee=root, name="2025 - 2030", starts_on=datetime.date(2025, 1, 1))  # numbers run
    UnitResult.objects.filter(unit=communes[2]).update(status="accepted")  # accepted after the approval
    with pytest.raises(ReportStateError, match="Số liệu đã thay đổi sau khi duyệt"):
        report_sign(report=Report.objects.get(pk=report.pk), user=staff)
    assert Report.objects.get(pk=report.pk).number is None


def test_the_dashboard_names_results_accepted_after_its_report_was_signed(client, waiting):
    """Late results still count on the dashboard; the leader reads there that the signed report did not."""
    root, communes, campaign, staff = waiting
    report = drafted_with_waiting_returned(waiting)
    builders.approve(report=report, user=staff)
    Term.objects.create(committee=root, name="2025 - 2030", starts_on=datetime.date(2025, 1, 1))
    signed = report_sign(report=Report.objects.get(pk=report.pk), user=staff)
    client.force_login(staff)
    assert 'id="since-signing"' not in client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    later = signed.signed_at + datetime.timedelta(hours=1)
    UnitResult.objects.filter(unit=communes[1]).update(status="accepted", reviewed_at=later)
    content = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    at = timezone.localtime(signed.signed_at).strftime("%H:%M %d/%m/%Y")
    assert (
        f'<div class="alert alert-warning small" id="since-signing">Sau khi báo cáo số {signed.number.label} được '
        f"ký lúc {at}, đã tiếp nhận kết quả của 1 đơn vị (Đảng ủy xã 2): các số dưới đây đã tính, báo cáo đã ký "
        "thì chưa. Muốn đưa vào báo cáo, mở đính chính báo cáo đó.</div>"
    ) in content
