"""A worker warms the renderer and signer up when it starts, without touching the database."""

import runpy

from reporting.documents import warmup


def test_warming_up_renders_and_signs_without_the_database():
    # No django_db mark: a query here would fail the test.
    assert warmup.warm_up() > 0


def test_gunicorn_workers_warm_up_only_when_asked(monkeypatch, settings):
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(1) or 0.1)
    hooks = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    settings.REPORT_WARM_UP = False
    hooks["post_worker_init"](None)
    settings.REPORT_WARM_UP = True
    hooks["post_worker_init"](None)
    assert calls == [1]
