"""Two writers at once on PostgreSQL: one of two saves goes through and the other is a conflict, never a
server error; no number is issued twice; an approval never predates the draft it approved.

Transactional tests, in a module of their own: they cannot share a module's demo transaction.
"""

import datetime
import threading

import pytest
from django.db import connection

from accounts.models import User
from conferences.models import Attendance, Committee, Conference, Term
from conferences.selectors import attendance_grid_rows
from conferences.services import ATTENDANCE_FIELDS, attendance_grid_save
from conferences.versioning import EditConflict
from reporting.documents.numbering import issue_number
from reporting.documents.workflow import report_regenerate, report_start
from reporting.models import Report, UnitResult
from reporting.results.submissions import unit_result_for, unit_result_save
from tests import builders


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_threads_saving_one_result_let_exactly_one_through():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    result = UnitResult.objects.create(campaign=campaign, unit=commune, party_members_total=100)
    outcomes, start = [], threading.Barrier(2)

    def save(attended: int) -> None:
        try:
            mine = unit_result_for(campaign=campaign, unit=commune)
            start.wait()
            unit_result_save(
                result=mine,
                data={"party_members_attended": attended, "people": attended},
                outreach=[],
                submit=False,
                version=result.version,
            )
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (90, 95)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert UnitResult.objects.get().version == result.version + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_people_issuing_at_once_never_get_the_same_number():
    district, _ = builders.district()
    Term.objects.create(committee=district, name="2020 - 2025", starts_on=datetime.date(2020, 1, 1))
    labels, errors, start = [], [], threading.Barrier(2)

    def issue():
        try:
            start.wait()
            for _ in range(10):
                labels.append(issue_number(committee=district, day=datetime.date(2024, 1, 1), user=None).label)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(labels) == [f"{n:02d}-BC/HU" for n in range(1, 21)]


def run_together(*actions) -> list[str]:
    """Run each action in its own thread, all released at once; what each ended with, by its name."""
    outcomes, start = [], threading.Barrier(len(actions))

    def run(action) -> None:
        try:
            start.wait()
            action()
            outcomes.append("done")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_first_saves_of_a_result_store_one_row_and_give_the_other_a_conflict():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)

    def save(attended: int):
        def action():
            unit_result_save(
                result=unit_result_for(campaign=campaign, unit=commune),
                data={"party_members_total": 100, "party_members_attended": attended, "people": attended},
                outreach=[],
                submit=False,
                version=0,
            )

        return action

    assert run_together(save(90), save(95)) == ["EditConflict", "done"]
    assert UnitResult.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_first_saves_of_a_grid_store_one_row_and_give_the_other_a_conflict():
    root, (commune, _) = builders.district(communes=2)
    conference = Conference.objects.create(
        campaign=builders.campaign(root), date=datetime.date(2023, 12, 10), title="Hội nghị huyện", host=root
    )

    def save(attended: int):
        def action():
            rows = attendance_grid_rows(conference=conference, committees=Committee.objects.all())
            figures = {field: 0 for field in ATTENDANCE_FIELDS} | {"version": 0, "site_version": None}
            data = {**figures, "party_members_expected": 100, "party_members_attended": attended}
            attendance_grid_save(conference=conference, rows=[(row, data) for row in rows if row.unit == commune])

        return action

    assert run_together(save(90), save(95)) == ["EditConflict", "done"]
    assert Attendance.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_approval_and_regeneration_at_once_never_leave_an_approval_older_than_its_draft():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    builders.result(campaign, commune, party_members_total=10, party_members_attended=9)
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root)
    report = report_start(campaign=campaign, committee=root)
    Report.objects.filter(pk=report.pk).update(signer_name="Nguyễn Văn A")

    outcomes = run_together(
        lambda: report_regenerate(report=Report.objects.get(pk=report.pk)),
        lambda: builders.approve(report=Report.objects.get(pk=report.pk), user=staff),
    )
    assert outcomes in (["ReportStateError", "done"], ["done", "done"])
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert report.drafted_at <= report.approved_at
