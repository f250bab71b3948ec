"""Project-wide facts: checks clean, migrations complete, layering kept."""

import ast
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
# Variables the suite itself sets; a settings module started fresh must not see them.
TEST_ONLY_ENVIRONMENT = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_system_check_is_clean():
    call_command("check", fail_level="WARNING", stdout=io.StringIO())


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, stdout=io.StringIO())


def imported_modules(package: str) -> set[str]:
    return {module for _path, module in imports_under(package)}


def imports_under(folder: str) -> list[tuple[Path, str]]:
    """(file, module it imports) for every Python file under ``folder``, migrations aside."""
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((path, node.module))
    return found


# The project's layers, lowest first. A part may import the parts listed for it and nothing else of the
# project; views (``views.py``) may also start jobs. The root of reporting holds what its parts share
# (models, the export contract, the committee filter) and the entry points (URLs, admin, commands).
PARTS = ("accounts", "conferences", "reporting.figures", "reporting.results", "reporting.documents", "reporting.jobs")
SHARED = {"reporting.models", "reporting.exports", "reporting.filters"}
ALLOWED = {
    "accounts": set(),
    "conferences": {"accounts"},
    "reporting.shared": {"accounts", "conferences"},
    "reporting.figures": {"accounts", "conferences", "reporting.shared"},
    "reporting.results": {"accounts", "conferences", "reporting.shared", "reporting.figures"},
    "reporting.documents": {"accounts", "conferences", "reporting.shared", "reporting.figures"},
    "reporting.jobs": {
        "accounts",
        "conferences",
        "reporting.shared",
        "reporting.figures",
        "reporting.results",
        "reporting.documents",
    },
}


def part_of(module: str) -> str | None:
    """The layer a project module belongs to; None for libraries and the entry points."""
    for part in PARTS:
        if module == part or module.startswith(f"{part}."):
            return part
    if any(module == shared or module.startswith(f"{shared}.") for shared in SHARED):
        return "reporting.shared"
    return None


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_each_part_imports_only_the_parts_below_it():
    wrong = []
    for path, imported in imports_under("accounts") + imports_under("conferences") + imports_under("reporting"):
        importer = module_name(path)
        own, other = part_of(importer), part_of(imported)
        if own is None or other is None or other == own:
            continue
        allowed = ALLOWED[own] | ({"reporting.jobs"} if path.name == "views.py" else set())
        if other not in allowed:
            wrong.append(f"{importer} imports {imported}")
    assert wrong == []


def test_conferences_never_imports_reporting():
    # `reporting` builds on `conferences`; the reverse would tangle the layers.
    assert not {m for m in imported_modules("conferences") if m.split(".")[0] == "reporting"}


def test_accounts_asks_nothing_of_the_domain():
    assert not {m for m in imported_modules("accounts") if m.split(".")[0] in {"conferences", "reporting"}}


def test_the_job_services_never_import_the_task_queue():
    # tasks imports the services; the reverse would be a circle.
    assert "reporting.jobs.tasks" not in {m for _p, m in imports_under("reporting/jobs") if _p.name == "services.py"}


@pytest.mark.slow
def test_the_migrations_build_a_database_from_nothing(tmp_path):
    # The suite's own databases are built from the models (--nomigrations): here the migrations
    # themselves run, data migrations included, as `make run` and a deployment run them (seven
    # seconds: with the slow tests, which .ci/run runs on SQLite and PostgreSQL).
    database = tmp_path / "fresh.sqlite3"
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENVIRONMENT}
    env = {**clean, "DATABASE_URL": f"sqlite:///{database}"}
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert migrated.returncode == 0, migrated.stderr
    count = "from reporting.models import Organisation; print(Organisation.objects.count())"
    shell = subprocess.run(
        [*manage, "shell", "--no-imports", "-c", count], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert shell.stdout.strip() == "5", shell.stderr


def test_locale_and_number_formats_are_vietnamese():
    from django.utils import formats, translation

    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("vi", "Asia/Ho_Chi_Minh")
    with translation.override("vi"):
        assert formats.number_format(3182) == "3.182"
        assert formats.number_format(96.3, decimal_pos=1) == "96,3"


def run_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENVIRONMENT}
    code = "import config.settings as s; print(s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_settings_default_to_embedded_sqlite_for_development():
    proc = run_settings()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("django.db.backends.sqlite3")


def test_database_url_switches_to_postgresql():
    proc = run_settings(DATABASE_URL="postgres://u:p@db.example:5432/hoctap")
    assert proc.stdout.startswith("django.db.backends.postgresql"), proc.stderr


def test_production_refuses_to_start_without_a_secret_key():
    proc = run_settings(DEBUG="0")
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_production_has_no_development_hosts():
    proc = run_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("[]")


@pytest.mark.slow  # a fresh interpreter with production settings: with the slow checks in .ci/run
def test_deploy_check_is_clean_under_production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENVIRONMENT}
    env = {
        **clean,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-key-" + "z" * 30,
        "ALLOWED_HOSTS": "hoctap.example.vn",
    }
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues" in proc.stdout


def project_python_files() -> list[Path]:
    tracked = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in tracked.stdout.split() if "/migrations/" not in name]


def test_no_file_over_500_lines_and_no_function_over_50_outside_tests():
    long_files, long_functions = [], []
    for path in project_python_files():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 500:
            long_files.append(path.relative_to(ROOT))
        if path.relative_to(ROOT).parts[0] == "tests":
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 50:
                long_functions.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert (long_files, long_functions) == ([], [])


def test_templates_ask_the_user_what_they_may_do_never_their_role():
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "role ==" in line or "role !=" in line
    ]
    assert offending == []


def test_every_test_docs_security_names_exists():
    """docs/security.md proves each property by a test: a renamed or deleted test must not leave a dead name."""
    missing = []
    for line in (ROOT / "docs" / "security.md").read_text().splitlines():
        module = None
        for path, name in re.findall(r"`(tests/[\w/]+\.py)?(::\w+)?", line):
            module = path or module
            if module is None:
                continue
            source = ROOT / module
            if not source.exists() or (name and f"def {name[2:]}(" not in source.read_text()):
                missing.append(f"{module}{name}")
    assert missing == []
