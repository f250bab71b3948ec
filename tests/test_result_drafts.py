"""A secretary's draft may leave figures empty: they stay empty when the form opens again, and only sending
asks for them."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reporting.models import UnitResult
from tests.test_unit_results import FIGURES, district, page, post  # noqa: F401 (district is a fixture)

pytestmark = pytest.mark.django_db

NEEDED = "Nhập số liệu này trước khi gửi (nhập 0 nếu không có)."


def input_of(content: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', content).group()


def test_a_draft_keeps_its_empty_figures_empty(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    draft = {**FIGURES, "people": "", "radio_tv_minutes": ""}

    response = post(client, users["secretary"], url, action="save", **draft)

    assert response.status_code == 302
    result = UnitResult.objects.get(unit=commune)
    assert (result.status, result.people, result.radio_tv_minutes) == (UnitResult.Status.DRAFT, None, None)
    content = client.get(url).content.decode()
    assert "value=" not in input_of(content, "people")  # empty, not a 0 nobody typed
    assert 'value="155"' in input_of(content, "party_members_attended")
    assert NEEDED not in content


def test_sending_asks_for_every_empty_figure_at_its_field_and_sends_nothing(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(client, users["secretary"], url, action="save", **{**FIGURES, "people": ""})
    before = list(UnitResult.objects.values())

    response = post(client, users["secretary"], url, action="submit", **{**FIGURES, "people": "", "cell_meetings": ""})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count(NEEDED) == 2
    assert "Chưa gửi: kiểm tra các ô báo đỏ." in content
    assert list(UnitResult.objects.values()) == before

    post(client, users["secretary"], url, action="submit", **FIGURES)
    result = UnitResult.objects.get(unit=commune)
    assert (result.status, result.people) == (UnitResult.Status.SUBMITTED, 184)


def test_the_database_refuses_a_sent_result_with_an_empty_figure(district):  # noqa: F811
    _, commune, _, campaign, _users = district
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitResult.objects.create(
            campaign=campaign,
            unit=commune,
            status=UnitResult.Status.SUBMITTED,
            submitted_at=timezone.now(),
            people=None,
        )


def test_staff_see_a_draft_with_empty_figures_as_dashes(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(client, users["secretary"], url, action="save", **{**FIGURES, "people": "", "conferences_replay": ""})
    client.force_login(users["staff"])

    content = client.get(url).content.decode()

    values = re.search(r'<table[^>]*id="result-values".*?</table>', content, re.S).group()
    assert "<th>Số người tham gia</th><td>—</td>" in values
    assert "<td>2 (trực tuyến 1, trực tiếp 1, phát lại —, khác 0)</td>" in values
    assert "None" not in values
