"""A signed report survives a backup and restore byte for byte, and still verifies."""

import hashlib
import io
import shutil
import subprocess
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from conferences.models import Campaign, Committee
from reporting.documents.signing import check_pdf
from reporting.documents.workflow import report_sign, report_start
from reporting.models import Report
from tests import builders


def sign_demo_report() -> Report:
    user = get_user_model().objects.get
    report = report_start(
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong")
    )
    builders.approve(report=report, user=user(username="tuyengiao"))
    return report_sign(report=report, user=user(username="lanhdao"))


# Transactional: PostgreSQL will not empty tables inside the test's own transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dumpdata_and_loaddata_keep_the_signed_bytes(fresh_demo, tmp_path):
    signed = sign_demo_report()
    original = bytes(Report.objects.get(pk=signed.pk).signed_pdf)
    dump = tmp_path / "backup.json"
    call_command("dumpdata", "accounts", "conferences", "reporting", output=str(dump), stdout=io.StringIO())

    call_command("flush", interactive=False, stdout=io.StringIO())
    assert not Report.objects.exists()
    call_command("loaddata", str(dump), stdout=io.StringIO())

    restored = Report.objects.get(pk=signed.pk)
    assert bytes(restored.signed_pdf) == original
    assert hashlib.sha256(bytes(restored.signed_pdf)).hexdigest() == restored.signed_sha256
    assert check_pdf(bytes(restored.signed_pdf)).valid
    assert restored.number.label == "01-BC/HU"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore work on PostgreSQL")
def test_pg_dump_and_pg_restore_keep_the_signed_bytes(tmp_path):
    import psycopg2

    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore are needed next to a PostgreSQL server")
    call_command("load_demo", stdout=io.StringIO())
    signed = sign_demo_report()
    settings = connection.settings_dict
    base = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432), "-U", settings["USER"]]
    dump, scratch = tmp_path / "backup.dump", f"restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["pg_dump", *base, "--format=custom", f"--file={dump}", settings["NAME"]], check=True)
    subprocess.run(["createdb", *base, scratch], check=True)
    try:
        subprocess.run(["pg_restore", *base, "--no-owner", f"--dbname={scratch}", str(dump)], check=True)
        with (
            psycopg2.connect(
                dbname=scratch, host=base[1], port=base[3], user=settings["USER"], password=settings["PASSWORD"] or None
            ) as restored,
            restored.cursor() as cursor,
        ):
            cursor.execute("SELECT signed_pdf, signed_sha256 FROM reporting_report WHERE id = %s", [signed.pk])
            content, digest = cursor.fetchone()
        restored.close()
    finally:
        subprocess.run(["dropdb", *base, scratch], check=True)
    assert bytes(content) == bytes(Report.objects.get(pk=signed.pk).signed_pdf)
    assert hashlib.sha256(bytes(content)).hexdigest() == digest
    assert check_pdf(bytes(content)).valid
