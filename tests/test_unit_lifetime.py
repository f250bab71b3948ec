"""Communes merge and new units are set up: a unit reports for the campaigns that ran while it existed.

The campaign of these tests ran from 01/12/2023 to 31/01/2024.
"""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import User
from accounts.services import secretary_accounts_create
from conferences.models import Committee, Conference
from conferences.selectors import attendance_grid_rows
from reporting.exports import xlsx_bytes
from reporting.figures.units import completeness, unit_rows
from reporting.home import campaigns_missing
from reporting.models import UnitResult
from reporting.results.committee_import import HEADERS, committee_import
from reporting.results.import_preview import import_preview
from reporting.results.import_reading import ImportRejected
from reporting.results.importing import import_apply
from reporting.results.template import template_rows
from tests import builders
from tests.staff_pages import messages_of
from tests.test_committee_import import upload, workbook
from tests.workbooks import row, xlsx

pytestmark = pytest.mark.django_db

MERGED_BEFORE = (
    "Đảng ủy xã 1 đã giải thể, sáp nhập từ ngày 01/12/2023, không còn khi đợt học tập bắt đầu (01/12/2023): "
    "không báo cáo đợt này."
)
SET_UP_AFTER = (
    "Đảng ủy xã 2 thành lập từ ngày 01/02/2024, sau khi đợt học tập kết thúc (31/01/2024): không báo cáo đợt này."
)


@pytest.fixture
def units():
    """Five communes: merged on the campaign's first day, set up after it, merged during it, merged before it
    though it sent a result, and one that was there throughout."""
    district, communes = builders.district(communes=5)
    dates = [
        {"dissolved_on": datetime.date(2023, 12, 1)},
        {"established_on": datetime.date(2024, 2, 1)},
        {"dissolved_on": datetime.date(2024, 1, 10)},
        {"dissolved_on": datetime.date(2023, 11, 1)},
        {"established_on": datetime.date(2020, 1, 1)},
    ]
    for commune, fields in zip(communes, dates, strict=True):
        Committee.objects.filter(pk=commune.pk).update(**fields)
    campaign = builders.campaign(district)
    builders.result(campaign, communes[3], submitted_at=datetime.datetime(2024, 1, 5, 9, tzinfo=datetime.UTC))
    return district, campaign, [Committee.objects.get(pk=commune.pk) for commune in communes]


def test_the_dashboard_counts_the_units_that_existed_and_any_that_sent_a_result(units):
    district, campaign, communes = units
    summary = completeness(campaign=campaign, committee=district)
    assert (summary.units, summary.on_time.attended, summary.missing.attended) == (3, 1, 2)
    rows = unit_rows(campaign=campaign, committee=district)
    assert [row.code for row in rows] == [communes[2].code, communes[3].code, communes[4].code]


def test_staff_are_told_only_of_the_units_asked_that_have_not_sent(units):
    district, campaign, _communes = units
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=district)
    missing = campaigns_missing(district, staff, datetime.date(2024, 1, 10))
    assert [(found.code, found.missing) for found in missing] == [(campaign.code, 2)]


def test_the_template_lists_the_units_asked_and_the_import_refuses_the_others(units):
    district, campaign, communes = units
    listed = [code for code, *_rest in template_rows(campaign=campaign, committee=district, filled=False)]
    assert listed == [communes[2].code, communes[3].code, communes[4].code]
    rows = [row(**{"Mã đơn vị": unit.code, "Tên đơn vị": unit.name}) for unit in communes]

    with pytest.raises(ImportRejected) as rejected:
        import_preview(file=xlsx(*rows), campaign=campaign, committee=district)

    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 ({communes[0].code} — Đảng ủy xã 1): {MERGED_BEFORE}",
        f"Dòng 3 ({communes[1].code} — Đảng ủy xã 2): {SET_UP_AFTER}",
    ]


@time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_a_merged_units_secretary_is_told_it_reports_nothing_and_cannot_send(units, client):
    _district, campaign, communes = units
    merged = communes[0]
    client.force_login(User.objects.create_user("bithu.xa-1", role=User.Role.UNIT_SECRETARY, committee=merged))
    assert 'id="todo-secretary"' in (home := client.get(reverse("home")).text)
    assert campaign.name not in home
    page = client.get(reverse("unit_result", args=[campaign.code, merged.code]))
    assert f'<span id="not-asked">{MERGED_BEFORE}</span>' in page.text
    assert 'id="result-form"' not in page.text

    sent = client.post(reverse("unit_result_submit", args=[campaign.code, merged.code]), {"version": 0})

    assert messages_of(sent) == [MERGED_BEFORE]
    assert not UnitResult.objects.filter(unit=merged).exists()


@time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_a_draft_saved_before_the_unit_was_dated_away_is_neither_owed_nor_sent(units, client):
    district, campaign, communes = units
    merged = communes[0]
    builders.result(campaign, merged, status=UnitResult.Status.DRAFT)
    assert completeness(campaign=campaign, committee=district).units == 3  # a draft makes no unit one of them
    client.force_login(User.objects.create_user("bithu.xa-1", role=User.Role.UNIT_SECRETARY, committee=merged))
    assert (
        f'<span id="not-asked">{MERGED_BEFORE}</span>'
        in client.get(reverse("unit_result", args=[campaign.code, merged.code])).text
    )

    sent = client.post(reverse("unit_result_submit", args=[campaign.code, merged.code]), {"version": 1})

    assert messages_of(sent) == [MERGED_BEFORE]
    assert UnitResult.objects.get(unit=merged).status == UnitResult.Status.DRAFT
    with pytest.raises(ImportRejected) as rejected:
        import_preview(file=xlsx(row(**{"Mã đơn vị": merged.code})), campaign=campaign, committee=district)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 ({merged.code} — Đảng ủy xã 1): {MERGED_BEFORE}"
    ]


def test_a_results_preview_confirmed_after_its_unit_was_dated_away_writes_nothing(units):
    district, campaign, communes = units
    there = communes[4]
    preview = import_preview(file=xlsx(row(**{"Mã đơn vị": there.code})), campaign=campaign, committee=district)
    Committee.objects.filter(pk=there.pk).update(dissolved_on=datetime.date(2023, 11, 1))

    with pytest.raises(ImportRejected) as rejected:
        import_apply(preview=preview, campaign=campaign, committee=district, user=None)

    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 ({there.code} — Đảng ủy xã 5): Đảng ủy xã 5 đã giải thể, sáp nhập từ ngày 01/11/2023, không còn khi "
        "đợt học tập bắt đầu (01/12/2023): không báo cáo đợt này."
    ]
    assert not UnitResult.objects.filter(unit=there).exists()


def test_the_tree_import_reads_the_dates_and_a_sheet_without_them_keeps_them(units):
    _district, _campaign, communes = units
    province = Committee.objects.get(code="huyen-tinh")
    base = ["", "huyen", "Đảng bộ cơ sở", "", "", 0, 0]
    rows = [
        [communes[4].code, "Đảng ủy xã 5", *base, datetime.datetime(2025, 7, 1), "01/07/2026"],
        ["huyen-xa-moi", "Đảng ủy xã Mới", *base, "1-7-2025", None],
        ["huyen-xa-sai", "Đảng ủy xã Sai", *base, "31/02/2025", "01/07/2020"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(*rows)), scope=province)
    assert [str(error) for error in rejected.value.errors] == [
        "Dòng 4 (Đảng ủy xã Sai), cột “Thành lập từ ngày”: “31/02/2025” không phải ngày; ghi theo ngày/tháng/năm, "
        "ví dụ 01/07/2025.",
    ]
    rows[2][-2:] = ["01/07/2025", "01/07/2020"]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(*rows)), scope=province)
    assert [str(error) for error in rejected.value.errors] == [
        "Dòng 4 (Đảng ủy xã Sai), cột “Giải thể, sáp nhập từ ngày”: Ngày giải thể, sáp nhập phải sau ngày thành lập."
    ]

    plan = committee_import(upload(workbook(*rows[:2])), scope=province)

    assert plan.updated[0].change_lines() == [
        ("Thành lập từ ngày", "01/01/2020", "01/07/2025"),
        ("Giải thể, sáp nhập từ ngày", "—", "01/07/2026"),
    ]
    new = Committee.objects.get(code="huyen-xa-moi")
    assert (new.established_on, new.dissolved_on) == (datetime.date(2025, 7, 1), None)
    without_dates = Workbook()
    for cells in (HEADERS[:-2], [communes[4].code, "Đảng ủy xã 5", *base]):
        without_dates.active.append(list(cells))
    assert committee_import(upload(xlsx_bytes(without_dates)), scope=province).changes_nothing
    assert Committee.objects.get(pk=communes[4].pk).dissolved_on == datetime.date(2026, 7, 1)


def test_the_template_writes_the_dates_as_vietnamese_read_them(units, client):
    district, _campaign, _communes = units
    client.force_login(User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=district))
    sheet = load_workbook(io.BytesIO(client.get(reverse("committee_template")).content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["Thành lập từ ngày", "Giải thể, sáp nhập từ ngày"]
    merged = next(cells for cells in sheet.iter_rows(min_row=2) if cells[0].value == "huyen-xa-1")
    assert (merged[10].value, merged[10].number_format) == (datetime.datetime(2023, 12, 1), "DD/MM/YYYY")


@time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_merged_units_get_no_new_secretary_and_leave_the_grid_of_later_conferences(units):
    district, campaign, communes = units
    created = secretary_accounts_create(committee=district)
    # Merged on 10/01/2024 and on 01/11/2023 and 01/12/2023: three communes are gone by today.
    assert [user.committee.code for user, _password in created] == [communes[1].code, communes[4].code]
    held = Conference.objects.create(
        campaign=campaign,
        title="Hội nghị quán triệt",
        level=Conference.Level.DISTRICT,
        format=Conference.Format.IN_PERSON,
        host=district,
        date=datetime.date(2024, 1, 12),
    )
    rows = attendance_grid_rows(conference=held, committees=Committee.objects.all())
    assert [grid_row.unit.code for grid_row in rows] == [communes[4].code]


def test_the_admin_lists_the_units_merged_away_apart(units, client):
    client.force_login(
        User.objects.create_user("quantri", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    )
    url = reverse("admin:conferences_committee_changelist")
    gone = client.get(url, {"giai_the": "co"}).context["cl"].queryset
    assert sorted(gone.values_list("code", flat=True)) == ["huyen-xa-1", "huyen-xa-3", "huyen-xa-4"]
    there = client.get(url, {"giai_the": "khong"}).context["cl"].queryset
    assert sorted(there.values_list("code", flat=True)) == ["huyen", "huyen-tinh", "huyen-xa-2", "huyen-xa-5"]


def test_the_admin_says_in_vietnamese_that_a_unit_ends_after_it_began(units, client):
    _district, _campaign, communes = units
    client.force_login(
        User.objects.create_user("quantri", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    )
    change = reverse("admin:conferences_committee_change", args=[communes[4].pk])
    form = client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"treebeard_ref_node": form.initial["treebeard_ref_node"].pk, "dissolved_on": "01/01/2019"}

    page = client.post(change, data).text

    assert "Ngày giải thể, sáp nhập phải sau ngày thành lập." in page and "Hãy sửa các lỗi dưới đây." in page
    assert "Please correct" not in page
    assert Committee.objects.get(pk=communes[4].pk).dissolved_on is None
    assert "Hiện số lượng" in client.get(reverse("admin:conferences_committee_changelist")).text
