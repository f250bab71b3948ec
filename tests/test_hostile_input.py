"""Every form and query parameter of the project, sent what an attacker sends: never a server error.

The pages come from the URL matrix (tests/test_url_matrix.py), so a new page is fuzzed as soon as it
has its row there. Each field a page's HTML names is posted the hostile value, each page is asked
with it as ``?committee=`` and as every other parameter the page's forms name.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from conferences.models import Conference, VideoSite
from tests.test_url_matrix import EXPECTED, FORM_PAGES, STAFF

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "a\x00b",
    "astral": "𝔘𝔫𝔦😀",
    "1e20": "1" + "0" * 20,
    "2pow31": str(2**31),
    "2pow63": str(2**63),
    "negative": "-1",
    "empty": "",
    "100KB": "x" * 100_000,
}
QUICK = ("2pow63",)
FIELD_NAME = re.compile(r'name="([^"]+)"')
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


def field_names(html: str) -> set[str]:
    return set(FIELD_NAME.findall(html)) - SKIPPED_FIELDS


def own_objects() -> dict[str, dict]:
    """The URL arguments of Tam Đường's pages, by the kind of object they take."""
    conference = {"pk": Conference.objects.get(campaign__code="tw8-khoa-xiii").pk}
    return {
        "code": {"code": "tw8-khoa-xiii"},
        "pk": conference,
        "site_edit": {"pk": VideoSite.objects.get(name="Điểm cầu xã Tả Lèng").pk},
        "absentee_list": {**conference, "unit_code": "tam-duong"},
        "unit_result": {"code": "tw8-khoa-xiii", "unit_code": "tam-duong-ta-leng"},
    }


def pages() -> list[tuple[str, str]]:
    """(name, URL) of every page a staff member may open, on their own objects (downloads left out)."""
    objects, found = own_objects(), []
    for name, (method, needs_object, statuses) in EXPECTED.items():
        if method != "get" or statuses[STAFF] != 200 or name.startswith(("job", "signed_report")):
            continue
        if name in NEEDS_A_STORED_UPLOAD:
            continue
        kwargs = {}
        if needs_object:
            kwargs = objects.get(name) or (objects["code"] if "code" in reverse_arguments(name) else objects["pk"])
        found.append((name, reverse(name, kwargs=kwargs)))
    return found


# Their URLs name an upload kept for the uploader; tests/test_results_import_preview.py, test_committee_import.py and
# test_account_import.py feed them bad input (their forms post to the upload pages, fuzzed here).
NEEDS_A_STORED_UPLOAD = {"results_import_preview", "committee_import_preview", "account_import_preview"}


def reverse_arguments(name: str) -> set[str]:
    return {argument for possibility in get_resolver().reverse_dict.getlist(name) for argument in possibility[0][0][1]}


def fuzz(client, value: str) -> list[str]:
    failures = []
    client.force_login(get_user_model().objects.get(username=STAFF))
    for name, url in pages():
        page = client.get(url)
        html = page.status_code == 200 and page["Content-Type"].startswith("text/html")
        names = field_names(page.content.decode()) if html else set()
        for params in ({"committee": value}, dict.fromkeys(names, value)):
            got = client.get(url, params).status_code
            if got >= 500:
                failures.append(f"GET {name} {sorted(params)[:3]} → {got}")
        if name in FORM_PAGES:
            got = client.post(url, dict.fromkeys(names, value)).status_code
            if got >= 500:
                failures.append(f"POST {name} → {got}")
    return failures


@pytest.mark.slow  # every page, three ways: run with the other attacks (`make test-slow`, .ci/run)
@pytest.mark.parametrize("kind", QUICK)
def test_hostile_values_never_cause_a_server_error(client, demo, kind):
    assert fuzz(client, HOSTILE[kind]) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(set(HOSTILE) - set(QUICK)))
def test_every_hostile_value_never_causes_a_server_error(client, demo, kind):
    assert fuzz(client, HOSTILE[kind]) == []


def test_a_posted_form_count_does_not_make_thousands_of_forms(client, demo):
    client.force_login(get_user_model().objects.get(username=STAFF))
    url = reverse("campaign_documents", kwargs=own_objects()["code"])
    response = client.post(url, {"form-TOTAL_FORMS": "100000", "form-INITIAL_FORMS": "0"})
    assert "Tối đa 50 dòng; hãy bớt dòng rồi lưu lại." in response.content.decode()
    assert len(response.context["formset"].forms) <= 50


def test_a_number_past_any_key_is_not_a_choice(client, demo):
    client.force_login(get_user_model().objects.get(username=STAFF))
    response = client.post(reverse("campaign_new"), {"committee": str(2**63), "resolutions": ["1" + "0" * 20]})
    errors = response.context["form"].errors
    assert errors["committee"] == errors["resolutions"] == ["Lựa chọn không hợp lệ; hãy chọn trong danh sách."]
