"""A bounded load test: many units submit at once through gunicorn; every submission is stored once.

gunicorn serves the project with production settings on 127.0.0.1 with two
workers against a scratch database; threads play the unit secretaries.
"""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from reporting.models.unit_results import FIGURE_FIELDS
from tests.load.server import ROOT, Browser, gunicorn, prepare, production_env
from tests.test_unit_results import NO_OUTREACH

# Half a minute of gunicorn: run by .ci/run with `-m slow`, outside `make test`.
pytestmark = pytest.mark.slow

PASSWORD = "Tai-thu-2026"
CONCURRENCY = 8


def submit(port: int, username: str, unit_code: str) -> list[int]:
    """Sign in, open the unit's form, send it. Returns every status seen."""
    browser = Browser(port)
    page = browser.get("/tai-khoan/dang-nhap/")
    signed_in = browser.post(
        "/tai-khoan/dang-nhap/",
        {"csrfmiddlewaretoken": browser.csrf(page.text), "username": username, "password": PASSWORD},
    )
    url = f"/dot-hoc-tap/tai-thu/ket-qua/{unit_code}/"
    form = browser.get(url)
    version = re.search(r'name="version" value="(\d+)"', form.text).group(1)
    figures = dict.fromkeys(FIGURE_FIELDS, "0")
    sent = browser.post(
        f"{url}gui/",
        {
            "csrfmiddlewaretoken": browser.csrf(form.text),
            "version": version,
            **figures,
            **NO_OUTREACH,
            "cell_meetings": "2",
            "party_members_total": "20",
            "party_members_attended": "19",
            "non_members_total": "5",
            "non_members_attended": "5",
            "people": "24",
            # The same figures for every unit are far from some units' registered head-counts: confirmed.
            "confirm_warnings": "on",
        },
    )
    return [page.status, signed_in.status, form.status, sent.status]


def test_many_units_submit_at_once_without_errors(tmp_path):
    database = os.environ.get("LOAD_DATABASE_URL", f"sqlite:///{tmp_path / 'load.sqlite3'}")
    env = production_env(tmp_path, database, AXES_FAILURE_LIMIT="1000")
    accounts = [line.split() for line in prepare(env).splitlines() if line.startswith("tai.")]
    assert len(accounts) >= 20
    with gunicorn(env, tmp_path / "gunicorn.log") as port, ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        outcomes = list(pool.map(lambda account: submit(port, *account), accounts))

    log = (tmp_path / "gunicorn.log").read_text()
    assert all(statuses == [200, 302, 200, 302] for statuses in outcomes), (outcomes, log[-3000:])
    check = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from reporting.models import UnitResult as R; from django.db.models import Count;"
            "q=R.objects.filter(campaign__code='tai-thu');"
            "print(q.count(), q.filter(status='submitted').count(),"
            " q.values('unit').annotate(n=Count('id')).filter(n__gt=1).count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    total, submitted, duplicated = map(int, check.stdout.split()[-3:])
    assert (total, submitted, duplicated) == (len(accounts), len(accounts), 0)
