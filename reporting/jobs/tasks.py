"""The queue's side of background work: Celery tasks, thin wrappers over the services, and ``job_start``.

Only this module knows Celery; the services it calls never import it.
"""

from celery import shared_task
from django.db import transaction

from accounts.models import User
from reporting.jobs import reminders
from reporting.jobs.services import job_create, job_run, jobs_delete_old, previews_delete_expired
from reporting.models import ExportJob


@shared_task
def run_job(job_id: str) -> None:
    job_run(job_id=job_id)


@shared_task
def send_reminders() -> int:
    return len(reminders.send_reminders())


@shared_task
def delete_old_jobs() -> int:
    return jobs_delete_old()


@shared_task
def delete_expired_previews() -> int:
    return previews_delete_expired()


def job_start(*, user: User, kind: str, arguments: dict[str, str | int], return_url: str = "") -> ExportJob:
    """A new job for ``kind``, handed to the queue; inline (no broker) it has already run when this returns."""
    job = job_create(user=user, kind=kind, arguments=arguments, return_url=return_url)
    if run_job.app.conf.task_always_eager:
        run_job.delay(str(job.pk))
        job.refresh_from_db()
    else:
        # The worker must find the row, so it is sent once the row is committed.
        transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job
