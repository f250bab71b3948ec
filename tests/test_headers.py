"""Every page carries the content security and permissions policies, and needs no inline code to
work under them; a downloaded file is never kept in a cache."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from reporting.documents.workflow import report_sign, report_start
from reporting.models import ExportJob
from tests import builders
from tests.test_reports import tam_duong, user

pytestmark = pytest.mark.django_db

STAFF, LEADER, ADMIN = "tuyengiao", "lanhdao", "quantri"
CAMPAIGN = "tw8-khoa-xiii"
POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class InlineCode(HTMLParser):
    """Collects what the policy would refuse: inline scripts, style elements and attributes, event handlers."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        data_only = dict(attrs).get("type") == "application/json"  # json_script: data, never run
        if (tag == "script" and "src" not in names and not data_only) or tag == "style":
            self.found.append(f"<{tag}>")
        self.found += [f"<{tag} {name}>" for name in names if name == "style" or name.startswith("on")]


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_policed(response) -> None:
    assert set(response["Content-Security-Policy"].split("; ")) == POLICY  # django-csp keeps no order
    assert response["Permissions-Policy"] == PERMISSIONS
    assert inline_code(response.content.decode()) == []


def signed_in(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_policy_allows_nothing_inline():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert all("'unsafe-inline'" not in sources for sources in directives.values())


def test_no_template_has_inline_script_or_style():
    found = {}
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        source = template.read_text()
        if re.search(r"\sstyle=|<style|<script>|<script(?![^>]*\b(src|type=\"application/json\"))", source):
            found[str(template)] = True
    assert found == {}


@pytest.mark.parametrize(
    ("username", "url_name", "args", "status"),
    [
        (None, "login", [], 200),
        (STAFF, "campaign_list", [], 200),
        (STAFF, "dashboard", [CAMPAIGN], 200),
        (STAFF, "report", [CAMPAIGN], 200),
        (STAFF, "password_change", [], 200),
        (STAFF, "dashboard", ["khong-co"], 404),
        ("bithu.taleng", "dashboard", [CAMPAIGN], 403),
    ],
)
def test_every_page_carries_both_policies_and_needs_no_inline_code(client, demo, username, url_name, args, status):
    if username:
        signed_in(client, username)
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == status
    assert_policed(response)


def test_a_draft_report_needs_no_inline_style(client, demo):
    campaign, committee = tam_duong()
    report_start(campaign=campaign, committee=committee)
    response = signed_in(client, STAFF).get(reverse("report", args=[CAMPAIGN]))
    assert '<div class="report-text border rounded p-3 bg-white">' in response.content.decode()
    assert_policed(response)


def test_the_dashboard_sizes_its_chart_from_a_data_attribute(client, demo):
    page = signed_in(client, STAFF).get(reverse("dashboard", args=[CAMPAIGN])).content.decode()
    assert re.search(r'<div class="rates-chart" data-units="\d+">', page)


def test_the_lock_out_page_carries_both_policies(client, demo):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": STAFF, "password": "sai-mat-khau"})
    assert response.status_code == 429
    assert_policed(response)


def test_a_downloaded_workbook_is_never_cached(client, demo):
    signed_in(client, LEADER)
    direct = client.get(reverse("dashboard_xlsx", args=[CAMPAIGN]))
    assert direct["Content-Disposition"].startswith("attachment;")
    assert direct["Cache-Control"] == "private, no-store"
    assert direct["Permissions-Policy"] == PERMISSIONS

    signed_in(client, STAFF).post(reverse("results_template", args=[CAMPAIGN]))
    job = ExportJob.objects.get(kind="results_template")
    assert client.get(reverse("job_download", args=[job.pk]))["Cache-Control"] == "private, no-store"


def test_a_signed_pdf_is_never_cached(client, demo):
    campaign, committee = tam_duong()
    report = report_start(campaign=campaign, committee=committee)
    builders.approve(report=report, user=user(STAFF))
    report = report_sign(report=report, user=user(LEADER))
    download = signed_in(client, LEADER).get(reverse("signed_report_pdf", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"


def test_an_ordinary_page_is_not_marked_as_a_download(client, demo):
    assert "no-store" not in signed_in(client, STAFF).get(reverse("campaign_list")).get("Cache-Control", "")
