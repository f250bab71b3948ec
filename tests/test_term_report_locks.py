"""What a signed term report counted over its period, beyond each record: the campaigns that ran then and the
units of its subtree. None is added, moved in or moved out while the report stands."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from conferences.freezing import move_frozen, units_frozen
from conferences.models import Campaign, Committee
from reporting.results.committee_import import committee_import, committee_template
from reporting.results.import_reading import ImportRejected
from tests.staff_pages import campaign_data, committee_pk
from tests.test_committee_import import upload, workbook
from tests.test_counted_through_others import signed_190  # noqa: F401 (a fixture)
from tests.test_reports import user

pytestmark = pytest.mark.django_db

TAKEN = (
    "Thời gian này đã được báo cáo trong văn bản số 190-BC/HU đã ký; chọn ngày khác, hoặc đề nghị cán bộ tuyên giáo "
    "mở đính chính văn bản đó."
)
UNITS_CHANGED = (
    "Thay đổi này làm thay đổi các đơn vị phải báo cáo trong báo cáo số 190-BC/HU đã ký; không lưu được. Đơn vị mới "
    "thành lập thì ghi ngày thành lập; nếu đã ghi sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) "
    "rồi sửa."
)


def test_no_campaign_runs_into_the_period_and_one_after_it_is_started(signed_190, client):  # noqa: F811
    client.force_login(user("tuyengiao.tayson"))
    before = Campaign.objects.count()
    inside = {"starts_on": "2022-10-01", "ends_on": "2022-11-30", "reporting_deadline": "2022-11-20"}
    form = {**campaign_data(committee=committee_pk("tay-son"), plan_number="99-KH/HU", plan_date="2022-10-01")}
    response = client.post(reverse("campaign_new"), {**form, **inside})
    assert response.status_code == 200 and response.context["form"].errors == {"starts_on": [TAKEN]}
    assert Campaign.objects.count() == before
    after = {"starts_on": "2023-05-01", "ends_on": "2023-06-30", "reporting_deadline": "2023-06-15"}
    assert client.post(reverse("campaign_new"), {**form, **after}).status_code == 302
    moved_in = Campaign.objects.get(pk=Campaign.objects.latest("pk").pk)
    moved_in.starts_on = datetime.date(2023, 3, 31)  # one day of the period is enough for the report to count it
    with pytest.raises(ValidationError) as refused:
        moved_in.full_clean()
    assert refused.value.message_dict == {"starts_on": [TAKEN]}


def test_a_unit_that_existed_in_the_period_neither_leaves_nor_joins_the_district(signed_190):  # noqa: F811
    vinh_an = Committee.objects.get(code="tay-son-vinh-an")
    assert move_frozen(vinh_an, Committee.objects.get(code="binh-dinh").path) == UNITS_CHANGED
    tam_duong_unit = Committee.objects.get(code="tam-duong-ta-leng")
    assert move_frozen(tam_duong_unit, Committee.objects.get(code="tay-son").path) == UNITS_CHANGED


def test_a_unit_added_under_the_district_or_below_it_is_dated_after_the_period(signed_190):  # noqa: F811
    district, commune = Committee.objects.get(code="tay-son"), Committee.objects.get(code="tay-son-vinh-an")
    always = Committee(established_on=None)
    for parent in (district, commune):  # a new commune, or a new cell of a commune: both counted in the period
        assert units_frozen(parent.path, None, always) == UNITS_CHANGED
        assert units_frozen(parent.path, None, Committee(established_on=datetime.date(2023, 6, 1))) == ""


def test_the_tree_sheet_adds_no_unit_in_the_period_under_the_district_or_below_nor_redates_one(signed_190):  # noqa: F811
    district = Committee.objects.get(code="tay-son")
    binh_hoa = Committee.objects.get(code="tay-son-binh-hoa")
    commune = ["tay-son-moi", "Đảng ủy xã Mới", "", "tay-son", "Đảng bộ cơ sở", "xã", "", 50, 5, "01/01/2020"]
    cell = ["tay-son-binh-hoa-moi", "Chi bộ Mới", "", "tay-son-binh-hoa", "Chi bộ", "", "", 5, 0, "01/01/2020"]
    sheet = load_workbook(io.BytesIO(committee_template(binh_hoa.subtree())[2])).active
    stored = [*next(sheet.iter_rows(min_row=2, max_row=2, max_col=10, values_only=True)), "01/01/2021"]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(commune, cell, stored)), scope=district)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 (Đảng ủy xã Mới), cột “Thành lập từ ngày”: {UNITS_CHANGED}",
        f"Dòng 3 (Chi bộ Mới), cột “Thành lập từ ngày”: {UNITS_CHANGED}",
        f"Dòng 4 ({binh_hoa.name}), cột “Giải thể, sáp nhập từ ngày”: {UNITS_CHANGED}",
    ]
    assert not Committee.objects.filter(code__in=["tay-son-moi", "tay-son-binh-hoa-moi"]).exists()
    assert Committee.objects.get(code="tay-son-binh-hoa").dissolved_on is None
    # Set up after the period, or merged after it: the report stands as signed.
    commune[-1], cell[-1], stored[-1] = "01/06/2023", "01/06/2023", "01/06/2023"
    committee_import(upload(workbook(commune, cell, stored)), scope=district)
    assert Committee.objects.get(code="tay-son-binh-hoa").dissolved_on == datetime.date(2023, 6, 1)


def test_a_unit_under_a_new_unit_of_the_sheet_is_asked_as_under_the_district(signed_190):  # noqa: F811
    district = Committee.objects.get(code="tay-son")
    later = ["tay-son-moi", "Đảng ủy xã Mới", "", "tay-son", "Đảng bộ cơ sở", "xã", "", 50, 5, "01/01/2024"]
    cell = ["tay-son-moi-cb1", "Chi bộ thôn 1", "", "tay-son-moi", "Chi bộ", "", "", 5, 0, "01/03/2022"]
    for rows in ((later, cell), (cell, later)):  # the cell listed before its commune as well
        with pytest.raises(ImportRejected) as rejected:
            committee_import(upload(workbook(*rows)), scope=district)
        line = 3 if rows[1] is cell else 2
        assert [str(error) for error in rejected.value.errors] == [
            f"Dòng {line} (Chi bộ thôn 1), cột “Thành lập từ ngày”: {UNITS_CHANGED}"
        ]
    assert not Committee.objects.filter(code__startswith="tay-son-moi").exists()


def test_the_committee_of_a_signed_term_report_is_not_dated_out_of_its_period(signed_190):  # noqa: F811
    district = Committee.objects.get(code="tay-son")
    sheet = load_workbook(io.BytesIO(committee_template(district.subtree())[2])).active
    own = [*next(sheet.iter_rows(min_row=2, max_row=2, max_col=10, values_only=True)), "01/01/2021"]
    assert own[0] == "tay-son"
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(own)), scope=None)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 ({district.name}), cột “Giải thể, sáp nhập từ ngày”: {UNITS_CHANGED}"
    ]
    assert Committee.objects.get(code="tay-son").dissolved_on is None
    district.dissolved_on = datetime.date(2021, 1, 1)
    with pytest.raises(ValidationError) as refused:
        district.full_clean()  # what the admin's form asks
    assert refused.value.message_dict == {"dissolved_on": [UNITS_CHANGED]}
