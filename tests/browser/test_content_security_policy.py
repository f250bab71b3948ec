"""Under the content security policy, in Chromium: nothing refused, the chart sized, the admin working."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from conferences.models import Committee
from reporting.demo import DEMO_PASSWORD
from reporting.documents.workflow import report_start
from tests.test_reports import tam_duong

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "tw8-khoa-xiii"


def signed_in_page(new_page, live_server, username: str):
    page = new_page({"width": 1366, "height": 900})
    refused: list[str] = []
    # Chromium reports each thing the policy blocks as a console error naming the policy.
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page, refused


def test_the_staff_pages_run_under_the_policy(new_page, live_server, fresh_demo, screenshot):
    page, refused = signed_in_page(new_page, live_server, "tuyengiao")
    page.goto(live_server.url + reverse("dashboard", args=[CAMPAIGN]))
    chart = page.locator(".rates-chart")
    units = int(chart.get_attribute("data-units"))
    assert units > 1
    page.wait_for_function("document.querySelector('#rates-chart').height > 0")
    assert chart.bounding_box()["height"] == pytest.approx(80 + 36 * units, abs=1)
    screenshot(page, "csp-dashboard")

    campaign, committee = tam_duong()
    report_start(campaign=campaign, committee=committee)
    page.goto(live_server.url + reverse("report", args=[CAMPAIGN]))
    assert page.evaluate("getComputedStyle(document.querySelector('.report-text')).maxWidth") == "832px"
    assert refused == []


def test_the_admin_runs_under_the_policy(new_page, live_server, fresh_demo, screenshot):
    page, refused = signed_in_page(new_page, live_server, "quantri")
    committee = Committee.objects.get(code="tam-duong")
    for url in [
        reverse("admin:index"),
        reverse("admin:conferences_committee_changelist"),
        reverse("admin:conferences_committee_change", args=[committee.pk]),
    ]:
        page.goto(live_server.url + url)
        assert page.locator("#site-name").is_visible()
    for model in admin.site._registry:
        opts = model._meta
        obj = model.objects.first()
        if obj is not None:
            page.goto(live_server.url + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    # The admin's scripts ran: a user's committee is picked with the autocomplete widget they build.
    page.goto(
        live_server.url + reverse("admin:accounts_user_change", args=[User.objects.get(username="bithu.taleng").pk])
    )
    page.locator(".field-committee .select2-selection").click()
    page.wait_for_selector(".select2-results__option")
    screenshot(page, "csp-admin-change-form")
    assert refused == []
