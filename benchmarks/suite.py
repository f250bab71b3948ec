"""One pass of every benchmark against the database DATABASE_URL names; ``benchmarks.run`` starts it.

    python -m benchmarks.suite --output benchmarks/.data/sqlite.json

The database must be a scratch one: the pass migrates it, loads the demo
and the synthetic nation, and adds to them as it goes.
"""

import argparse
import json
import os
import sys
import time
import traceback
from dataclasses import asdict
from typing import Any

CAMPAIGN = "scale-1"
LOAD_COMMITTEE = "p01"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", required=True, help="where to write the pass's figures as JSON")
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes-per-province", type=int, default=97)
    parser.add_argument("--cells-per-commune", type=int, default=16)
    parser.add_argument("--campaigns", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from benchmarks import dashboard, excel_import, first_click, hostile_upload, load, pdf, rollup
    from benchmarks.common import HEADER, Row
    from benchmarks.scale.generation import ScaleSpec

    spec = ScaleSpec(args.provinces, args.communes_per_province, args.cells_per_commune, args.campaigns, args.seed)
    report: dict[str, Any] = {"database": _database(), "spec": asdict(spec), "setup": {}, "rows": [], "failed": []}
    print(f"== {report['database']['vendor']} {report['database']['version']}", flush=True)
    report["setup"] = _prepare(spec)
    print("| " + " | ".join(HEADER) + " |\n|" + " --- |" * len(HEADER), flush=True)

    benchmarks = (
        ("1. roll-up", lambda: rollup.run(campaign_code=CAMPAIGN)),
        ("2. dashboard", lambda: dashboard.run(campaign_code=CAMPAIGN, seed=spec.seed)),
        ("3. report PDF", lambda: pdf.run(campaign_code=CAMPAIGN, seed=spec.seed)),
        ("4. Excel import", excel_import.run),
        ("5. load", lambda: load.run(campaign_code=CAMPAIGN, committee_code=LOAD_COMMITTEE)),
        ("6. hostile upload", hostile_upload.run),
        ("7. first click", first_click.run),
    )
    rows: list[Row] = []
    for name, benchmark in benchmarks:
        try:
            rows += benchmark()
        except Exception as error:
            traceback.print_exc()
            report["failed"].append(name)
            rows.append(Row(name, "failed", f"{type(error).__name__}: {error}", met=False))
            rows[-1].print()
    report["rows"] = [asdict(row) for row in rows]
    with open(args.output, "w", encoding="utf-8") as output:
        json.dump(report, output, ensure_ascii=False, indent=1)
    return 1 if report["failed"] else 0


def _database() -> dict[str, str]:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return {"vendor": "PostgreSQL", "version": cursor.fetchone()[0]}
    return {"vendor": "SQLite", "version": connection.Database.sqlite_version}


def _prepare(spec) -> dict[str, Any]:
    """Schema, the demo and the nation; how long each took. Static files are collected once, by ``run``."""
    from django.core.management import call_command

    from benchmarks.scale.generation import scale_generate
    from reporting.demo import demo_load

    steps: dict[str, Any] = {}
    for name, step in (
        ("migrate", lambda: call_command("migrate", interactive=False, verbosity=0)),
        ("demo", demo_load),
        ("nation", lambda: scale_generate(spec=spec)),
    ):
        started = time.perf_counter()
        value = step()
        steps[name] = round(time.perf_counter() - started, 1)
        print(f"-- {name}: {steps[name]} s", flush=True)
        if name == "nation":
            steps["summary"] = asdict(value)
    return steps


if __name__ == "__main__":
    sys.exit(main())
