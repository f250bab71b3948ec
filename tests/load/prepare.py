"""Prepares a scratch site for the load test: static files, the demo, an open campaign, a secretary per unit.

Run as a script with DATABASE_URL pointing at the scratch database; prints the usernames.
tests/attacks/prepare.py builds on `prepare_site`.
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from conferences.models import Campaign, Committee  # noqa: E402

PASSWORD = "Tai-thu-2026"
# The manifest production reads, without the compressed copies (most of collectstatic's time).
UNCOMPRESSED = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}


def prepare_site(*, compress_static: bool = True) -> list[User]:
    """Migrated, static files collected, the demo loaded, campaign "tai-thu" open today; its secretaries."""
    call_command("migrate", verbosity=0)
    storages = {} if compress_static else {"STORAGES": {**settings.STORAGES, **UNCOMPRESSED}}
    with override_settings(**storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", verbosity=0, stdout=quiet)
    district = Committee.objects.get(code="tam-duong")
    today = timezone.localdate()
    Campaign.objects.update_or_create(
        code="tai-thu",
        defaults={
            "name": "Nghị quyết thử tải",
            "committee": district,
            "starts_on": today - datetime.timedelta(days=10),
            "ends_on": today + datetime.timedelta(days=20),
            "reporting_deadline": today + datetime.timedelta(days=10),
        },
    )
    hashed = make_password(PASSWORD)  # once: the production hasher takes most of a second
    secretaries = []
    for unit in Committee.objects.filter(path__startswith=district.path, depth__gt=district.depth):
        user, _ = User.objects.update_or_create(
            username=f"tai.{unit.code}",
            defaults={"password": hashed},
            create_defaults={"password": hashed, "role": User.Role.UNIT_SECRETARY, "committee": unit},
        )
        secretaries.append(user)
    return secretaries


if __name__ == "__main__":
    for secretary in prepare_site():
        print(secretary.username, secretary.committee.code)
