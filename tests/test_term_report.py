"""The term report (Tây Sơn's 190-BC/HU): every campaign and conference of a district over a period."""

import datetime
import io
import itertools
import re

import pytest
from django.contrib.admin import site
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conferences.models import ActionDocument, Committee, OnlineChannel, PreparationStep, Supervision, VideoSite
from reporting.documents.term_drafting import draft_term_report
from reporting.documents.term_reports import TermReportExporter, term_draft_document, term_report_start
from reporting.documents.workflow import report_approve, report_blocks, report_sign
from reporting.figures.term import Period
from reporting.models import Report, UnitResult
from reporting.models.locks import lock_for
from tests import builders
from tests.test_reports import pdf_text, user

pytestmark = pytest.mark.django_db

FROM, TO = datetime.date(2021, 3, 1), datetime.date(2023, 3, 31)
SEED_SENTENCES = [
    "Thực hiện Công văn số 812-CV/BTGTU ngày 27/3/2023 của Ban Tuyên giáo Tỉnh ủy",
    "có 16 điểm cầu với 324 đại biểu tham dự",
    "toàn huyện có 17 điểm cầu trực tuyến, gồm 2 điểm cầu tại huyện (Hội trường Huyện ủy và Hội trường Ủy ban "
    "nhân dân huyện) và 15 điểm cầu ở hội trường (hoặc phòng họp) của 15 xã, thị trấn.",
    "đã xây dựng 33 chương trình hành động và 25 kế hoạch thực hiện",
    "Ban Chấp hành Đảng bộ huyện xây dựng 4 chương trình hành động và 7 kế hoạch thực hiện",
    "kiểm tra, giám sát 13 tổ chức cơ sở đảng",
    "tỷ lệ đảng viên tham gia học tập đạt từ 98% trở lên",
    "chưa là đảng viên đạt trung bình 90%",
    "“Huyện Đoàn Tây Sơn” với 3.504 thành viên",
    # Section 1.7 from the preparation checklist, and what it found late.
    "phát hành giấy mời trước hội nghị 3 ngày trở lên ở 3/4 hội nghị; thử đường truyền trước hội nghị ở 64/64 lượt "
    "điểm cầu; trang trí hội trường",
    "- Một số bước chuẩn bị hội nghị chưa đúng thời hạn: phát hành giấy mời chậm ở 1/4 hội nghị.",
]
# The seed's headings, in its order.
HEADINGS = [
    "I- CÔNG TÁC CHỈ ĐẠO, QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN",
    "1. Việc xây dựng, triển khai các văn bản",
    "2. Vai trò, trách nhiệm",
    "II- ĐÁNH GIÁ TÌNH HÌNH TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
    "1. Kết quả đạt được",
    "1.1. Công tác tổ chức chuẩn bị",
    "1.2. Đánh giá chất lượng tổ chức hội nghị",
    "1.3. Đánh giá kết quả",
    "1.4. Công tác tuyên truyền",
    "1.5. Công tác kiểm tra, giám sát",
    "1.6. Đánh giá việc đổi mới",
    "1.7. Quy trình các bước tổ chức Hội nghị",
    "2. Hạn chế, yếu kém",
    "3. Nguyên nhân",
    "4. Đánh giá chung",
    "III- MỘT SỐ VẤN ĐỀ ĐẶT RA VÀ BÀI HỌC KINH NGHIỆM",
    "IV- NHIỆM VỤ, GIẢI PHÁP",
]
# A figure of nothing: "0 hội nghị", "0/0", "0,0%", "với 0 …".
ZERO_FIGURE = re.compile(r"(?<![\d.,/])0(?:[.,/]0)*(?:%| [a-zà-ỹ])")


def tay_son_period() -> Period:
    return Period(Committee.objects.get(code="tay-son"), FROM, TO)


@pytest.fixture(scope="module")
def term_pdf(module_demo, django_db_blocker, tmp_path_factory):
    output = tmp_path_factory.mktemp("term") / "190.pdf"
    with django_db_blocker.unblock():
        call_command(
            "build_report",
            committee="tay-son",
            **{"from": "2021-03-01", "to": "2023-03-31"},
            format="pdf",
            output=str(output),
            stdout=io.StringIO(),
        )
    return pdf_text(output.read_bytes())


def test_the_command_prints_the_seed_sentences_in_the_seed_order(term_pdf):
    for sentence in SEED_SENTENCES:
        assert sentence in term_pdf
    positions = [term_pdf.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "kết quả nghiên cứu, học tập, quán triệt và tuyên truyền các nghị quyết, chỉ thị, kết luận khóa XIII" in (
        term_pdf
    )
    assert not ZERO_FIGURE.search(term_pdf), ZERO_FIGURE.search(term_pdf)


def test_no_heading_of_the_demo_report_is_empty(demo):
    blocks = term_draft_document(tay_son_period()).blocks
    for block, following in itertools.pairwise(blocks):
        if block.kind in ("section", "subsection", "point"):
            assert following.kind == "paragraph" or _deeper(block.kind, following.kind), block.text


def _deeper(kind: str, following: str) -> bool:
    order = ["section", "subsection", "point"]
    return following in order and order.index(following) > order.index(kind)


def test_the_workbook_holds_the_conferences_and_campaigns(demo, tmp_path):
    output = tmp_path / "190.xlsx"
    call_command(
        "build_report", committee="tay-son", **{"from": "2021-03-01", "to": "2023-03-31"}, format="xlsx",
        output=str(output), stdout=io.StringIO(),
    )  # fmt: skip
    workbook = load_workbook(output)
    assert workbook.sheetnames == ["Đợt học tập", "Hội nghị", "Kiểm tra, giám sát", "Chương trình, kế hoạch"]
    delegates = [row[5] for row in workbook["Hội nghị"].iter_rows(min_row=2, values_only=True)]
    assert delegates == [324, 367, 265, 488, "=SUM(F2:F5)"]  # the totals row adds them up
    campaigns = workbook["Đợt học tập"]
    assert campaigns.max_row == 1 + 5 + 1
    assert all(campaigns[f"D{row}"].number_format == "0.0%" for row in range(2, 8))
    assert min(campaigns[f"D{row}"].value for row in range(2, 7)) >= 0.98  # the seed's "từ 98% trở lên"
    assert workbook["Kiểm tra, giám sát"].max_row == 1 + 13
    assert workbook["Chương trình, kế hoạch"].max_row == 1 + 33 + 25 + 4 + 7


def test_a_bad_period_on_the_command_line_is_told_in_vietnamese(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày kết thúc"):
        call_command("build_report", committee="tay-son", **{"from": "2023-03-31", "to": "2021-03-01"}, output="x")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("build_report", committee="tay-son", **{"from": "31/3/2023", "to": "2021-03-01"}, output="x")


def other_district(campaigns: int = 3) -> Period:
    """A district of four communes with figures of its own, over 2024."""
    root, communes = builders.district("khac", communes=4, party_members=100, locality="xã")
    VideoSite.objects.create(committee=root, name="Điểm cầu Hội trường Huyện ủy", hall="Hội trường Huyện ủy")
    for n in range(campaigns):
        campaign = builders.campaign(
            root,
            f"dot-{n}",
            starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=10 * n),
            ends_on=datetime.date(2024, 2, 1) + datetime.timedelta(days=10 * n),
            reporting_deadline=datetime.date(2024, 2, 1) + datetime.timedelta(days=10 * n),
        )
        conference = builders.online_conference(campaign, date=campaign.starts_on, title=f"Hội nghị số {n + 1}")
        # Invitations 3 days ahead for the first conference only; the next ones 2 days ahead (late).
        PreparationStep.objects.create(
            conference=conference, committee=root, step="invitations",
            completed_on=conference.date - datetime.timedelta(days=3 if n == 0 else 2),
        )  # fmt: skip
        for unit in communes:
            builders.attend(
                conference, unit, party_members_expected=50, party_members_attended=40 + n,
                non_members_expected=5, non_members_attended=5,
            )  # fmt: skip
            builders.result(
                campaign, unit, party_members_total=100, party_members_attended=99 - (unit.pk % 2),
                non_members_total=10, non_members_attended=8 + (unit.pk % 2),
            )  # fmt: skip
    for unit in communes[:3]:
        Supervision.objects.create(committee=root, unit=unit, held_on=datetime.date(2024, 3, 1), subject="Học tập")
    OnlineChannel.objects.create(
        owner=root, kind="zalo", name="Tuyên giáo Khác", members=1234, counted_on=datetime.date(2024, 6, 1)
    )
    for unit, kind, number in [(communes[0], "programme", "1"), (communes[1], "plan", "2"), (root, "plan", "3")]:
        ActionDocument.objects.create(
            unit=unit, campaign=campaign, kind=kind, number=number, issued_on=datetime.date(2024, 2, 1), title="KH"
        )
    return Period(root, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def texts(period: Period) -> str:
    draft = draft_term_report(period=period, request=None)
    return " ".join([text for _key, _kind, text in draft.blocks] + list(draft.footnotes.values()))


def test_the_same_sentences_from_a_district_with_other_figures(db):
    text = texts(other_district())
    assert "toàn huyện có 5 điểm cầu trực tuyến, gồm 1 điểm cầu tại huyện (Hội trường Huyện ủy) và 4 điểm cầu" in text
    assert "Hội nghị số 1 có 4 điểm cầu với 180 đại biểu tham dự; Hội nghị số 2 có 4 điểm cầu với 184" in text
    assert "đã xây dựng 1 chương trình hành động và 1 kế hoạch thực hiện" in text
    assert "Ban Chấp hành Đảng bộ huyện xây dựng 1 kế hoạch thực hiện." in text
    assert "kiểm tra, giám sát 3 tổ chức cơ sở đảng" in text
    assert "tỷ lệ đảng viên tham gia học tập đạt từ 98% trở lên" in text
    assert "chưa là đảng viên đạt trung bình 85%" in text
    assert "“Tuyên giáo Khác” với 1.234 thành viên" in text
    assert "Qua 3 đợt nghiên cứu, học tập, quán triệt" in text
    assert (
        "- Các bước chuẩn bị được thực hiện đúng thời hạn: phát hành giấy mời trước hội nghị 3 ngày trở lên ở 1/3 "
        "hội nghị." in text
    )
    assert "- Một số bước chuẩn bị hội nghị chưa đúng thời hạn: phát hành giấy mời chậm ở 2/3 hội nghị." in text
    assert text.startswith("Ban Thường vụ Huyện ủy khac báo cáo kết quả nghiên cứu, học tập, quán triệt và tuyên")


def test_a_period_with_nothing_held_prints_no_zero_and_no_empty_heading(db):
    root, _communes = builders.district("trong", communes=2)
    draft = draft_term_report(period=Period(root, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)), request=None)
    text = " ".join(text for _key, _kind, text in draft.blocks)
    assert not ZERO_FIGURE.search(text)
    assert "- Không có hạn chế nào được ghi nhận từ số liệu." in text
    assert "1.5. Công tác kiểm tra" not in text  # nothing under it: left out


def drafting_queries(period: Period) -> int:
    with CaptureQueriesContext(connection) as queries:
        draft_term_report(period=period, request=None)
    return len(queries)


def test_the_term_report_takes_as_many_queries_for_30_campaigns_as_for_3(db):
    few = drafting_queries(other_district(3))
    many = drafting_queries(thirty_campaigns())
    assert few == many == 16


def thirty_campaigns() -> Period:
    root, communes = builders.district("nhieu", communes=4, party_members=100)
    for n in range(30):
        campaign = builders.campaign(
            root, f"nhieu-{n}", starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 6, 1),
            reporting_deadline=datetime.date(2024, 6, 1),
        )  # fmt: skip
        conference = builders.online_conference(campaign, date=datetime.date(2024, 2, 1), title=f"Hội nghị {n}")
        for unit in communes:
            builders.attend(conference, unit, party_members_expected=40, party_members_attended=40)
            builders.result(campaign, unit, party_members_total=100, party_members_attended=99)
    return Period(root, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def test_staff_start_a_term_report_in_the_browser_and_a_leader_signs_it_190(demo, client):
    client.force_login(user("tuyengiao.tayson"))
    response = client.post(
        reverse("term_report_new"),
        {"committee": Committee.objects.get(code="tay-son").pk, "period_starts_on": "2021-03-01",
         "period_ends_on": "2023-03-31"},
    )  # fmt: skip
    report = Report.objects.get(campaign=None, committee__code="tay-son")
    assert response.status_code == 302 and response["Location"] == reverse("term_report", args=[report.pk])
    assert report.request_number == "812-CV/BTGTU"  # the superior's latest letter, when staff name none
    page = client.get(reverse("term_report", args=[report.pk]))
    assert "Báo cáo định kỳ từ 01/03/2021 đến 31/03/2023" in page.content.decode()
    workbook = client.get(reverse("term_report_xlsx", args=[report.pk]))
    assert workbook["Content-Disposition"] == 'attachment; filename="bao-cao-dinh-ky-tay-son-20210301-20230331.xlsx"'
    preview = client.get(reverse("term_report_preview", args=[report.pk]))
    assert "DỰ THẢO" in pdf_text(preview.content) and "có 16 điểm cầu với 488 đại biểu tham dự" in pdf_text(
        preview.content
    )
    refused = client.post(reverse("term_report_approve", args=[report.pk]), follow=True)
    assert "đoạn gợi ý chưa được xem lại" in refused.content.decode()
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    signed = report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))
    assert signed.number.label == "190-BC/HU"
    assert "Số 190-BC/HU" in pdf_text(bytes(Report.objects.get(pk=report.pk).signed_pdf))
    # What it counted is frozen: an accepted result of a campaign in the period.
    counted = UnitResult.objects.filter(campaign__code="tw5-khoa-xiii", status="accepted").first()
    assert lock_for(counted).pk == report.pk
    records_are_frozen_in_the_period(client)


LOCKED_BY_190 = (
    "Số liệu đã được dùng trong báo cáo số 190-BC/HU đã ký; không sửa được nữa. Nếu số liệu sai, cán bộ tuyên "
    "giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
)


def records_are_frozen_in_the_period(client):
    document = ActionDocument.objects.filter(unit__code="tay-son-binh-hoa").first()
    data = {
        "unit": document.unit_id,
        "campaign": document.campaign_id,
        "kind": document.kind,
        "number": document.number,
        "issued_on": document.issued_on.isoformat(),
        "title": "Đổi tên",
        "text": document.text,
    }
    response = client.post(reverse("action_document_edit", args=[document.pk]), data)
    assert response.context["form"].non_field_errors() == [LOCKED_BY_190]
    assert ActionDocument.objects.get(pk=document.pk).title == document.title
    channel = OnlineChannel.objects.get(name="Huyện Đoàn Tây Sơn")
    renamed = {"owner": channel.owner_id, "kind": channel.kind, "name": "Đổi", "address": "", "members": 1}
    response = client.post(reverse("channel_edit", args=[channel.pk]), {**renamed, "counted_on": "2024-01-01"})
    assert response.context["form"].non_field_errors() == [LOCKED_BY_190]
    assert OnlineChannel.objects.get(pk=channel.pk).name == "Huyện Đoàn Tây Sơn"
    admin = user("quantri")
    request = RequestFactory().get("/")
    request.user = admin
    assert not site._registry[ActionDocument].has_change_permission(request, document)
    assert not site._registry[Supervision].has_delete_permission(request, Supervision.objects.first())
    supervision = Supervision.objects.filter(committee__code="tay-son").first()
    data = {
        "committee": supervision.committee_id,
        "unit": supervision.unit_id,
        "held_on": "2022-06-01",
        "subject": "Đổi nội dung",
        "findings": "",
    }
    response = client.post(reverse("supervision_edit", args=[supervision.pk]), data)
    assert response.context["form"].non_field_errors() == [LOCKED_BY_190]
    assert Supervision.objects.get(pk=supervision.pk).subject == supervision.subject
    added = client.post(reverse("supervision_new"), data)  # a new one in the period would change the count too
    assert added.context["form"].errors["held_on"] == [
        "Thời gian này đã được báo cáo trong văn bản số 190-BC/HU đã ký; chọn ngày khác, hoặc đề nghị cán bộ tuyên "
        "giáo mở đính chính văn bản đó."
    ]
    assert Supervision.objects.filter(committee__code="tay-son").count() == 13
    listed = client.get(reverse("supervision_list")).content.decode()
    assert listed.count("🔒 Đã báo cáo (190-BC/HU)") == 13
    page = client.get(reverse("supervision_edit", args=[supervision.pk])).content.decode()
    assert 'id="locked"' in page and ">Lưu</button>" not in page
    later = client.post(reverse("supervision_new"), {**data, "held_on": "2023-06-01"})
    assert later.status_code == 302 and Supervision.objects.filter(committee__code="tay-son").count() == 14


def test_a_term_report_is_started_only_by_staff_and_seen_only_in_scope(demo, client):
    report = term_report_start(period=tay_son_period())
    client.force_login(user("bithu.tay-son-binh-hoa"))
    assert client.get(reverse("term_report_new")).status_code == 403
    client.force_login(user("tuyengiao"))  # Tam Đường's staff
    assert client.get(reverse("term_report", args=[report.pk])).status_code == 404
    assert client.post(reverse("term_report_approve", args=[report.pk])).status_code == 404
    client.force_login(user("lanhdao.tayson"))
    assert client.get(reverse("term_report", args=[report.pk])).status_code == 200
    assert client.get(reverse("term_report_list")).status_code == 200


def test_a_period_ending_before_it_starts_is_refused_at_the_field(demo, client):
    client.force_login(user("tuyengiao.tayson"))
    response = client.post(
        reverse("term_report_new"),
        {"committee": Committee.objects.get(code="tay-son").pk, "period_starts_on": "2023-03-31",
         "period_ends_on": "2021-03-01", "request_number": "812-CV/BTGTU"},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["period_ends_on"] == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert form.errors["request_issued_on"] == [
        "Văn bản yêu cầu báo cáo cần đủ số, ngày và cơ quan ban hành (hoặc để trống cả ba)."
    ]
    assert not Report.objects.filter(campaign=None).exists()


@pytest.mark.parametrize(
    ("starts", "ends", "field", "message"),
    [
        (
            "1900-01-01",
            "2100-12-31",
            "period_starts_on",
            "Thời gian báo cáo dài quá 10 năm; chọn một năm, một nhiệm kỳ hoặc ngắn hơn.",
        ),
        ("2100-01-01", "2100-12-31", "period_ends_on", "Ngày kết thúc quá xa: chọn một ngày trong vòng một năm tới."),
        ("mùng một", "2023-03-31", "period_starts_on", "Ngày không hợp lệ; chọn ngày trên lịch."),
    ],
)
def test_an_absurd_period_is_refused_at_the_field(demo, client, starts, ends, field, message):
    client.force_login(user("tuyengiao.tayson"))
    data = {"committee": Committee.objects.get(code="tay-son").pk, "period_starts_on": starts, "period_ends_on": ends}
    response = client.post(reverse("term_report_new"), data)
    assert response.context["form"].errors[field] == [message]
    assert not Report.objects.filter(campaign=None).exists()


def test_a_period_already_signed_leads_to_its_report_not_to_a_second_one(demo, client):
    report = term_report_start(period=tay_son_period())
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))
    client.force_login(user("tuyengiao.tayson"))
    data = {"committee": report.committee_id, "period_starts_on": "2021-03-01", "period_ends_on": "2023-03-31"}
    response = client.post(reverse("term_report_new"), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("term_report", args=[report.pk])
    assert "Thời gian này đã có báo cáo số 190-BC/HU đã ký; muốn sửa, mở đính chính báo cáo đó." in (
        response.content.decode()
    )
    assert Report.objects.filter(campaign=None).count() == 1
    # A period sharing days with it (a term's report over a mid-term's) is drafted, and told of the one signed.
    data["period_starts_on"] = "2021-03-02"
    response = client.post(reverse("term_report_new"), data, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Thời gian này trùng một phần với báo cáo số 190-BC/HU đã ký (01/03/2021 – 31/03/2023). Nếu báo cáo đó cần "
        "sửa, mở đính chính báo cáo đó thay vì lập báo cáo mới."
    )
    assert Report.objects.filter(campaign=None).count() == 2


def test_suggested_paragraphs_of_the_term_report_wait_for_staff(demo):
    report = term_report_start(period=tay_son_period())
    waiting = [block.key for block in report_blocks(report) if block.awaits_review]
    assert "I.2.1" in waiting and "IV.1" in waiting
    with pytest.raises(Exception, match="đoạn gợi ý"):
        report_approve(report=report, user=user("tuyengiao.tayson"))


def test_the_exporter_runs_from_a_report(demo):
    report = term_report_start(period=tay_son_period())
    filename, _mimetype, content = TermReportExporter(report=report).render()
    assert filename == "bao-cao-dinh-ky-tay-son-20210301-20230331.xlsx"
    assert content[:2] == b"PK"


def test_the_workbook_takes_what_word_pastes(db, tmp_path):
    period = other_district()
    unit = Committee.objects.get_children(period.committee).first()
    Supervision.objects.create(
        committee=period.committee, unit=unit, held_on=datetime.date(2024, 5, 1), subject="=SUM(A1)",
        findings="Kết luận\x0btốt\x01",
    )  # fmt: skip
    _name, _mimetype, content = TermReportExporter(period=period).render()
    sheet = load_workbook(io.BytesIO(content))["Kiểm tra, giám sát"]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[3]]
    assert rows[0][2:] == ("=SUM(A1)", "Kết luận\ntốt")  # text, by the cell's quote prefix
    assert sheet["C2"].quotePrefix and sheet["C2"].data_type == "s"


def test_a_channel_counts_in_the_period_its_members_were_counted_in(db):
    period = other_district()
    OnlineChannel.objects.create(
        owner=period.committee, kind="facebook", name="Cũ", members=99, counted_on=datetime.date(2023, 6, 1)
    )
    text = texts(period)
    assert "“Tuyên giáo Khác” với 1.234 thành viên" in text and "“Cũ”" not in text


def test_a_long_request_subject_is_refused_at_its_field(demo, client):
    client.force_login(user("tuyengiao.tayson"))
    data = {
        "committee": Committee.objects.get(code="tay-son").pk,
        "period_starts_on": "2021-03-01",
        "period_ends_on": "2023-03-31",
        "request_number": "812-CV/BTGTU",
        "request_issued_on": "1900-03-27",
        "request_issuer": "Ban Tuyên giáo Tỉnh ủy",
        "request_subject": "về việc " * 200,
    }
    form = client.post(reverse("term_report_new"), data).context["form"]
    assert form.errors["request_subject"] == ["Trích yếu quá dài: tối đa 1.000 ký tự, đã nhập 1599."]
    assert form.errors["request_issued_on"] == ["Ngày quá xa trong quá khứ; kiểm tra lại năm."]
    assert not Report.objects.filter(campaign=None).exists()


def test_the_editor_shows_formatted_text_with_each_footnote_under_its_paragraph(demo, client):
    report = term_report_start(period=tay_son_period())
    client.force_login(user("tuyengiao.tayson"))
    page = client.get(reverse("term_report", args=[report.pk]))
    keys = [item.block.key for item in page.context["shown_blocks"]]
    assert keys[keys.index("I.1.1") + 1] == "^documents"
    assert keys[keys.index("II.1.6.1") + 1] == "^conferences"
    content = page.content.decode()
    assert '<sup class="footnote-ref">1</sup>' in content and "[^documents]" not in content.split("<textarea")[0]


def test_two_people_starting_the_same_period_at_once_get_one_report(demo, monkeypatch):
    from reporting.documents import term_reports

    first = term_report_start(period=tay_son_period())
    # The second start looked before the first was stored: its insert meets the first and takes it.
    monkeypatch.setattr(term_reports, "open_term_report", lambda period: None)
    second = term_report_start(period=tay_son_period())
    assert second.pk == first.pk and Report.objects.filter(campaign=None).count() == 1
