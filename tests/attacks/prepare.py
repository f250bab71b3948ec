"""Prepares the scratch site for the attacks: the load test's site, and Tam Đường's report on the 8th Plenum
approved and signed with the demo's certificate.

Run as a script with DATABASE_URL pointing at the scratch database; prints the signed report's id.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from accounts.models import User  # noqa: E402
from conferences.models import Campaign, Committee  # noqa: E402
from reporting.documents.workflow import report_sign, report_start  # noqa: E402
from tests import builders  # noqa: E402
from tests.load.prepare import prepare_site  # noqa: E402

prepare_site(compress_static=False)
campaign, district = Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")
report = report_start(campaign=campaign, committee=district)
builders.approve(report=report, user=User.objects.get(username="tuyengiao"))
print("signed", report_sign(report=report, user=User.objects.get(username="lanhdao")).pk)
