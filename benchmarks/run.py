"""`make bench`: every benchmark on SQLite, then on PostgreSQL where there is one; writes results.md.

PostgreSQL is used when DATABASE_URL points at it, or else when a server
answers on 127.0.0.1:5432 (as user postgres). Each pass runs in its own
process (``benchmarks.suite``) on a scratch database made here and dropped
afterwards, with production settings: DEBUG=0, a SECRET_KEY, ALLOWED_HOSTS
and static files collected once into benchmarks/.data/static.
"""

import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import django

BASE_DIR = Path(__file__).resolve().parent.parent
DATA = BASE_DIR / "benchmarks" / ".data"
RESULTS = BASE_DIR / "benchmarks" / "results.md"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def main() -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    environment = _production_environment()
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=BASE_DIR, env=environment, check=True)
    passes = [_sqlite_pass(environment)]
    server = _postgres_server()
    if server:
        passes.append(_postgres_pass(environment, server))
    else:
        print("Không có PostgreSQL (DATABASE_URL hoặc 127.0.0.1:5432): chỉ đo trên SQLite.", flush=True)
    RESULTS.write_text(_results_markdown(passes), encoding="utf-8")
    print(f"Đã ghi {RESULTS.relative_to(BASE_DIR)}", flush=True)
    return 0 if all(report.get("ok") for report in passes) else 1


def _production_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # No TLS proxy in front of the benchmark server.
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(DATA / "static"),
        "LOG_LEVEL": "ERROR",
        # Signing as a configured server signs: the demo's test certificates, each committee's sealed.
        "REPORT_SIGNING_PASSPHRASE": os.environ.get("REPORT_SIGNING_PASSPHRASE", "demo-ky-so"),
        "REPORT_KEYS_SECRET": os.environ.get("REPORT_KEYS_SECRET", "demo-khoa-ky-so"),
    }


def _run_suite(environment: dict[str, str], database_url: str, name: str) -> dict[str, Any]:
    output = DATA / f"{name}.json"
    output.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.suite", "--output", str(output)]
    completed = subprocess.run(command, cwd=BASE_DIR, env={**environment, "DATABASE_URL": database_url}, check=False)
    if not output.exists():
        return {"ok": False, "name": name, "error": f"the pass exited with {completed.returncode} before its figures"}
    report = json.loads(output.read_text(encoding="utf-8"))
    return {**report, "ok": completed.returncode == 0, "name": name}


def _sqlite_pass(environment: dict[str, str]) -> dict[str, Any]:
    database = DATA / "bench.sqlite3"
    database.unlink(missing_ok=True)
    try:
        return _run_suite(environment, f"sqlite:///{database}", "sqlite")
    finally:
        database.unlink(missing_ok=True)


def _postgres_server() -> str | None:
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return configured
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return None
    return LOCAL_POSTGRES


def _postgres_pass(environment: dict[str, str], server: str) -> dict[str, Any]:
    import psycopg2

    scratch = f"hoctap_bench_{os.getpid()}"
    parts = urlsplit(server)
    maintenance = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        try:
            return _run_suite(environment, urlunsplit(parts._replace(path=f"/{scratch}")), "postgresql")
        finally:
            with maintenance.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    finally:
        maintenance.close()


def _machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "CPU": models[0] if models else platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "RAM": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "wrk": "installed" if shutil.which("wrk") else "missing: load benchmark skipped",
    }


def _results_markdown(passes: list[dict[str, Any]]) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {now}; what each benchmark does, and the analysis behind the reasons "
        "given for missed targets: [README.md](README.md). Times are medians where several runs are made; "
        "on a shared 2-core machine they vary by some 20–30% from one run to the next.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in _machine().items()),
    ]
    for report in passes:
        lines += ["", *_pass_markdown(report)]
    return "\n".join(lines) + "\n"


def _pass_markdown(report: dict[str, Any]) -> list[str]:
    from benchmarks.common import HEADER, Row

    if "rows" not in report:
        return [f"## {report['name']}", "", f"The pass failed: {report['error']}."]
    database, setup, spec = report["database"], report["setup"], report["spec"]
    summary = setup["summary"]
    lines = [
        f"## {database['vendor']} {database['version']}",
        "",
        f"Data: the Tam Đường demo and the synthetic nation, `generate_scale --provinces {spec['provinces']} "
        f"--communes-per-province {spec['communes_per_province']} --cells-per-commune {spec['cells_per_commune']} "
        f"--campaigns {spec['campaigns']} --seed {spec['seed']}`: {summary['committees']:,} committees, "
        f"{summary['party_members']:,} party members, {summary['unit_results']:,} unit results, "
        f"{summary['attendances']:,} attendance rows, generated in {setup['nation']} s "
        f"(migrate {setup['migrate']} s, demo {setup['demo']} s).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + " --- |" * len(HEADER),
    ]
    rows = [Row(**row) for row in report["rows"]]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    missed = [row for row in rows if row.met is False]
    lines += ["", "Targets missed: none." if not missed else "Targets missed:"]
    for row in missed:
        lines += ["", f"- **{row.benchmark}**, {row.case}: {row.miss or row.result}"]
        if row.plan:
            lines += ["", "  Plan of its slowest query:", "", "  ```", *(f"  {line}" for line in row.plan.splitlines())]
            lines += ["  ```"]
    return lines


if __name__ == "__main__":
    sys.exit(main())
