"""Celery tasks: thin wrappers, the work lives in the services they call."""

from celery import shared_task

from reporting import reminders
from reporting.jobs import job_run, jobs_delete_old


@shared_task
def run_job(job_id: str) -> None:
    job_run(job_id=job_id)


@shared_task
def send_reminders() -> int:
    return len(reminders.send_reminders())


@shared_task
def delete_old_jobs() -> int:
    return jobs_delete_old()
