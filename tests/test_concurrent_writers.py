"""Two writers at once on PostgreSQL: one of two saves of a result goes through, and no number is issued twice.

Transactional tests, in a module of their own: they cannot share a module's demo transaction.
"""

import datetime
import threading

import pytest
from django.db import connection

from conferences.models import Term
from conferences.versioning import EditConflict
from reporting.documents.numbering import issue_number
from reporting.models import UnitResult
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
