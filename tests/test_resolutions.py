"""Staff keep the resolutions in the browser, and pick them in a campaign by number and title."""

import pytest
from django.urls import reverse

from conferences.models import Resolution
from tests.test_reports import user

pytestmark = pytest.mark.django_db


def test_staff_add_a_resolution_and_the_campaign_form_offers_it_by_number_and_title(demo, client):
    client.force_login(user("tuyengiao"))
    data = {
        "number": "57-NQ/BCT",
        "kind": "NQ",
        "issued_on": "2024-12-22",
        "issuing_body": "Bộ Chính trị",
        "term": "XIII",
        "plenum": "",
        "title": "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    }
    response = client.post(reverse("resolution_new"), data, follow=True)
    assert "Đã lưu “Nghị quyết số 57-NQ/BCT”." in response.content.decode()
    form = client.get(reverse("campaign_new")).content.decode()
    assert "57-NQ/BCT — về đột phá phát triển khoa học, công nghệ" in form


def test_a_number_taken_and_a_missing_title_are_told_at_their_fields(demo, client):
    client.force_login(user("tuyengiao"))
    data = {"number": "42-NQ/TW", "kind": "NQ", "issuing_body": "Ban Chấp hành Trung ương Đảng", "title": ""}
    form = client.post(reverse("resolution_new"), data).context["form"]
    assert form.errors["number"] == ["Đã có văn bản mang số, ký hiệu này."]
    assert form.errors["title"] == ["Trường này là bắt buộc."]
    assert Resolution.objects.filter(number="42-NQ/TW").count() == 1


def test_a_secretary_cannot_reach_the_resolutions(demo, client):
    client.force_login(user("bithu.taleng"))
    assert client.get(reverse("resolution_list")).status_code == 403
