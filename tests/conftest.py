import gc
import io
import os
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.template import Template
from django.test import override_settings
from django.test.signals import template_rendered
from hypothesis import settings

# The suite makes many short-lived objects and few long cycles: collecting less often saves a few percent.
gc.set_threshold(100_000, 50, 100)

# Property tests: a quick look in `make test`, a thorough one in CI (.ci/run sets HYPOTHESIS_PROFILE=thorough).
settings.register_profile("quick", max_examples=10)
settings.register_profile("thorough", max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def shares_the_demo(item: pytest.Item) -> bool:
    return "module_demo" in getattr(item, "fixturenames", ())


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool({"transactional_db", "live_server"} & fixtures)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    # A transactional test would run inside the module's demo transaction (`make test` keeps a
    # module on one worker): such tests live in modules of their own.
    mixed = {item.path for item in items if shares_the_demo(item)} & {
        item.path for item in items if is_transactional(item)
    }
    if mixed:
        raise pytest.UsageError(f"Move the transactional tests out of the modules sharing the demo: {sorted(mixed)}")
    # Before pytest-django orders the tests (stably, transactional ones last): a module's
    # tests on the demo run together after its other tests, so no other test sees the demo.
    # The longest modules go first, so `make test`'s two workers end together rather than one
    # waiting for the other's last long module.
    items.sort(key=lambda item: (first_modules(item), shares_the_demo(item)))
    return (yield)


# The modules that take longest (`pytest --durations=0`), longest first.
LONGEST = (
    "test_url_matrix.py",
    "test_admin.py",
    "test_reports.py",
    "test_action_document_attacks.py",
    "test_term_report.py",
    "test_committee_keys.py",
    "test_token_signing.py",
    "test_figure_locks.py",
)


def first_modules(item: pytest.Item) -> int:
    return LONGEST.index(item.path.name) if item.path.name in LONGEST else len(LONGEST)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    # Real hashing is deliberately slow; tests create many accounts, the demo among them.
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", "accounts.hashers.OneTimePasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo for a module, gone after its last test.

    As Django's TestCase.setUpTestData: each test then runs in a savepoint inside the module's
    database, so what one test writes is gone before the next. A module-scoped fixture that builds
    on the demo asks for this one and writes inside `django_db_blocker.unblock()`.

    On SQLite the demo is loaded once for the worker and copied in and out of the database for each
    module (SQLite's backup, milliseconds); elsewhere it is loaded in a transaction rolled back after
    the module.
    """
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            yield from _demo_copied_in()
        else:
            with transaction.atomic():
                load_demo()
                yield
                transaction.set_rollback(True)


_snapshots: dict[str, sqlite3.Connection] = {}


def _demo_copied_in():
    connection.ensure_connection()
    database = connection.connection
    if not _snapshots:
        _snapshots["empty"] = _copy_of(database)
        load_demo()
        _snapshots["demo"] = _copy_of(database)
    else:
        _snapshots["demo"].backup(database)
    try:
        yield
    finally:
        _snapshots["empty"].backup(database)


def _copy_of(database: sqlite3.Connection) -> sqlite3.Connection:
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    database.backup(copy)
    return copy


@pytest.fixture
def demo(module_demo, db):
    """The Tam Đường and Tây Sơn demo, as `make run` loads it.

    Transactional tests cannot share the module's transaction: they ask for `fresh_demo`.
    """


@pytest.fixture
def fresh_demo(transactional_db):
    """The demo loaded for one transactional test, committed, and flushed after it."""
    load_demo()


@pytest.fixture
def staff_client(client, demo, django_user_model):
    """Nguyễn Thị Hồng of Tam Đường's Propaganda Department, signed in."""
    client.force_login(django_user_model.objects.get(username="tuyengiao"))
    return client


@pytest.fixture(scope="module")
def signed(module_demo, django_db_blocker):
    """Tam Đường's report on the 8th Plenum, approved and signed once for the module; what a test changes is
    rolled back after it."""
    from reporting.documents.workflow import report_sign, report_start
    from reporting.models import Report
    from tests import builders
    from tests.test_reports import tam_duong, user

    with django_db_blocker.unblock():
        if "signed" in _snapshots:  # SQLite: signed once for the worker, copied in as the demo is
            _snapshots["signed"].backup(connection.connection)
            return Report.objects.get(pk=_signed_pk[0])
        campaign, committee = tam_duong()
        report = report_start(campaign=campaign, committee=committee)
        builders.approve(report=report, user=user("tuyengiao"))
        report = report_sign(report=report, user=user("lanhdao"))
        if connection.vendor == "sqlite":
            _snapshots["signed"] = _copy_of(connection.connection)
            _signed_pk[:] = [report.pk]
        return report


_signed_pk: list[int] = []


@pytest.fixture(autouse=True, scope="session")
def pages_recorded_only(django_test_environment):
    """The test client keeps the context of each template a response renders, copied; the tests read the page's
    only (``response.context["form"]``). Recording a form's widgets and included pieces too cost a tenth of the
    suite's time, so only pages are recorded."""
    Template._render = _recorded_if_a_page
    yield


def _recorded_if_a_page(self: Template, context):
    if context.template is self and not (self.name or "").startswith("django/forms/"):
        template_rendered.send(sender=self, template=self, context=context)
    return self.nodelist.render(context)
