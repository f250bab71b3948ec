"""The Celery app: settings come from Django's, every CELERY_* name (see config/settings.py).

Without CELERY_BROKER_URL the tasks run inline in the request (the embedded
default); with it a worker picks them up: `celery -A config worker` and
`celery -A config beat` for the daily reminders.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["reporting.jobs"])
