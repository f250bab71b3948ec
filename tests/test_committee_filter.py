"""``?committee=`` on every campaign page: the user's own subtree, or 404."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ("dashboard", "report", "results_import")


@pytest.mark.parametrize("page", PAGES)
def test_a_committee_in_scope_outside_it_or_malformed(client, demo, page):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    url = reverse(page, args=["tw8-khoa-xiii"])
    own = client.get(url)
    assert own.status_code == 200 and own.context["committee"].code == "tam-duong"
    below = client.get(url, {"committee": "tam-duong-ta-leng"})
    assert below.status_code == 200 and below.context["committee"].code == "tam-duong-ta-leng"
    for code in ("tay-son", "khong-co", "<b>x</b>", "x" * 200):
        assert client.get(url, {"committee": code}).status_code == 404, code
