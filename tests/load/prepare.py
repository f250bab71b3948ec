"""Prepares a scratch site for the load test: static files, the demo, an open campaign, a secretary per unit.

Run as a script with DATABASE_URL pointing at the scratch database; prints the usernames.
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from conferences.models import Campaign, Committee  # noqa: E402

PASSWORD = "Tai-thu-2026"

call_command("migrate", verbosity=0)
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
for unit in Committee.objects.filter(path__startswith=district.path, depth__gt=district.depth):
    user, _ = User.objects.get_or_create(
        username=f"tai.{unit.code}", defaults={"role": User.Role.UNIT_SECRETARY, "committee": unit}
    )
    user.set_password(PASSWORD)
    user.save()
    print(user.username, unit.code)
