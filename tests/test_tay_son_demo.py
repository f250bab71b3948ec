"""The Tây Sơn demo holds what report 190-BC/HU (05/4/2023) reports for 2021-2023."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Sum

from conferences.models import (
    Campaign,
    Committee,
    Conference,
    DirectingDocument,
    OnlineChannel,
    Supervision,
    VideoSite,
)
from conferences.selectors import with_totals
from reporting.documents.numbering import issue_number
from reporting.documents.workflow import draft_document
from reporting.figures.formatting import format_number
from reporting.figures.selectors import campaign_figures
from reporting.figures.wording import conference_sentence
from reporting.models import UnitResult

pytestmark = pytest.mark.django_db

# Footnote 2 of the seed, conference by conference.
CONFERENCE_SENTENCES = [
    "Hội nghị học tập, quán triệt các chương trình hành động của Tỉnh ủy thực hiện Nghị quyết Đại hội Đảng bộ "
    "tỉnh lần thứ XX và Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII có 16 điểm cầu với 324 đại biểu tham dự.",
    "Hội nghị quán triệt các kết luận, quy định của Trung ương về công tác xây dựng, chỉnh đốn Đảng có 16 điểm "
    "cầu với 265 đại biểu tham dự.",
    "Hội nghị Văn hóa toàn quốc triển khai Nghị quyết Đại hội XIII của Đảng có 16 điểm cầu với 367 đại biểu tham dự.",
    "Hội nghị học tập, quán triệt Nghị quyết Hội nghị Trung ương 5 có 16 điểm cầu với 488 đại biểu tham dự.",
]
PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))
COMMUNES = 15


def tay_son() -> Committee:
    return Committee.objects.get(code="tay-son")


def campaigns():
    return Campaign.objects.filter(committee=tay_son(), starts_on__range=PERIOD).order_by("starts_on")


def test_each_online_conference_has_16_sites_and_its_delegates(demo):
    conferences = with_totals(Conference.objects.filter(campaign__in=campaigns()), tay_son().subtree())
    assert sorted(conference_sentence(c) for c in conferences) == sorted(CONFERENCE_SENTENCES)


def test_the_command_prints_a_conference_sentence(demo):
    conference = Conference.objects.get(title="Hội nghị học tập, quán triệt Nghị quyết Hội nghị Trung ương 5")
    out = io.StringIO()
    call_command("conference_figures", conference=conference.pk, stdout=out)
    assert out.getvalue().strip() == CONFERENCE_SENTENCES[-1]


def test_the_district_has_17_video_link_sites(demo):
    sites = VideoSite.objects.filter(committee__path__startswith=tay_son().path, active=True)
    assert sites.count() == 17
    assert sorted(sites.filter(committee=tay_son()).values_list("hall", flat=True)) == [
        "Hội trường Huyện ủy",
        "Hội trường Ủy ban nhân dân huyện",
    ]
    assert sites.exclude(committee=tay_son()).values("committee").distinct().count() == COMMUNES


def test_one_campaign_per_resolution_studied_with_its_directing_documents(demo):
    assert list(campaigns().values_list("short_name", flat=True)) == [
        "Nghị quyết Đại hội XIII",
        "Chương trình hành động của Tỉnh ủy",
        "Kết luận, Quy định Trung ương 4",
        "Nghị quyết Trung ương 5",
        "Nghị quyết Trung ương 6",
    ]
    documents = DirectingDocument.objects.filter(campaign__in=campaigns())
    own = documents.filter(from_superior=False).values_list("number", "issued_on")
    assert set(own) >= {("12-KH/HU", datetime.date(2021, 3, 23)), ("18-KH/HU", datetime.date(2021, 7, 5))}
    superior = documents.get(from_superior=True)
    assert (superior.number, superior.issued_on, superior.issuer) == (
        "812-CV/BTGTU",
        datetime.date(2023, 3, 27),
        "Ban Tuyên giáo Tỉnh ủy",
    )


def test_13_grassroots_organisations_were_supervised(demo):
    supervisions = Supervision.objects.filter(committee=tay_son(), held_on__range=PERIOD)
    assert supervisions.values("unit").distinct().count() == 13
    assert not supervisions.exclude(unit__kind=Committee.Kind.GRASSROOTS).exists()


def test_the_online_channels_with_their_members(demo):
    channel = OnlineChannel.objects.get(owner=tay_son(), name="Huyện Đoàn Tây Sơn")
    assert (format_number(channel.members), channel.counted_on) == ("3.504", datetime.date(2023, 3, 31))
    assert OnlineChannel.objects.get(owner=tay_son(), name="Phụ Nữ Tây Sơn").members == 2817


def test_programmes_and_plans_written_after_studying(demo):
    results = UnitResult.objects.filter(
        campaign__in=campaigns(), status__in=UnitResult.COUNTED_STATUSES, unit__path__startswith=tay_son().path
    )
    by_level = {
        row["unit__kind"]: (row["programmes"], row["plans"])
        for row in results.values("unit__kind")
        .annotate(programmes=Sum("action_programmes"), plans=Sum("implementation_plans"))
        .order_by()
    }
    assert by_level == {Committee.Kind.GRASSROOTS: (33, 25), Committee.Kind.DISTRICT: (4, 7)}


def test_participation_over_the_period(demo):
    figures = [campaign_figures(campaign=campaign, committee=tay_son()) for campaign in campaigns()]
    assert all(f.units_reported >= COMMUNES for f in figures)
    # "tỷ lệ đảng viên tham gia học tập đạt từ 98% trở lên": the lowest campaign's rate
    assert min(f.party_members.rate for f in figures) >= 98
    # "… chưa là đảng viên đạt trung bình 90%": the mean of the campaigns' rates
    assert sum(f.non_members.rate for f in figures) / len(figures) == Decimal("90.0")


def test_each_unit_reports_within_its_registered_members(demo):
    results = UnitResult.objects.filter(campaign__in=campaigns(), unit__kind=Committee.Kind.GRASSROOTS)
    assert results.count() == 5 * COMMUNES
    for result in results.select_related("unit"):
        assert result.party_members_attended <= result.party_members_total <= result.unit.party_members
        assert result.non_members_attended <= result.non_members_total <= result.unit.non_member_staff


def test_the_next_report_is_190(demo):
    number = issue_number(committee=tay_son(), day=datetime.date(2023, 4, 5), user=None)
    assert number.label == "190-BC/HU"


def test_the_seed_signature_and_recipients(demo):
    district = tay_son()
    assert (district.signing_authority, district.signer_title, district.signer_name) == (
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Lê Bình Thành",
    )
    assert district.recipients.splitlines()[:2] == [
        "Ban Thường vụ Tỉnh ủy (báo cáo),",
        "Ban Tuyên giáo Tỉnh ủy (báo cáo),",
    ]
    assert district.recipients.splitlines()[-1] == "Lưu Văn phòng Huyện ủy."


def test_the_demo_accounts_of_tay_son(demo):
    users = get_user_model().objects.filter(committee__path__startswith=tay_son().path)
    staff, leader = users.get(username="tuyengiao.tayson"), users.get(username="lanhdao.tayson")
    assert (staff.committee, staff.can_review, staff.can_sign) == (tay_son(), True, False)
    assert (leader.committee, leader.can_sign, leader.can_review) == (tay_son(), True, False)
    assert leader.check_password("HocTap@2024")
    secretaries = users.filter(role=get_user_model().Role.UNIT_SECRETARY)
    communes = Committee.objects.get_children(tay_son()).values_list("code", flat=True)
    assert sorted(secretaries.values_list("username", flat=True)) == sorted(f"bithu.{code}" for code in communes)
    assert all(user.can_edit_results and user.committee.code == user.username[6:] for user in secretaries)


def test_a_report_answering_a_request_names_the_campaign_after_the_request(demo):
    campaign, committee = Campaign.objects.get(code="tw6-khoa-xiii"), Committee.objects.get(code="tay-son")
    opening = draft_document(campaign=campaign, committee=committee).blocks[0].text
    assert opening.startswith("Thực hiện Công văn số 812-CV/BTGTU")
    assert opening.endswith(
        f"Ban Thường vụ Huyện ủy Tây Sơn báo cáo kết quả nghiên cứu, học tập, quán triệt, tuyên truyền {campaign.name} "
        "(gọi tắt là Nghị quyết Trung ương 6) như sau:"
    )
