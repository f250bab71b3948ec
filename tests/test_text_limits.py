"""Text a person types has a limit, told in Vietnamese at the field, and nothing is saved past it."""

import pytest
from django.urls import reverse

from reporting.documents.workflow import report_start
from reporting.models import Report, UnitResult
from tests.staff_pages import messages_of
from tests.test_reports import tam_duong
from tests.test_unit_results import FIGURES, district, page, post  # noqa: F401 (district is a fixture)

pytestmark = pytest.mark.django_db


def test_a_paragraph_past_five_thousand_characters_is_refused(staff_client):
    report = report_start(campaign=tam_duong()[0], committee=tam_duong()[1])
    key = report.draft["blocks"][3][0]
    response = staff_client.post(
        reverse("report_edit", args=["tw8-khoa-xiii"]), {"key": key, "text": "x" * 5_001}, follow=True
    )
    assert messages_of(response) == ["Đoạn văn quá dài: tối đa 5.000 ký tự, đã nhập 5001."]
    assert Report.objects.get(pk=report.pk).edits == {}


def test_recipients_and_signer_past_their_limits_are_refused(staff_client):
    report = report_start(campaign=tam_duong()[0], committee=tam_duong()[1])
    url = reverse("report_closing", args=["tw8-khoa-xiii"])
    closing = {"recipients": "x" * 2_001, "authority": "T/M BAN THƯỜNG VỤ", "title": "BÍ THƯ", "name": "A"}
    response = staff_client.post(url, closing, follow=True)
    assert messages_of(response) == ["Nơi nhận quá dài: tối đa 2.000 ký tự, đã nhập 2001."]
    response = staff_client.post(url, {**closing, "recipients": "", "name": "A" * 101}, follow=True)
    assert messages_of(response) == ["Họ tên người ký quá dài: tối đa 100 ký tự, đã nhập 101."]
    assert Report.objects.get(pk=report.pk).recipients == report.recipients


def test_notes_and_a_return_reason_past_their_limits_are_refused(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    response = post(
        client, users["secretary"], page(campaign, commune), action="save", **{**FIGURES, "notes": "x" * 2_001}
    )
    assert "Ghi chú quá dài: tối đa 2.000 ký tự, đã nhập 2001." in response.content.decode()
    assert not UnitResult.objects.exists()

    post(client, users["secretary"], page(campaign, commune), action="submit", **FIGURES)
    response = post(client, users["staff"], page(campaign, commune), action="return", reason="x" * 1_001)
    assert "Lý do quá dài: tối đa 1.000 ký tự, đã nhập 1001." in response.content.decode()
    assert UnitResult.objects.get().status == UnitResult.Status.SUBMITTED
