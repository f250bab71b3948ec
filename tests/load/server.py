"""The project served as production serves it, and a small browser that talks to it over HTTP.

Shared by the load test (tests/test_load.py) and the attacks from outside (tests/attacks/):
a scratch database (PostgreSQL where one answers, else SQLite), the production environment
(DEBUG=0, secure cookies, nginx's X-Forwarded-Proto), a prepare script run against it, and
gunicorn started with the worker limits of docs/deploy.md.
"""

import contextlib
import html.parser
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent.parent
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_answers() -> bool:
    try:
        socket.create_connection((POSTGRES["host"], POSTGRES["port"]), timeout=1).close()
    except OSError:
        return False
    return True


def _postgres(statement: str) -> None:
    connection = psycopg2.connect(dbname="postgres", connect_timeout=5, **POSTGRES)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


@contextlib.contextmanager
def scratch_database(tmp_path: Path, *, vendor: str | None = None) -> Iterator[str]:
    """A DATABASE_URL for an empty database, dropped afterwards: PostgreSQL where one answers
    on 127.0.0.1:5432 (user postgres, trust authentication), else SQLite in ``tmp_path``;
    ``vendor`` ("postgresql" or "sqlite") chooses."""
    vendor = vendor or ("postgresql" if postgres_answers() else "sqlite")
    if vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"hoctap_scratch_{secrets.token_hex(6)}"
    _postgres(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
    finally:
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(tmp_path: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of docs/deploy.md for 127.0.0.1, with ``settings`` on top."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "scratch-site-" + "x" * 50,
        "REPORT_KEYS_SECRET": "scratch-keys-" + "y" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        **settings,
    }


def prepare(env: dict[str, str], script: str = "tests/load/prepare.py") -> str:
    """Runs a prepare script against the scratch database; returns what it printed."""
    done = subprocess.run([sys.executable, script], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{script} failed:\n{done.stderr[-3000:]}")
    return done.stdout


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int = 2) -> Iterator[int]:
    """gunicorn serving ``config.wsgi`` on a free port of 127.0.0.1 with the limits of docs/deploy.md;
    yields the port once it accepts connections. Its standard error (Django's log) goes to ``log``."""
    port = free_port()
    env = {"CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}", **env}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--timeout", "60", "--max-requests", "2000", "--max-requests-jitter", "200"]
    command += ["--no-control-socket"]  # a local socket, no part of what is served; one per user would clash
    with log.open("w") as stderr:
        # A session of its own, so that the server and its workers are ended together, busy or not.
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            # A worker still busy with a request past the graceful stop.
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@dataclass
class Response:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return next((value for key, value in self.headers if key.lower() == name.lower()), "")

    @property
    def location(self) -> str:
        return self.header("Location")

    @property
    def forms(self) -> "Forms":
        return Forms(self.text, self.url)

    def set_cookies(self) -> dict[str, str]:
        """Each cookie set, by name: its whole Set-Cookie line."""
        return {value.split("=", 1)[0]: value for key, value in self.headers if key.lower() == "set-cookie"}


@dataclass
class Browser:
    """Just enough of a browser behind the documented nginx: cookies, CSRF tokens, the proxy's HTTPS header.

    ``forwarded_for`` is the address nginx would append to X-Forwarded-For (left out when empty); without
    ``https`` the request is one that reached nginx over plain HTTP.
    """

    port: int
    forwarded_for: str = ""
    https: bool = True
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        form: dict | None = None,
        *,
        files: dict[str, tuple[str, bytes]] | None = None,
        timeout: float = 30,
    ) -> Response:
        scheme = "https" if self.https else "http"
        headers = {
            "X-Forwarded-Proto": scheme,
            "Origin": f"{scheme}://127.0.0.1:{self.port}",
            "Referer": f"{scheme}://127.0.0.1:{self.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if files is not None:
            body, headers["Content-Type"] = multipart(form or {}, files)
        elif form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Response(path, response.status, response.getheaders(), response.read(), 0.0)
        finally:
            connection.close()
        answer.seconds = time.monotonic() - started
        for name, line in answer.set_cookies().items():
            self.cookies[name] = line.split(";", 1)[0].split("=", 1)[1]
        return answer

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict | None = None, **kwargs) -> Response:
        return self.request("POST", path, form, **kwargs)

    def follow(self, response: Response) -> Response:
        """The page a redirect leads to."""
        assert response.status == 302, (response.status, response.text[:500])
        return self.get(urllib.parse.urlsplit(response.location)._replace(scheme="", netloc="").geturl())

    def csrf(self, html: str) -> str:
        return Forms(html).csrf

    def sign_in(self, username: str, password: str) -> Response:
        login = "/tai-khoan/dang-nhap/"
        form = self.get(login).forms.acting_on(login).fields
        return self.post(login, {**form, "username": username, "password": password})


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, (filename, content) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@dataclass
class Form:
    action: str
    method: str
    # What the browser would send as the form stands: text, hidden and number inputs, checked boxes,
    # text areas, selected options.
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    # Every option of each select, (value, label); every value of each set of check boxes, (value, "").
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


class Forms(html.parser.HTMLParser):
    """The forms of a page at ``url``, in order; a form without an action posts to the page itself."""

    def __init__(self, page: str, url: str = ""):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self._select: str | None = None
        self._multiple = False
        self._option: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._text = ""
        self.feed(page)

    @property
    def csrf(self) -> str:
        tokens = (form.fields.get("csrfmiddlewaretoken") for form in self.forms)
        return str(next(token for token in tokens if token))

    def acting_on(self, action: str) -> Form:
        """The one form posting to ``action``."""
        (form,) = [form for form in self.forms if urllib.parse.urlsplit(form.action).path == action]
        return form

    def _set(self, name: str, value: str, *, many: bool = False) -> None:
        fields = self.forms[-1].fields
        if many:
            values = fields.setdefault(name, [])
            assert isinstance(values, list)
            values.append(value)
        else:
            fields[name] = value

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name", "")
        if tag == "form":
            self.forms.append(Form(attributes.get("action") or self.url, attributes.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"}:
                self.forms[-1].options.setdefault(name, []).append((attributes.get("value", "on"), ""))
                if "checked" in attributes:
                    self._set(name, attributes.get("value", "on"), many=kind == "checkbox")
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._set(name, attributes.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select, self._multiple = name, "multiple" in attributes
            self.forms[-1].options[name] = []
            if self._multiple:
                self.forms[-1].fields[name] = []
        elif tag == "option" and self._select:
            self._option, self._text = (attributes.get("value", ""), "selected" in attributes), ""

    def handle_data(self, data):
        if self._textarea or self._option:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self._set(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None
        elif tag == "option" and self._option and self._select:
            value, selected = self._option
            self.forms[-1].options[self._select].append((value, self._text.strip()))
            if selected:
                self._set(self._select, value, many=self._multiple)
            self._option = None
        elif tag == "select" and self._select:
            options = self.forms[-1].options[self._select]
            if not self._multiple and self._select not in self.forms[-1].fields and options:
                self._set(self._select, options[0][0])  # as a browser sends a select left alone
            self._select = None
