"""Every URL of the project, for every role, on the user's own object and on another unit's.

The URL names come from the resolver: a new view without a row below fails
``test_every_url_has_expectations``, so nothing is left out by accident.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conferences.models import (
    ActionDocument,
    Campaign,
    Committee,
    Conference,
    OnlineChannel,
    Resolution,
    Supervision,
    VideoSite,
)
from reporting.documents.term_reports import term_report_start
from reporting.documents.workflow import report_sign, report_start
from reporting.figures.term import Period
from reporting.jobs.tasks import run_job
from reporting.models import ExportJob, Report, ResultImport, SetupUpload
from reporting.results.account_import import account_template
from reporting.results.committee_import import committee_template
from tests import builders

pytestmark = pytest.mark.django_db

YEAR = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)

ANON, SECRETARY, STAFF, LEADER, ADMIN = None, "bithu.taleng", "tuyengiao", "lanhdao", "quantri"
ROLES = (ANON, SECRETARY, STAFF, LEADER, ADMIN)
LOGIN = 302

# Each state-changing action has a URL of its own that only takes POST.
RESULT_ACTIONS = ("unit_result_save", "unit_result_submit", "unit_result_accept", "unit_result_return")
REPORT_ACTIONS = tuple(
    f"report_{name}"
    for name in (
        *("start", "edit", "keep", "closing", "regenerate", "approve", "reopen", "send_back", "numbering"),
        *("sign", "correction", "prepare", "upload_signed"),
    )
)
# The same actions on a term report (started on its own page, not by an action).
TERM_REPORT_ACTIONS = tuple(f"term_{name}" for name in REPORT_ACTIONS if name != "report_start")

# name: (method, needs an object, {role: status on own object}); on another
# unit's object, every role that gets 200 on its own gets 404 instead.
EVERYONE_200 = {ANON: LOGIN, SECRETARY: 200, STAFF: 200, LEADER: 200, ADMIN: 200}
STAFF_ONLY = {ANON: LOGIN, SECRETARY: 403, STAFF: 200, LEADER: 403, ADMIN: 200}
READERS = {ANON: LOGIN, SECRETARY: 403, STAFF: 200, LEADER: 200, ADMIN: 200}
SIGNERS = {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 200, ADMIN: 200}
# Programmes and plans: staff enter those of their subtree, a secretary those of their own unit.
ENTERERS = {ANON: LOGIN, SECRETARY: 200, STAFF: 200, LEADER: 403, ADMIN: 200}
EXPECTED = {
    "home": ("get", False, EVERYONE_200),
    "favicon": ("get", False, dict.fromkeys((ANON, SECRETARY, STAFF, LEADER, ADMIN), 301)),  # to the static icon
    "login": ("get", False, {ANON: 200, SECRETARY: 302, STAFF: 302, LEADER: 302, ADMIN: 302}),  # signed in: on
    "logout": ("get", False, dict.fromkeys(ROLES, 405)),
    "password_change": ("get", False, EVERYONE_200),
    "password_change_done": ("get", False, EVERYONE_200),
    "account_list": ("get", False, STAFF_ONLY),
    "secretaries_create": ("get", False, dict.fromkeys(ROLES, 405)),
    "account_deactivate": ("get", True, dict.fromkeys(ROLES, 405)),
    "account_reactivate": ("get", True, dict.fromkeys(ROLES, 405)),
    "account_password_reissue": ("get", True, dict.fromkeys(ROLES, 405)),
    # No slips kept in the matrix's sessions: back to the account list with a message, never a password.
    **dict.fromkeys(("account_slips", "account_slips_pdf"), ("get", False, {**STAFF_ONLY, STAFF: 302, ADMIN: 302})),
    "account_slips_forget": ("get", False, dict.fromkeys(ROLES, 405)),
    "account_template": ("get", False, STAFF_ONLY),
    "account_import": ("get", False, STAFF_ONLY),
    # A kept setup file is its uploader's alone, as a results preview.
    "account_import_preview": ("get", True, {**STAFF_ONLY, ADMIN: 404}),
    "account_import_save": ("get", True, dict.fromkeys(ROLES, 405)),
    "campaign_list": ("get", False, EVERYONE_200),
    "campaign_new": ("get", False, STAFF_ONLY),
    "campaign_detail": ("get", True, EVERYONE_200),
    "campaign_edit": ("get", True, STAFF_ONLY),
    "campaign_documents": ("get", True, STAFF_ONLY),
    "conference_new": ("get", True, STAFF_ONLY),
    "conference_detail": ("get", True, STAFF_ONLY),
    "conference_edit": ("get", True, STAFF_ONLY),
    "site_list": ("get", False, STAFF_ONLY),
    "site_new": ("get", False, STAFF_ONLY),
    "site_edit": ("get", True, STAFF_ONLY),
    "resolution_list": ("get", False, STAFF_ONLY),
    "resolution_new": ("get", False, STAFF_ONLY),
    # Resolutions are the Party's, the same for every district: any staff may read one; only the staff of the
    # campaigns that study it may correct it, until a signed report quotes it.
    "resolution_edit": ("get", True, STAFF_ONLY),
    "supervision_list": ("get", False, STAFF_ONLY),
    "supervision_new": ("get", False, STAFF_ONLY),
    "supervision_edit": ("get", True, STAFF_ONLY),
    "action_document_list": ("get", False, ENTERERS),
    "action_document_new": ("get", False, ENTERERS),
    "action_document_edit": ("get", True, ENTERERS),
    "channel_list": ("get", False, STAFF_ONLY),
    "channel_new": ("get", False, STAFF_ONLY),
    "channel_edit": ("get", True, STAFF_ONLY),
    "conference_step": ("get", True, dict.fromkeys(ROLES, 405)),
    "attendance_grid": ("get", True, STAFF_ONLY),
    "attendance_row": ("get", True, dict.fromkeys(ROLES, 405)),
    "attendance_template": ("get", True, STAFF_ONLY),
    "attendance_import": ("get", True, STAFF_ONLY),
    "absentee_list": ("get", True, STAFF_ONLY),
    "dashboard": ("get", True, READERS),
    "dashboard_xlsx": ("get", True, READERS),
    "results_template": ("get", True, STAFF_ONLY),
    "results_import": ("get", True, STAFF_ONLY),
    "results_template_filled": ("get", True, STAFF_ONLY),
    # A preview is its uploader's alone (Tam Đường's staff); the administrator gets 404 as for another's.
    "results_import_preview": ("get", True, {**STAFF_ONLY, ADMIN: 404}),
    "results_import_confirm": ("get", True, dict.fromkeys(ROLES, 405)),
    "unit_result": ("get", True, EVERYONE_200),
    "review_queue": ("get", False, STAFF_ONLY),
    "committee_template": ("get", False, STAFF_ONLY),
    "committee_import": ("get", False, STAFF_ONLY),
    "committee_import_preview": ("get", True, {**STAFF_ONLY, ADMIN: 404}),
    "committee_import_save": ("get", True, dict.fromkeys(ROLES, 405)),
    "committee_issuing": ("get", True, STAFF_ONLY),
    **dict.fromkeys(RESULT_ACTIONS + REPORT_ACTIONS, ("get", True, dict.fromkeys(ROLES, 405))),
    "report": ("get", True, READERS),
    "report_preview": ("get", True, READERS),
    "report_xlsx": ("get", True, STAFF_ONLY),
    "report_docx": ("get", True, READERS),
    "term_report_docx": ("get", True, READERS),
    # No file is prepared for a token in the matrix's reports: the leader's link answers 404 until one is.
    "report_prepared_pdf": ("get", True, {**SIGNERS, LEADER: 404, ADMIN: 404}),
    "term_report_prepared_pdf": ("get", True, {**SIGNERS, LEADER: 404, ADMIN: 404}),
    "term_report_list": ("get", False, READERS),
    "term_report_new": ("get", False, STAFF_ONLY),
    **dict.fromkeys(TERM_REPORT_ACTIONS, ("get", True, dict.fromkeys(ROLES, 405))),
    "term_report": ("get", True, READERS),
    "term_report_preview": ("get", True, READERS),
    "term_report_xlsx": ("get", True, STAFF_ONLY),
    **dict.fromkeys(("signed_report_pdf", "signed_report_xlsx"), ("get", True, READERS)),
    "verify": ("get", False, EVERYONE_200),
    "seal_page": ("get", False, STAFF_ONLY),
    "seal_png": ("get", True, STAFF_ONLY),
    "signature_page": ("get", False, SIGNERS),
    "signature_png": ("get", False, {**SIGNERS, LEADER: 200, ADMIN: 404}),
    "signature_remove": ("get", False, dict.fromkeys(ROLES, 405)),
    "job": ("get", True, EVERYONE_200),
    "job_status": ("get", True, EVERYONE_200),
    "job_download": ("get", True, EVERYONE_200),
}
# What a GET starts as a background job: queued here, answered with the job's page.
EXPORTS = {
    "dashboard_xlsx",
    "report_docx",
    "report_preview",
    "report_xlsx",
    "results_template",
    "results_template_filled",
    "term_report_docx",
    "term_report_preview",
    "term_report_xlsx",
}
# POSTs that change things, checked for who may make them (own objects only). Refused ones change nothing;
# allowed ones answer with the page again (200, a refusal in the words of the page) or go back to it (302).
# Form pages save on POST to their own URL; an empty form comes back with its errors.
FORM_PAGES = (
    "campaign_new",
    "campaign_edit",
    "campaign_documents",
    "conference_new",
    "conference_edit",
    "site_new",
    "site_edit",
    "supervision_new",
    "supervision_edit",
    "resolution_new",
    "resolution_edit",
    "channel_new",
    "channel_edit",
    "attendance_grid",
    "attendance_import",
    "absentee_list",
    "results_import",
    "committee_import",
    "committee_issuing",
    "account_import",
    "term_report_new",
    "seal_page",
)
FORM_POST = {ANON: LOGIN, SECRETARY: 403, STAFF: 200, LEADER: 403, ADMIN: 200}
QUOTED_POST = {**FORM_POST, STAFF: 409, ADMIN: 409}
STAFF_POST = {ANON: LOGIN, SECRETARY: 403, STAFF: 302, LEADER: 403, ADMIN: 302}
SIGNER_POST = {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 302, ADMIN: 302}
# The matrix posts no figures: the secretary gets the form back with its errors.
SECRETARY_POST = {ANON: LOGIN, SECRETARY: 200, STAFF: 403, LEADER: 403, ADMIN: 403}
POSTS = {
    "conference_step": STAFF_POST,
    # The matrix posts no row: staff are told what is wrong with it (JSON, 400).
    "attendance_row": {**STAFF_POST, STAFF: 400, ADMIN: 400},
    "results_template": STAFF_POST,
    "results_import_confirm": {**STAFF_POST, ADMIN: 404},
    "committee_import_save": {**STAFF_POST, ADMIN: 404},
    "account_import_save": {**STAFF_POST, ADMIN: 404},
    "unit_result_save": SECRETARY_POST,
    "unit_result_submit": SECRETARY_POST,
    "unit_result_accept": STAFF_POST,
    "unit_result_return": {**STAFF_POST, STAFF: 200, ADMIN: 200},  # no reason given: the page asks for one
    **dict.fromkeys(REPORT_ACTIONS, STAFF_POST),
    "report_sign": {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 302, ADMIN: 302},
    **dict.fromkeys(TERM_REPORT_ACTIONS, STAFF_POST),
    "signature_page": {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 200, ADMIN: 200},
    "account_deactivate": STAFF_POST,
    "account_reactivate": STAFF_POST,
    "account_password_reissue": STAFF_POST,  # on to the new slip, shown on its page
    "account_slips_forget": STAFF_POST,
    "signature_remove": {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 302, ADMIN: 302},
    "term_report_sign": {ANON: LOGIN, SECRETARY: 403, STAFF: 403, LEADER: 302, ADMIN: 302},
    **{
        name: SIGNER_POST
        for base in ("report_prepare", "report_upload_signed", "report_send_back")
        for name in (base, f"term_{base}")
    },
    **{page: FORM_POST for page in FORM_PAGES},
    # Tam Đường's report on this campaign is signed: its campaign, its conference, the resolution it studied and
    # the absentees it counted are refused (the list of directing documents, posted without its rows, answers
    # with the page first).
    **dict.fromkeys(("campaign_edit", "conference_edit", "resolution_edit", "absentee_list"), QUOTED_POST),
    "action_document_new": ENTERERS,
    "action_document_edit": ENTERERS,
}


def project_url_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace != "admin":
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_has_expectations():
    assert project_url_names() == set(EXPECTED)


@pytest.fixture(scope="module")
def objects(signed, django_db_blocker):
    """For each URL, the kwargs of an object of Tam Đường (own: its signed report is ``signed``) and of Tây Sơn
    (other).

    Built once for the module, as signing a report takes a while; what a test changes is rolled back after it.
    """
    with django_db_blocker.unblock():
        return own_and_other_objects(signed)


def accounts(name: str, own, other, **fields) -> tuple[dict, dict]:
    """An account of the user's district and one of another, for the account actions."""
    made = (
        get_user_model().objects.create_user(f"matrix.{name}.{c.code}", committee=c, **fields) for c in (own, other)
    )
    return tuple({"pk": user.pk} for user in made)


def own_and_other_objects(own_signed: Report) -> dict[str, tuple[dict, dict]]:
    user = get_user_model().objects.get
    report_start(campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong"))
    tay_son = Committee.objects.get(code="tay-son")
    other_report = report_start(campaign=Campaign.objects.get(code="tw5-khoa-xiii"), committee=tay_son)
    other_staff = get_user_model().objects.create_user("tg.tayson", role="staff", committee=tay_son)
    builders.approve(report=other_report, user=other_staff)
    other_signed = report_sign(report=other_report, user=other_staff)
    own_conference = Conference.objects.get(campaign__code="tw8-khoa-xiii").pk
    other_conference = Conference.objects.get(campaign__code="tw5-khoa-xiii").pk
    done = {"status": "done", "filename": "x.xlsx", "mimetype": "application/octet-stream", "content": b"x"}
    other_job = ExportJob.objects.create(user=other_staff, kind="dashboard_xlsx", **done)
    own_import = ResultImport.objects.create(
        user=user(username=STAFF),
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
        committee=Committee.objects.get(code="tam-duong"),
    )
    other_import = ResultImport.objects.create(
        user=other_staff, campaign=Campaign.objects.get(code="tw5-khoa-xiii"), committee=tay_son
    )
    campaign = {"code": "tw8-khoa-xiii"}, {"code": "tw5-khoa-xiii"}
    setup_uploads = kept_setup_uploads(user(username=STAFF), other_staff)
    term_report = (
        {"pk": term_report_start(period=Period(Committee.objects.get(code="tam-duong"), *YEAR)).pk},
        {"pk": term_report_start(period=Period(tay_son, *YEAR)).pk},
    )
    tam_duong, ta_leng = Committee.objects.get(code="tam-duong"), Committee.objects.get(code="tam-duong-ta-leng")
    tay_an = Committee.objects.get(code="tay-son-tay-an")
    conference = {"pk": own_conference}, {"pk": other_conference}
    return {
        "campaign_detail": campaign,
        "campaign_edit": campaign,
        "campaign_documents": campaign,
        "conference_new": campaign,
        "conference_detail": conference,
        "conference_edit": conference,
        "site_edit": (
            {"pk": VideoSite.objects.get(name="Điểm cầu xã Tả Lèng").pk},
            {"pk": VideoSite.objects.get(name="Điểm cầu xã Bình Hòa").pk},
        ),
        "account_deactivate": accounts("open", tam_duong, tay_son),
        "account_reactivate": accounts("closed", tam_duong, tay_son, is_active=False),
        "account_password_reissue": accounts("forgot", tam_duong, tay_son),
        # Shared by every district: the same resolution is "another's" too.
        "resolution_edit": ({"pk": Resolution.objects.get(number="42-NQ/TW").pk},) * 2,
        "supervision_edit": (
            {"pk": Supervision.objects.create(committee=tam_duong, unit=ta_leng, held_on="2023-12-20", subject="x").pk},
            {"pk": Supervision.objects.create(committee=tay_son, unit=tay_an, held_on="2023-12-20", subject="x").pk},
        ),
        "action_document_edit": (
            {
                "pk": ActionDocument.objects.create(
                    unit=ta_leng,
                    campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
                    kind="plan",
                    issued_on="2023-12-20",
                    title="x",
                ).pk
            },
            {"pk": ActionDocument.objects.filter(unit=tay_an).first().pk},
        ),
        "channel_edit": (
            {
                "pk": OnlineChannel.objects.create(
                    owner=tam_duong, kind="zalo", name="a", members=1, counted_on="2023-12-20"
                ).pk
            },
            {
                "pk": OnlineChannel.objects.create(
                    owner=tay_son, kind="zalo", name="b", members=1, counted_on="2023-12-20"
                ).pk
            },
        ),
        "conference_step": conference,
        "attendance_grid": conference,
        "attendance_row": (
            {"pk": own_conference, "row": f"unit-{tam_duong.pk}"},
            {"pk": other_conference, "row": f"unit-{tay_son.pk}"},
        ),
        "attendance_template": conference,
        "attendance_import": conference,
        "absentee_list": (
            {"pk": own_conference, "unit_code": "tam-duong"},
            {"pk": other_conference, "unit_code": "tay-son"},
        ),
        "dashboard": campaign,
        "dashboard_xlsx": campaign,
        "results_template": campaign,
        "results_import": campaign,
        "results_template_filled": campaign,
        **dict.fromkeys(
            ("results_import_preview", "results_import_confirm"),
            ({"code": "tw8-khoa-xiii", "pk": own_import.pk}, {"code": "tw5-khoa-xiii", "pk": other_import.pk}),
        ),
        **dict.fromkeys(
            ("unit_result", *RESULT_ACTIONS),
            (
                {"code": "tw8-khoa-xiii", "unit_code": "tam-duong-ta-leng"},
                {"code": "tw5-khoa-xiii", "unit_code": "tay-son-tay-an"},
            ),
        ),
        **dict.fromkeys(REPORT_ACTIONS, campaign),
        "report": campaign,
        "report_preview": campaign,
        "report_xlsx": campaign,
        "report_prepared_pdf": campaign,
        "report_docx": campaign,
        **dict.fromkeys(("signed_report_pdf", "signed_report_xlsx"), ({"pk": own_signed.pk}, {"pk": other_signed.pk})),
        "seal_png": ({"code": "tam-duong"}, {"code": "tay-son"}),
        "committee_issuing": ({"code": "tam-duong"}, {"code": "tay-son"}),
        **dict.fromkeys(
            (
                "term_report",
                "term_report_preview",
                "term_report_xlsx",
                "term_report_docx",
                "term_report_prepared_pdf",
                *TERM_REPORT_ACTIONS,
            ),
            term_report,
        ),
        **setup_uploads,
        "job": ({"pk": "OWN"}, {"pk": other_job.pk}),
        "job_status": ({"pk": "OWN"}, {"pk": other_job.pk}),
        "job_download": ({"pk": "OWN"}, {"pk": other_job.pk}),
    }


def kept_setup_uploads(own_user, other_user) -> dict:
    """A kept tree and accounts file of the staff's own (their subtree's template: saving changes nothing) and of
    another district's staff, by the names of the URLs that take them."""
    tam_duong = Committee.objects.get(code="tam-duong")
    files = {
        SetupUpload.Kind.COMMITTEES: committee_template(tam_duong.subtree())[2],
        SetupUpload.Kind.ACCOUNTS: account_template(
            get_user_model().objects.filter(committee=tam_duong), for_user=get_user_model()(role="administrator")
        )[2],
    }
    targets = {}
    for kind, content in files.items():
        own, other = (
            SetupUpload.objects.create(user=owner, kind=kind, file_name="x.xlsx", content=content)
            for owner in (own_user, other_user)
        )
        targets |= dict.fromkeys((f"{kind}_import_preview", f"{kind}_import_save"), ({"pk": own.pk}, {"pk": other.pk}))
    return targets


# What no page may show: Django's English messages and pages, and stored codes in place of their labels.
ENGLISH = re.compile(
    r"This field is required|Enter a valid|Select a valid choice|Null characters|Ensure this value|"
    r"Forbidden|Not Found|Server Error|Method Not Allowed|Bad Request|CSRF verification|Page not found"
)
RAW_CODE = re.compile(r">\s*(draft|submitted|accepted|returned|approved|signed|pending|passed|failed|None)\s*<")


def raw(response) -> list[str]:
    """English messages and raw codes in a page's visible text."""
    content = response.content.decode()
    return [match.group(0) for match in (*ENGLISH.finditer(content), *RAW_CODE.finditer(content))]


def test_every_url_answers_every_role_as_expected(client, objects, monkeypatch):
    # Exports are queued, as on a server with a worker: who may start one is what is checked here, and each
    # export's file is checked by its own tests.
    monkeypatch.setitem(run_job.app.conf, "task_always_eager", False)
    mismatches = []
    for username in ROLES:
        client.logout()
        user = None
        if username:
            user = get_user_model().objects.get(username=username)
            client.force_login(user)
        own_job = ExportJob.objects.create(
            user=user or get_user_model().objects.get(username=STAFF),
            kind="dashboard_xlsx",
            status="done",
            filename="x.xlsx",
            mimetype="application/octet-stream",
            content=b"x",
        )
        for name, (method, needs_object, statuses) in EXPECTED.items():
            targets = [("own", {})]
            if needs_object:
                own, other = objects[name]
                own = {key: (own_job.pk if value == "OWN" else value) for key, value in own.items()}
                targets = [("own", own), ("other", other)]
            for which, kwargs in targets:
                expected = statuses[username]
                if which == "other" and kwargs == targets[0][1]:
                    continue  # shared by every district: nobody else's
                if which == "other" and expected == 200:
                    expected = 404
                elif name in EXPORTS and expected == 200:
                    expected = 302  # to the queued job's page
                response = getattr(client, method)(reverse(name, kwargs=kwargs))
                got = response.status_code
                if got != expected:
                    mismatches.append((name, username, which, expected, got))
                if response.get("Content-Type", "").startswith("text/html"):
                    mismatches += [(name, username, which, "English or a raw code", found) for found in raw(response)]
        for name, statuses in POSTS.items():
            own, _other = objects.get(name, ({}, {}))
            got = client.post(reverse(name, kwargs=own), {"step": "invitations"}).status_code
            if got != statuses[username]:
                mismatches.append((name, username, "post", statuses[username], got))
    assert mismatches == []


def test_signed_reports_of_another_district_stay_hidden_from_its_neighbours(client, objects):
    client.force_login(get_user_model().objects.get(username=LEADER))
    other = Report.objects.get(committee__code="tay-son", status=Report.Status.SIGNED)
    assert client.get(reverse("signed_report_pdf", args=[other.pk])).status_code == 404


def test_the_admin_is_for_administrators_only(client, demo):
    for username, status in ((SECRETARY, 302), (STAFF, 302), (LEADER, 302), (ADMIN, 200)):
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(reverse("admin:reporting_unitresult_changelist"))
        assert response.status_code == status, username
        if status == 302:
            assert response["Location"].startswith(reverse("admin:login"))
