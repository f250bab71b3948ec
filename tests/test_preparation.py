"""The conference workflow of the Tây Sơn seed, section 1.7."""

import datetime

import pytest
from django.db.models import ProtectedError

from conferences.models import Conference, PreparationStep
from conferences.preparation import conference_checklist
from tests import builders

pytestmark = pytest.mark.django_db

Step = PreparationStep.Step


@pytest.fixture
def campaign():
    district, _ = builders.district(communes=1)
    return builders.campaign(district)


def test_online_central_conference_has_every_step_with_due_dates(campaign):
    conference = builders.online_conference(campaign, date=datetime.date(2023, 12, 4))
    checklist = {item.step: item.due_on for item in conference_checklist(conference, campaign.committee)}
    assert checklist == {
        Step.INVITATIONS: datetime.date(2023, 12, 1),
        Step.LINE_TEST: datetime.date(2023, 12, 3),
        Step.SEATING: datetime.date(2023, 12, 3),
        Step.HEADCOUNT: datetime.date(2023, 12, 3),
        Step.ATTENDEE_LIST: datetime.date(2023, 12, 5),
        Step.ABSENTEE_LIST: datetime.date(2023, 12, 5),
    }


def test_local_in_person_conference_needs_no_line_test_nor_headcount_upward(campaign):
    conference = Conference.objects.create(
        campaign=campaign,
        title="Hội nghị cán bộ chủ chốt",
        level=Conference.Level.DISTRICT,
        format=Conference.Format.IN_PERSON,
        date=datetime.date(2023, 12, 12),
    )
    steps = [item.step for item in conference_checklist(conference, campaign.committee)]
    assert steps == [Step.INVITATIONS, Step.SEATING, Step.ATTENDEE_LIST, Step.ABSENTEE_LIST]


def test_overdue_steps_are_those_not_done_by_their_due_date(campaign):
    conference = builders.online_conference(campaign, date=datetime.date(2023, 12, 4))
    PreparationStep.objects.create(
        conference=conference,
        committee=campaign.committee,
        step=Step.INVITATIONS,
        completed_on=datetime.date(2023, 11, 30),
    )
    # Another district's completion is theirs, not ours.
    other, _ = builders.district("khac", communes=0)
    PreparationStep.objects.create(
        conference=conference, committee=other, step=Step.LINE_TEST, completed_on=datetime.date(2023, 12, 1)
    )

    checklist = {item.step: item for item in conference_checklist(conference, campaign.committee)}
    day_before = datetime.date(2023, 12, 3)
    assert not checklist[Step.INVITATIONS].is_overdue(day_before)
    assert checklist[Step.INVITATIONS].completed_on == datetime.date(2023, 11, 30)
    assert not checklist[Step.LINE_TEST].is_overdue(day_before)  # due today, not yet late
    assert checklist[Step.LINE_TEST].is_overdue(datetime.date(2023, 12, 4))
    assert not checklist[Step.ABSENTEE_LIST].is_overdue(datetime.date(2023, 12, 5))
    assert checklist[Step.ABSENTEE_LIST].is_overdue(datetime.date(2023, 12, 6))


def test_a_step_that_does_not_apply_is_refused(client, campaign):
    from accounts.models import User

    conference = Conference.objects.create(
        campaign=campaign, title="Hội nghị", level="district", format="in_person", date=datetime.date(2023, 12, 12)
    )
    staff = User.objects.create_user("tg", role=User.Role.PROPAGANDA_STAFF, committee=campaign.committee)
    client.force_login(staff)
    response = client.post(f"/hoi-nghi/{conference.pk}/chuan-bi/", {"step": Step.LINE_TEST}, follow=True)
    assert "Bước chuẩn bị không hợp lệ." in response.content.decode()
    assert not PreparationStep.objects.exists()


def test_a_committee_that_prepared_a_conference_is_not_deleted_from_under_its_steps():
    district, (commune,) = builders.district(communes=1)
    conference = Conference.objects.create(
        campaign=builders.campaign(district),
        title="Hội nghị trực tuyến",
        level="centre",
        format="online",
        date=datetime.date(2023, 12, 12),
    )
    PreparationStep.objects.create(
        conference=conference, committee=commune, step=Step.SEATING, completed_on=datetime.date(2023, 12, 10)
    )
    with pytest.raises(ProtectedError):
        commune.delete()
    assert PreparationStep.objects.filter(committee=commune).count() == 1
