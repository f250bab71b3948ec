"""5. Load: gunicorn with 2 workers on 127.0.0.1, wrk for a fixed time on two pages, as a signed-in user.

The server runs with this process's environment (DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS, the collected STATIC_ROOT and the scratch database); the
session is made beforehand in the database and sent as a Cookie header.
Gunicorn is stopped whatever happens.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from benchmarks.common import Row, captured, seconds_text
from conferences.models import Committee, Conference

WORKERS = 2
DURATION_SECONDS = 10
CONNECTIONS = 4
LUA = Path(__file__).with_name("wrk.lua")


def run(*, campaign_code: str, committee_code: str) -> list[Row]:
    if shutil.which("wrk") is None:
        row = Row("5. load", "wrk is not installed (`make bench` installs it as root)", "skipped")
        row.print()
        return [row]
    committee = Committee.objects.get(code=committee_code)
    conference = Conference.objects.get(campaign__code=campaign_code, level=Conference.Level.CENTRE)
    session = _session(committee)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    pages = (
        (f"dashboard of `{committee.code}`", reverse("dashboard", args=[campaign_code])),
        (f"attendance grid of `{committee.code}`", reverse("attendance_grid", args=[conference.pk])),
    )
    rows = []
    with _gunicorn() as port:
        for label, path in pages:
            status = _status(port, path, cookie)
            if status != 200:
                raise AssertionError(f"{path} answers {status} before the load, not 200")
            single, queries = _one_request(path, session)
            figures = _wrk(f"http://127.0.0.1:{port}{path}", cookie)
            errors = figures["not_2xx"] + sum(figures[kind] for kind in ("connect", "read", "write", "timeout"))
            seconds = figures["duration_us"] / 1e6
            rows.append(
                Row(
                    benchmark="5. load",
                    case=f"{label}: {CONNECTIONS} connections, {seconds:.0f} s, {WORKERS} workers",
                    result=f"{figures['requests'] / seconds:.1f} req/s; p50 {figures['p50_us'] / 1000:.0f} ms, "
                    f"p95 {figures['p95_us'] / 1000:.0f} ms, p99 {figures['p99_us'] / 1000:.0f} ms; "
                    f"{figures['requests']:,} requests, {errors} errors (one request alone, in process: "
                    f"{seconds_text(single)})",
                    queries=queries,
                    target="0 errors",
                    met=errors == 0,
                    miss="" if errors == 0 else f"{errors} errors: {json.dumps(figures)}",
                )
            )
            rows[-1].print()
    return rows


def _session(committee: Committee) -> str:
    """A signed-in session of a propaganda staff member of the committee, stored in the database."""
    user = User(username=f"bench-tuyengiao-{committee.code}", role=User.Role.PROPAGANDA_STAFF, committee=committee)
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    return client.session.session_key


def _one_request(path: str, session: str) -> tuple[float, int]:
    """Server time and queries of one request through the test client, for comparison."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    client.get(path)
    started = time.perf_counter()
    response, queries = captured(lambda: client.get(path))
    assert response.status_code == 200, response.status_code
    return time.perf_counter() - started, len(queries)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _gunicorn() -> Iterator[int]:
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=os.environ.copy(), start_new_session=True)
    try:
        _wait_until_up(server, port)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _wait_until_up(server: subprocess.Popen, port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            if _status(port, reverse("login"), "") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


def _status(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        return connection.getresponse().status
    finally:
        connection.close()


def _wrk(url: str, cookie: str) -> dict[str, float]:
    command = ["wrk", "--threads", "1", "--connections", str(CONNECTIONS), "--duration", f"{DURATION_SECONDS}s"]
    command += ["--timeout", "10s", "--script", str(LUA), "--header", f"Cookie: {cookie}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=DURATION_SECONDS + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))
