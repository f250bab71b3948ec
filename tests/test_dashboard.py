"""The campaign dashboard: completeness, participation, the same figures as the report."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from reporting.figures.units import Timeliness, completeness, unit_rows
from reporting.models import UnitResult
from tests import builders

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def test_demo_dashboard_shows_the_seed_rates(client, demo):
    login(client, "lanhdao")
    response = client.get(reverse("dashboard", args=["tw8-khoa-xiii"]))
    content = response.content.decode()
    assert '<div class="fs-5 fw-semibold" data-figure="party-members">2.443/2.538 đạt 96,3%</div>' in content
    assert '<div class="fs-5 fw-semibold" data-figure="non-members">739/760 đạt 97,2%</div>' in content
    assert "42 hội nghị, 142 buổi sinh hoạt chi bộ, 3.182 người" in content
    propaganda = content.split('id="propaganda">')[1].split("</ul>")[0]
    items = [re.sub(r"\s+", " ", item.split("</li>")[0]).strip() for item in propaganda.split("<li>")[1:]]
    assert items == [
        "Trong đó 14 hội nghị trực tuyến, 14 trực tiếp, 14 phát lại video, 0 hình thức khác.",
        "Cấp ủy chỉ đạo tuyên truyền 102 buổi cho 6.912 lượt người; Mặt trận, đoàn thể 214 buổi cho 2.691 lượt người.",
        "Phát thanh, truyền hình 7 tin, 2 bài, 20 phút; 14 chương trình hành động, 14 kế hoạch thực hiện.",
    ]
    assert '<div class="fw-semibold" data-count="on_time">16/20 (80,0%)</div>' in content
    assert '<div class="fw-semibold" data-count="late">4/20 (20,0%)</div>' in content


def test_demo_names_late_units_with_how_late_and_highlights_low_rates(demo):
    from conferences.models import Campaign, Committee

    campaign = Campaign.objects.get(code="tw8-khoa-xiii")
    rows = unit_rows(campaign=campaign, committee=Committee.objects.get(code="tam-duong"))
    late = {row.short_name: row.days_late for row in rows if row.timeliness == Timeliness.LATE}
    assert late == {
        "Hội Liên hiệp Phụ nữ huyện": 4,
        "Văn phòng HĐND - UBND huyện": 7,
        "Trung tâm Văn hóa, Thể thao và Truyền thông huyện": 3,
        "Phòng Nông nghiệp và Phát triển nông thôn": 5,
    }
    assert sorted(row.short_name for row in rows if row.below_threshold) == ["Bản Bo", "Khun Há", "Tả Lèng"]
    town = next(row for row in rows if row.code == "tam-duong-thi-tran")
    assert (town.party_members.attended, town.party_members.total) == (340, 350)  # with its two school cells


def test_completeness_counts_each_standing(client):
    district, units = builders.district(communes=5)
    campaign = builders.campaign(district, reporting_deadline=datetime.date(2024, 1, 15))
    on_time, late, returned, draft, _missing = units
    builders.result(campaign, on_time, submitted_at=datetime.datetime(2024, 1, 15, 16, tzinfo=datetime.UTC))
    builders.result(campaign, late, submitted_at=datetime.datetime(2024, 1, 17, 20, tzinfo=datetime.UTC))
    builders.result(campaign, returned, status=UnitResult.Status.RETURNED)
    builders.result(campaign, draft, status=UnitResult.Status.DRAFT)

    summary = completeness(campaign=campaign, committee=district)
    assert summary.units == 5
    assert (summary.on_time.attended, summary.late.attended, summary.returned.attended, summary.missing.attended) == (
        1,
        1,
        1,
        2,
    )
    assert summary.missing.rate == 40
    rows = {row.code: row for row in unit_rows(campaign=campaign, committee=district)}
    # 16:00 UTC on the 15th is 23:00 in Hà Nội: still on time; 20:00 UTC on the 17th is the 18th there.
    assert rows[on_time.code].timeliness == Timeliness.ON_TIME
    assert (rows[late.code].timeliness, rows[late.code].days_late) == (Timeliness.LATE, 3)


@pytest.mark.parametrize("communes", [3, 30])
def test_dashboard_query_count_does_not_grow_with_units(client, django_assert_num_queries, communes):
    district, units = builders.district(communes=communes)
    campaign = builders.campaign(district)
    for unit in units:
        builders.result(campaign, unit, party_members_total=10, party_members_attended=9, outreach={"mttq": (1, 5)})
    leader = User.objects.create_user("lanhdao", role=User.Role.LEADER, committee=district)
    client.force_login(leader)
    # session, the user with their committee, campaign, unit rows and their sums,
    # the four queries of the totals, what waits for review, completeness, the conferences with their totals,
    # the quality of their links, the report signed over the campaign (none here)
    with django_assert_num_queries(14):
        response = client.get(reverse("dashboard", args=[campaign.code]))
    assert response.status_code == 200
    total = f"{9 * communes}/{10 * communes} đạt 90,0%"
    assert f'data-figure="party-members">{total}</div>' in response.content.decode()


def test_dashboard_of_a_unit_below_the_users_committee(client, demo):
    login(client, "tuyengiao")
    response = client.get(reverse("dashboard", args=["tw8-khoa-xiii"]), {"committee": "tam-duong-thi-tran"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chi bộ Trường THCS thị trấn Tam Đường" in content
    assert "340/350 đạt 97,1%" in content
    outside = client.get(reverse("dashboard", args=["tw8-khoa-xiii"]), {"committee": "tay-son"})
    assert outside.status_code == 404


def test_dashboard_exports_its_tables_to_xlsx(client, demo):
    login(client, "lanhdao")
    response = client.get(reverse("dashboard_xlsx", args=["tw8-khoa-xiii"]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="tong-hop-tw8-khoa-xiii-tam-duong.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tổng hợp", "Theo đơn vị", "Chưa gửi, muộn", "Hội nghị"]
    conferences = list(workbook["Hội nghị"].iter_rows(values_only=True))
    assert conferences[0] == (
        "Ngày",
        "Hội nghị",
        "Cấp",
        "Hình thức",
        "Số điểm cầu",
        "Số đại biểu tham dự",
        "Số điểm cầu có sự cố",
    )
    assert conferences[1][0] == datetime.datetime(2023, 12, 4) and conferences[1][4:6] == (15, 737)
    assert workbook["Hội nghị"]["A2"].number_format == "DD/MM/YYYY"
    summary = {row[0]: row[1:] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Đảng viên tham gia học tập"] == (2443, "người")
    assert summary["Tổng số đảng viên"] == (2538, "người")
    assert summary["Tỷ lệ đảng viên tham gia"] == (pytest.approx(0.963), "%")
    # The units' standing as the page shows it ("Đúng hạn 16/20"), apart from every level's counted results.
    assert (summary["Đơn vị trực thuộc"], summary["Đơn vị đã gửi báo cáo"]) == ((20, "đơn vị"), (20, "đơn vị"))
    assert (summary["Đúng hạn"], summary["Tỷ lệ đúng hạn"]) == ((16, "đơn vị"), (pytest.approx(0.8), "%"))
    assert summary["Báo cáo kết quả được tính (của mọi cấp)"] == (23, "báo cáo")
    kinds = ("Hội nghị trực tuyến", "Hội nghị trực tiếp", "Hội nghị phát lại video", "Hội nghị hình thức khác")
    assert sum(summary[kind][0] for kind in kinds) == summary["Hội nghị"][0]  # the kinds add up
    # Each organisation's sessions and people, as the report's footnote gives them: they add up to its totals.
    organisations = [label for label in summary if label.endswith(": lượt người được tuyên truyền")]
    assert [summary[label][0] for label in organisations] == [360, 981, 1350]
    assert (
        sum(summary[label][0] for label in organisations)
        == summary["Lượt người được Mặt trận, đoàn thể tuyên truyền"][0]
    )
    page = client.get(reverse("dashboard", args=["tw8-khoa-xiii"])).content.decode()
    assert '<div class="fw-semibold" data-count="on_time">16/20 (80,0%)</div>' in page
    sheet = workbook["Theo đơn vị"]
    units = list(sheet.iter_rows(values_only=True))
    assert units[0][:4] == ("Mã đơn vị", "Tên đơn vị", "Tình trạng báo cáo", "Xem xét")
    ta_leng = next(row for row in units if row[0] == "tam-duong-ta-leng")
    assert ta_leng[3] == "Đã tiếp nhận, được tính"
    assert ta_leng[6:9] == (129, 140, pytest.approx(0.921))
    assert ta_leng[-1] == "có"
    # A totals row of formulas, adding up to the report's figure (only accepted results count there).
    last = sheet.max_row
    assert (sheet[f"A{last}"].value, sheet[f"G{last}"].value) == (
        "Tổng cộng",
        f'=SUMIF(D2:D{last - 1},"Đã tiếp nhận, được tính",G2:G{last - 1})',
    )
    assert sheet[f"I{last}"].value == f'=IF(H{last}=0,"",G{last}/H{last})' and sheet[f"I{last}"].number_format == "0.0%"
    counted = [row for row in units[1:-1] if row[3] == "Đã tiếp nhận, được tính"]
    assert sum(row[6] for row in counted) == 2443
    overdue = list(workbook["Chưa gửi, muộn"].iter_rows(values_only=True))
    assert [row[1] for row in overdue[1:-1]] == [
        "Chi bộ Hội Liên hiệp Phụ nữ huyện",
        "Chi bộ Văn phòng HĐND - UBND huyện",
        "Chi bộ Trung tâm Văn hóa, Thể thao và Truyền thông huyện",
        "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
    ]


def test_exports_neutralise_spreadsheet_formulas(client):
    district, (unit,) = builders.district(communes=1, name='=HYPERLINK("http://example.invalid","Bấm vào")')
    campaign = builders.campaign(district)
    builders.result(campaign, unit, party_members_total=10, party_members_attended=9)
    client.force_login(User.objects.create_user("lanhdao", role=User.Role.LEADER, committee=district))
    response = client.get(reverse("dashboard_xlsx", args=[campaign.code]))
    sheet = load_workbook(io.BytesIO(response.content))["Theo đơn vị"]
    cell = sheet.cell(row=2, column=2)
    # Kept as text by the cell's quote prefix, with no apostrophe to see.
    assert cell.value == '=HYPERLINK("http://example.invalid","Bấm vào")'
    assert cell.data_type == "s" and cell.quotePrefix
