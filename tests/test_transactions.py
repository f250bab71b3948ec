"""Writes that touch several rows are one transaction: a failure half-way leaves nothing behind."""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from conferences.models import Attendance, Campaign, Committee, Conference
from conferences.selectors import attendance_grid_rows
from conferences.services import ATTENDANCE_FIELDS, SITE_FIELDS, attendance_grid_save
from reporting.documents.workflow import ReportStateError, report_reopen, report_sign, report_start
from reporting.models import IssuedNumber, Organisation, OrganisationOutreach, Report, UnitResult
from reporting.results import importing, submissions
from reporting.results.importing import import_results
from reporting.results.submissions import OutreachEntry, unit_result_for, unit_result_save
from tests import builders
from tests.workbooks import HEADERS

pytestmark = pytest.mark.django_db


class Injected(Exception):
    pass


def fail_on_call(monkeypatch, target, name: str, call: int) -> None:
    """Make ``target.name`` raise on its ``call``-th use, after doing the real work before that."""
    original = getattr(target, name)
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call:
            raise Injected
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, wrapper)


def snapshot(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def test_an_attendance_grid_failing_on_its_third_row_saves_no_row(demo, monkeypatch):
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    rows = attendance_grid_rows(conference=conference, committees=Committee.objects.all())
    data = []
    for row in rows:
        values = {field: getattr(row.attendance, field) for field in ATTENDANCE_FIELDS}
        values["party_members_expected"] += 1
        values.update({field: getattr(row.conference_site, field) for field in SITE_FIELDS})
        values.update(version=row.attendance.version, site_version=row.conference_site.version)
        data.append((row, values))
    before = snapshot(Attendance)
    fail_on_call(monkeypatch, Attendance, "save", 3)
    with pytest.raises(Injected):
        attendance_grid_save(conference=conference, rows=data)
    assert snapshot(Attendance) == before


def test_a_submission_failing_on_its_outreach_keeps_the_old_result(demo, monkeypatch):
    campaign = Campaign.objects.get(code="tw8-khoa-xiii")
    unit = Committee.objects.get(code="tam-duong-ta-leng")
    UnitResult.objects.filter(unit=unit).update(status=UnitResult.Status.RETURNED)
    result = unit_result_for(campaign=campaign, unit=unit)
    before, outreach_before = snapshot(UnitResult), snapshot(OrganisationOutreach)
    fail_on_call(monkeypatch, submissions, "_write_outreach", 2)  # after the first organisation's row is written
    with pytest.raises(Injected):
        unit_result_save(
            result=result,
            data={"party_members_attended": 130, "people": 152},
            outreach=[
                OutreachEntry(organisation, organisation.name, 5, 50) for organisation in Organisation.objects.all()
            ],
            submit=True,
            version=result.version,
        )
    assert snapshot(UnitResult) == before
    assert snapshot(OrganisationOutreach) == outreach_before


def test_an_import_failing_half_way_changes_nothing(demo, monkeypatch):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header in HEADERS])
    for code in ("tam-duong-ban-bo", "tam-duong-ban-giang", "tam-duong-ban-hon"):
        sheet.append([code, "", 100, 90, 10, 9, 2, 3, 99])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    before = snapshot(UnitResult)
    # The rows are written in bulk; the history written after them fails.
    fail_on_call(monkeypatch, importing, "record_history", 1)
    with pytest.raises(Injected):
        import_results(
            file=buffer,
            campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
            committee=Committee.objects.get(code="tam-duong"),
        )
    assert snapshot(UnitResult) == before


def test_signing_that_fails_takes_no_number_and_leaves_the_report_approved(demo, monkeypatch):
    import reporting.documents.signing

    user = get_user_model().objects.get
    report = report_start(
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong")
    )
    builders.approve(report=report, user=user(username="tuyengiao"))

    def broken(*args, **kwargs):
        raise Injected

    monkeypatch.setattr(reporting.documents.signing, "sign_pdf", broken)
    with pytest.raises(Injected):
        report_sign(report=report, user=user(username="lanhdao"))
    report.refresh_from_db()
    assert (report.status, report.number_id, report.signed_sha256) == (Report.Status.APPROVED, None, "")
    assert not IssuedNumber.objects.exists()

    monkeypatch.undo()
    signed = report_sign(report=report, user=user(username="lanhdao"))
    assert signed.number.label == "01-BC/HU"  # the failed attempt used no number
    with pytest.raises(ReportStateError):
        report_sign(report=signed, user=user(username="lanhdao"))


def test_data_saved_while_the_report_is_being_signed_stops_the_signature(demo, monkeypatch):
    """A writer that passed the locks before the report was signed and saved while it was rendered."""
    import reporting.documents.signing

    user = get_user_model().objects.get
    report = report_start(
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong")
    )
    builders.approve(report=report, user=user(username="tuyengiao"))
    sign_pdf = reporting.documents.signing.sign_pdf

    def while_rendering(*args, **kwargs):
        UnitResult.objects.filter(unit__code="tam-duong-ta-leng", campaign=report.campaign).update(people=999)
        return sign_pdf(*args, **kwargs)

    monkeypatch.setattr(reporting.documents.signing, "sign_pdf", while_rendering)
    with pytest.raises(ReportStateError, match="Số liệu đã thay đổi sau khi duyệt"):
        report_sign(report=report, user=user(username="lanhdao"))
    report.refresh_from_db()
    assert (report.status, report.number_id, report.signed_sha256) == (Report.Status.APPROVED, None, "")
    assert not IssuedNumber.objects.exists()


def test_a_report_signed_while_it_is_sent_back_to_draft_stays_signed(demo):
    """The press on "Chuyển về dự thảo" read the report approved; the signing finished before it saved."""
    user = get_user_model().objects.get
    report = report_start(
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong")
    )
    builders.approve(report=report, user=user(username="tuyengiao"))
    as_read = Report.objects.get(pk=report.pk)
    report_sign(report=report, user=user(username="lanhdao"))

    with pytest.raises(ReportStateError, match="Chỉ báo cáo đã duyệt mới chuyển về dự thảo được"):
        report_reopen(report=as_read)
    report.refresh_from_db()
    assert (report.status, report.number.label) == (Report.Status.SIGNED, "01-BC/HU")
