"""The admin shows a record's past versions to read and never restores one; the models themselves refuse moving
what a signed report counted, whatever form posts it."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from conferences.history_admin import HistoryAdmin
from conferences.models import Absentee, Attendance, Conference, ConferenceSite
from reporting.models import OrganisationOutreach, UnitResult
from tests.staff_pages import demo_conference, tay_son_conference
from tests.test_quoted_records_locked import CAMPAIGN, LOCKED
from tests.test_reports import user

pytestmark = pytest.mark.django_db


def every_row() -> list[list[dict]]:
    models = (Attendance, ConferenceSite, Absentee, OrganisationOutreach, UnitResult)
    return [list(model.objects.order_by("pk").values()) for model in models]


def counted():
    """A site row, an attendance row and an absentee of the signed report's conference; an organisation row of a
    result it counted; and a Tây Sơn result the report did not count."""
    conference = demo_conference()
    result = UnitResult.objects.filter(campaign__code=CAMPAIGN, status="accepted", outreach__isnull=False).first()
    return (
        ConferenceSite.objects.filter(conference=conference).first(),
        Attendance.objects.filter(conference=conference).first(),
        Absentee.objects.filter(attendance__conference=conference).first(),
        OrganisationOutreach.objects.filter(result=result).first(),
        UnitResult.objects.exclude(campaign__code=CAMPAIGN).filter(status="accepted").first(),
    )


def version_url(record) -> str:
    meta = record._meta
    name = f"admin:{meta.app_label}_{meta.model_name}_simple_history"
    return reverse(name, args=[record.pk, record.history.latest().history_id])


def test_every_admin_keeping_history_only_shows_it():
    kept = [type(each) for each in admin.site._registry.values() if isinstance(each, SimpleHistoryAdmin)]
    assert len(kept) == 8 and all(issubclass(each, HistoryAdmin) for each in kept)


def test_a_past_version_is_shown_in_vietnamese_to_read_and_never_restored(signed, client):
    client.force_login(user("quantri"))
    site_row, attendance, absentee, outreach, elsewhere = counted()
    before = every_row()
    for record, data in (
        (site_row, {"conference": site_row.conference_id, "site": site_row.site_id, "line_test": "failed"}),
        (attendance, {"conference": tay_son_conference().pk, "unit": attendance.unit_id, "version": 0}),
        (absentee, {"attendance": absentee.attendance_id, "name": "Người khác", "reason": "sửa sau khi ký"}),
        (outreach, {"result": elsewhere.pk, "organisation": outreach.organisation_id, "sessions": 1, "people": 1}),
        (outreach.result, {"status": "draft", "version": outreach.result.version}),
    ):
        assert client.post(version_url(record), {**data, "_save": "1"}).status_code == 405
        page = client.get(version_url(record)).content.decode()
        assert "Chỉ để xem: phiên bản cũ không khôi phục được." in page and 'name="_save"' not in page
        assert "<title>Xem " in page and "Historical" not in page and "View " not in page
        assert f'<input type="text" name="{next(iter(data))}"' not in page  # shown as text, not to type in
    assert every_row() == before


def test_no_form_moves_what_a_signed_report_counted(signed):
    """What the admin's revert did before it was closed: the models refuse it themselves."""
    _, attendance, absentee, outreach, elsewhere = counted()
    attendance.conference, attendance.site = tay_son_conference(), None
    outreach.result = elsewhere
    absentee.name = "Người khác"
    for record in (attendance, outreach, absentee):
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert refused.value.messages == [LOCKED]


def test_a_row_no_signed_report_counted_still_moves(signed):
    attendance = Attendance.objects.filter(conference=tay_son_conference()).first()
    elsewhere = Conference.objects.exclude(campaign__code=CAMPAIGN).exclude(pk=attendance.conference_id).first()
    Attendance.objects.filter(conference=elsewhere, unit=attendance.unit_id).delete()  # room for the row moved
    attendance.conference = elsewhere
    attendance.site = None
    attendance.full_clean()
