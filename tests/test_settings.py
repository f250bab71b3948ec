"""A mistyped setting stops the server at start, naming the variable, instead of quietly reading as a default."""

import json
import os
import subprocess
import sys

import pytest

from tests.test_project import ROOT, TEST_ONLY_ENVIRONMENT, run_settings

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "hoctap.example.vn"}


def read_settings(*names: str, **env: str) -> dict:
    """The named settings as a fresh interpreter reads them with ``env`` (and nothing the suite set)."""
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENVIRONMENT}
    code = f"import json, config.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_mistyped_ssl_redirect_is_refused_not_read_as_off():
    proc = run_settings(**PRODUCTION, SECURE_SSL_REDIRECT="ture")
    assert proc.returncode != 0
    assert "ImproperlyConfigured: SECURE_SSL_REDIRECT must be one of" in proc.stderr
    assert "'ture'" in proc.stderr


def test_debug_must_be_a_yes_or_no_word():
    proc = run_settings(DEBUG="maybe")
    assert proc.returncode != 0
    assert "DEBUG must be one of 1/0, true/false, yes/no, on/off; got 'maybe'." in proc.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_CONN_MAX_AGE", "60s"),
        ("AXES_FAILURE_LIMIT", "five"),
        ("EMAIL_PORT", ""),
        ("SECURE_HSTS_SECONDS", "1.5"),
        ("SESSION_COOKIE_AGE", "8h"),
    ],
)
def test_a_bad_whole_number_is_refused_by_name(name, value):
    proc = run_settings(**PRODUCTION, **{name: value})
    assert proc.returncode != 0
    assert f"ImproperlyConfigured: {name} must be a whole number; got {value!r}." in proc.stderr


def test_the_lockout_time_must_be_a_number_of_hours():
    proc = run_settings(AXES_COOLOFF_HOURS="15 minutes")
    assert proc.returncode != 0
    assert "AXES_COOLOFF_HOURS must be a number; got '15 minutes'." in proc.stderr


def test_production_with_valid_values_loads_them():
    values = read_settings(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_AGE",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        **PRODUCTION,
        SECURE_SSL_REDIRECT=" Off ",
        SECURE_HSTS_SECONDS="3600",
        SESSION_COOKIE_AGE="7200",
        AXES_FAILURE_LIMIT="10",
        AXES_COOLOFF_HOURS="0.5",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="yes",
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SESSION_COOKIE_AGE": 7200,
        "AXES_FAILURE_LIMIT": 10,
        "AXES_COOLOFF_TIME": 0.5,
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
    }


def test_production_defaults_are_unchanged():
    values = read_settings("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_AGE", **PRODUCTION)
    assert values == {"SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000, "SESSION_COOKIE_AGE": 28800}


def test_token_trust_roots_must_name_a_file():
    proc = run_settings(REPORT_TOKEN_TRUST_ROOTS="/etc/khong-co/goc.pem")
    assert proc.returncode != 0
    assert "ImproperlyConfigured: REPORT_TOKEN_TRUST_ROOTS names no file: '/etc/khong-co/goc.pem'." in proc.stderr
