"""The real broker: a dashboard export runs in a Celery worker through Redis (.ci/run starts one).

A transactional test, in a module of its own: it cannot share a module's demo transaction.
"""

import io
import os
import threading

import pytest
from celery.signals import task_postrun
from openpyxl import load_workbook

from config import celery_app
from reporting.figures.dashboard import DashboardExporter
from reporting.jobs.tasks import job_start
from tests.test_tasks import CAMPAIGN, LEADER, Status, tam_duong, user

REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")


def workbook_values(content: bytes) -> dict[str, list[tuple]]:
    """What a workbook says, without the creation time every saved file carries."""
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


@pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server: set REDIS_URL (.ci/run does when one answers)")
@pytest.mark.django_db(transaction=True)
def test_real_broker_runs_a_dashboard_export_in_a_worker(fresh_demo, monkeypatch):
    from celery.contrib.testing.worker import start_worker

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", REDIS_URL)
    celery_app.control.purge()  # nothing left over from an earlier run
    campaign, committee = tam_duong()
    filename, mimetype, content = DashboardExporter(campaign=campaign, committee=committee).render()

    # Waited for by the worker's signal, not by reading the job: on the test's in-memory SQLite (one shared
    # cache) a read here while the worker writes makes the worker's write fail as "table is locked".
    finished = threading.Event()
    task_postrun.connect(lambda **kwargs: finished.set(), weak=False, dispatch_uid="real-broker-test")
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            job = job_start(
                user=user(LEADER), kind="dashboard", arguments={"campaign": CAMPAIGN, "committee": "tam-duong"}
            )
            assert job.status == Status.QUEUED  # handed to the worker, not run in this thread
            assert finished.wait(timeout=60)
    finally:
        task_postrun.disconnect(dispatch_uid="real-broker-test")
    job.refresh_from_db()

    assert (job.status, job.error, job.progress) == (Status.DONE, "", f"Đã tạo xong tệp {filename}.")
    assert (job.filename, job.mimetype) == (filename, mimetype)
    assert bytes(job.content)[:2] == b"PK"  # a zip, as every .xlsx
    assert workbook_values(bytes(job.content)) == workbook_values(content)
