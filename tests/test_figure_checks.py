"""The rules about a unit's figures: refused at the field, or warned and confirmed before sending."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from conferences.models import Campaign, Committee
from reporting.models import UnitResult
from reporting.results.checks import Comparison, Spread, comparisons_for, figure_warnings
from tests import builders
from tests.test_unit_results import FIGURES, district, page, post  # noqa: F401 (district is a fixture)

pytestmark = pytest.mark.django_db

CONFIRM = "Có số liệu cần xem lại (đánh dấu ⚠). Sửa lại, hoặc đánh dấu ô này nếu số liệu đúng rồi gửi."


def messages(figures, **comparison) -> list[tuple[str, str]]:
    return [(w.field, w.message) for w in figure_warnings(figures, Comparison(**comparison))]


def test_a_trillion_people_is_refused_at_the_field_and_nothing_is_saved(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    response = post(client, users["secretary"], page(campaign, commune), action="submit", people="1000000000000")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Số quá lớn: không quá 1.000.000." in content
    assert "Chưa gửi: kiểm tra các ô báo đỏ." in content
    assert not UnitResult.objects.exists()


def test_six_times_last_campaign_is_told_with_the_figure_it_compared_against():
    assert messages({"people": 984}, previous={"people": 164}) == [("people", "Gấp 6 lần kỳ trước (164 người).")]
    assert messages({"people": 1000}, previous={"people": 164}) == [("people", "Gấp 6,1 lần kỳ trước (164 người).")]
    assert messages({"people": 820}, previous={"people": 164}) == []  # five times is still plausible
    assert messages({"cell_meetings": 9}, previous={"cell_meetings": 0}) == []  # nothing to compare with


def test_people_far_above_the_units_head_count_are_warned():
    figures = {"people": 571, "party_members_total": 160, "non_members_total": 30}
    assert messages(figures) == [("people", "Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (190 người).")]
    assert messages({**figures, "people": 570}) == []


def test_a_figure_far_from_its_siblings_is_warned_where_they_spread():
    siblings = {"people": Spread.of([100, 110, 120, 130, 140])}
    assert messages({"people": 1000}, siblings=siblings) == [
        ("people", "Khác xa các đơn vị cùng cấp (thường khoảng 120 người).")
    ]
    assert messages({"people": 180}, siblings=siblings) == []
    assert Spread.of([100] * 6) is None  # every sibling the same: nothing to judge by


def test_siblings_are_compared_only_with_five_others_reporting():
    root, communes = builders.district(communes=6)
    campaign = builders.campaign(root)
    for n, commune in enumerate(communes[:5]):
        builders.result(campaign, commune, party_members_total=100, party_members_attended=90 + n)
    comparisons = comparisons_for(campaign, communes)
    assert comparisons[communes[5].pk].siblings["party_members_attended"].median == 92
    assert comparisons[communes[0].pk].siblings == {}  # four others


def test_party_members_far_from_the_registered_count_are_warned():
    assert messages({"party_members_total": 177}, registered_party_members=160) == [
        ("party_members_total", "Lệch quá 10% so với số đảng viên đăng ký của đơn vị (160 đảng viên).")
    ]
    assert messages({"party_members_total": 176}, registered_party_members=160) == []


def test_the_secretary_confirms_a_warning_before_sending_and_staff_see_it(client, district):  # noqa: F811
    root, commune, _, campaign, users = district
    earlier = builders.campaign(root, "dot-0", starts_on=datetime.date(2023, 3, 1), ends_on=datetime.date(2023, 4, 30))
    builders.result(earlier, commune, party_members_total=160, party_members_attended=150, cell_meetings=3)
    url = page(campaign, commune)
    data = {**FIGURES, "cell_meetings": "18"}

    response = post(client, users["secretary"], url, action="submit", **data)
    content = response.content.decode()
    assert "⚠ Gấp 6 lần kỳ trước (3 buổi)." in content
    assert CONFIRM in content
    assert not UnitResult.objects.filter(campaign=campaign).exists()
    # Asked once: agreeing to send came before the warnings, ticking them is the confirmation now.
    button = content.split('id="submit-button"')[1].split(">", 1)[0]
    assert "data-confirm" not in button and "data-confirm" in client.get(url).content.decode()

    # A draft keeps the warning in view but saves.
    response = post(client, users["secretary"], url, action="save", **data)
    assert response.status_code == 302
    assert UnitResult.objects.get(campaign=campaign).status == UnitResult.Status.DRAFT

    post(client, users["secretary"], url, action="submit", confirm_warnings="on", **data)
    result = UnitResult.objects.get(campaign=campaign)
    assert result.status == UnitResult.Status.SUBMITTED
    assert result.confirmed_warnings == [
        {"field": "cell_meetings", "label": "Buổi sinh hoạt chi bộ", "message": "Gấp 6 lần kỳ trước (3 buổi)."}
    ]
    client.force_login(users["staff"])
    assert "Buổi sinh hoạt chi bộ: Gấp 6 lần kỳ trước (3 buổi)." in client.get(url).content.decode()
    queue = client.get(reverse("review_queue")).content.decode()
    assert "⚠ Buổi sinh hoạt chi bộ: Gấp 6 lần kỳ trước (3 buổi)." in queue


@pytest.mark.parametrize("units", [10, 100])
def test_comparisons_take_two_queries_whatever_the_number_of_units(django_assert_num_queries, units):
    root, communes = builders.district(communes=units, party_members=100)
    campaign = builders.campaign(root)
    earlier = builders.campaign(root, "dot-0", starts_on=datetime.date(2023, 3, 1), ends_on=datetime.date(2023, 4, 30))
    for n, commune in enumerate(communes):
        builders.result(earlier, commune, party_members_total=100, party_members_attended=90, people=95)
        builders.result(campaign, commune, party_members_total=100, party_members_attended=90 + n % 10)
    with django_assert_num_queries(2):  # the earlier campaign's results, the siblings'
        comparisons = comparisons_for(campaign, communes)
    first = comparisons[communes[0].pk]
    assert first.registered_party_members == 100
    assert first.previous["people"] == 95
    assert first.siblings["party_members_attended"].median == 94.5


def test_the_admin_saves_as_typed_and_tells_the_warnings(client, district):  # noqa: F811
    _, commune, _, campaign, _ = district
    result = builders.result(campaign, commune, party_members_total=160, party_members_attended=150)
    admin = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    url = reverse("admin:reporting_unitresult_change", args=[result.pk])
    initial = client.get(url).context["adminform"].form.initial
    data = {key: value for key, value in initial.items() if isinstance(value, int | str)}
    sent = timezone.localtime(result.submitted_at)
    data.update(
        {
            "party_members_total": "200",
            "confirmed_warnings": "[]",
            "submitted_at_0": sent.strftime("%d/%m/%Y"),
            "submitted_at_1": sent.strftime("%H:%M:%S"),
            "first_submitted_at_0": sent.strftime("%d/%m/%Y"),
            "first_submitted_at_1": sent.strftime("%H:%M:%S"),
            "outreach-TOTAL_FORMS": "0",
            "outreach-INITIAL_FORMS": "0",
        }
    )
    response = client.post(url, data, follow=True)
    assert "Tổng số đảng viên: Lệch quá 10% so với số đảng viên đăng ký của đơn vị (160 đảng viên)." in (
        response.content.decode()
    )
    result.refresh_from_db()
    assert result.party_members_total == 200


def test_a_unit_with_cells_of_its_own_is_compared_with_its_own_members(demo):
    """Thị trấn Tam Đường (310 party members) has two cells that report their own 40: its 310 is no gap."""
    campaign = Campaign.objects.get(code="tw8-khoa-xiii")
    town = Committee.objects.get(code="tam-duong-thi-tran")
    comparison = comparisons_for(campaign, [town])[town.pk]
    assert comparison.registered_party_members == 310
    assert town.subtree().aggregate(total=Sum("party_members"))["total"] == 350
    warned = [w.field for w in figure_warnings({"party_members_total": 310, "party_members_attended": 300}, comparison)]
    assert "party_members_total" not in warned
