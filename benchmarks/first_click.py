"""7. The first click: Tây Sơn's term report previewed and signed (PDF/A, seal and signature) in a fresh process.

Each case starts a new Python process, as a worker does: "first" is the first
preview or signature there, "after warm-up" the first after
``reporting.documents.warmup.warm_up`` (what a worker runs at start with
REPORT_WARM_UP), "warm" the next one.
"""

import json
import os
import subprocess
import sys

from benchmarks.common import Row, against_target, seconds_text

TARGETS = {"preview": 0.2, "signing": 0.5}
REASON = "WeasyPrint lays the pages out in Python and pyHanko signs in Python; the warm figures are the floor."

# Run in the child process: set Django up, optionally warm up, then time two previews and two signatures.
CHILD = r"""
import datetime, json, os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from conferences.models import Committee
from reporting.documents.pdf import render_report_pdf
from reporting.documents.term_reports import term_report_start
from reporting.documents.workflow import report_document, report_sign
from reporting.figures.term import Period
from reporting.models import Report
from tests import builders

if sys.argv[1] == "warm":
    from reporting.documents.warmup import warm_up
    warm_up()
period = Period(Committee.objects.get(code="tay-son"), datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))
users = get_user_model().objects
times = {}
with transaction.atomic():
    report = term_report_start(period=period)
    for n in ("first", "next"):
        started = time.perf_counter()
        render_report_pdf(report_document(report))
        times[f"preview {n}"] = time.perf_counter() - started
    builders.approve(report=report, user=users.get(username="tuyengiao.tayson"))
    started = time.perf_counter()
    report_sign(report=Report.objects.get(pk=report.pk), user=users.get(username="lanhdao.tayson"))
    times["signing first"] = time.perf_counter() - started
    transaction.set_rollback(True)
print(json.dumps(times))
"""


def run() -> list[Row]:
    cold, warmed = _child("cold"), _child("warm")
    rows = []
    for kind in ("preview", "signing"):
        first = cold[f"{kind} first"]
        after = warmed[f"{kind} first"]
        limit = TARGETS[kind]
        met, miss = against_target(after, limit, REASON)
        result = f"first {seconds_text(first)}; after warm-up {seconds_text(after)}"
        if kind == "preview":
            result += f"; next {seconds_text(warmed['preview next'])}"
        rows.append(
            Row(
                benchmark="7. first click",
                case=f"Tây Sơn term report (4 pages, PDF/A, seal and signature): {kind}",
                result=result,
                target=f"≤ {seconds_text(limit)} after warm-up",
                met=met,
                miss=miss,
            )
        )
        rows[-1].print()
    return rows


def _child(mode: str) -> dict[str, float]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")}
    output = subprocess.run(
        [sys.executable, "-c", CHILD, mode], env=environment, capture_output=True, text=True, check=False, timeout=300
    )
    if output.returncode:
        # The child's own last lines say why, not the command line it ran.
        raise RuntimeError(" | ".join(output.stderr.strip().splitlines()[-3:]))
    return json.loads(output.stdout.strip().splitlines()[-1])
