"""The Celery app: settings come from Django's, every CELERY_* name (see config/settings.py).

Without CELERY_BROKER_URL the tasks run inline in the request (the embedded
default); with it a worker picks them up: `celery -A config worker` and
`celery -A config beat` for the daily reminders.
"""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["reporting.jobs"])


@worker_process_init.connect
def warm_up(**kwargs):
    """Each worker process loads the report renderer and signer before its first job (REPORT_WARM_UP)."""
    from reporting.documents.warmup import warm_up_if_asked

    warm_up_if_asked()
