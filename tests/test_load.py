"""A bounded load test: many units submit at once through gunicorn; every submission is stored once.

gunicorn serves the project with production settings on 127.0.0.1 with two
workers against a scratch database; threads play the unit secretaries.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reporting.models.unit_results import FIGURE_FIELDS

# Half a minute of gunicorn: run by .ci/run with `-m slow`, outside `make test`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Tai-thu-2026"
CONCURRENCY = 8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: cookies, CSRF tokens, and the proxy's HTTPS header."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, response.getheader("Location") or "", text

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def submit(port: int, username: str, unit_code: str) -> list[int]:
    """Sign in, open the unit's form, send it. Returns every status seen."""
    browser, statuses = Browser(port), []
    status, _, page = browser.request("GET", "/tai-khoan/dang-nhap/")
    statuses.append(status)
    status, _, _ = browser.request(
        "POST",
        "/tai-khoan/dang-nhap/",
        {"csrfmiddlewaretoken": browser.csrf(page), "username": username, "password": PASSWORD},
    )
    statuses.append(status)
    url = f"/dot-hoc-tap/tai-thu/ket-qua/{unit_code}/"
    status, _, form = browser.request("GET", url)
    statuses.append(status)
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    figures = dict.fromkeys(FIGURE_FIELDS, "0")
    status, _, _ = browser.request(
        "POST",
        f"{url}gui/",
        {
            "csrfmiddlewaretoken": browser.csrf(form),
            "version": version,
            **figures,
            "cell_meetings": "2",
            "party_members_total": "20",
            "party_members_attended": "19",
            "non_members_total": "5",
            "non_members_attended": "5",
            "people": "24",
        },
    )
    statuses.append(status)
    return statuses


def test_many_units_submit_at_once_without_errors(tmp_path):
    database = f"sqlite:///{tmp_path / 'load.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DATABASE_URL": os.environ.get("LOAD_DATABASE_URL", database),
        "DEBUG": "0",
        "SECRET_KEY": "load-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "AXES_FAILURE_LIMIT": "1000",
    }
    prepared = subprocess.run(
        [sys.executable, "tests/load/prepare.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    accounts = [line.split() for line in prepared.stdout.splitlines() if line.startswith("tai.")]
    assert len(accounts) >= 20
    port = free_port()
    env["CSRF_TRUSTED_ORIGINS"] = f"https://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            outcomes = list(pool.map(lambda account: submit(port, *account), accounts))
    finally:
        server.terminate()
        server.wait(timeout=30)

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
