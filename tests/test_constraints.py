"""The database refuses impossible figures, whatever form or import let them through."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from conferences.models import Attendance, Campaign
from reporting.models import UnitResult
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    district, units = builders.district(communes=2)
    campaign = builders.campaign(district)
    conference = builders.online_conference(campaign)
    return campaign, conference, units


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_attendance_never_above_expected(setup):
    _, conference, units = setup
    refused(
        lambda: Attendance.objects.create(
            conference=conference, unit=units[0], party_members_expected=10, party_members_attended=11
        )
    )
    refused(
        lambda: Attendance.objects.create(
            conference=conference, unit=units[0], non_members_expected=3, non_members_attended=4
        )
    )
    assert not Attendance.objects.exists()


def test_attendance_is_unique_per_conference_and_unit(setup):
    _, conference, units = setup
    Attendance.objects.create(conference=conference, unit=units[0])
    refused(lambda: Attendance.objects.create(conference=conference, unit=units[0]))
    assert Attendance.objects.count() == 1


def test_negative_figures_are_refused(setup):
    campaign, conference, units = setup
    refused(lambda: Attendance.objects.create(conference=conference, unit=units[0], others=-1))
    refused(lambda: UnitResult.objects.create(campaign=campaign, unit=units[0], cell_meetings=-5))


def test_unit_result_attended_never_above_total(setup):
    campaign, _, units = setup
    refused(
        lambda: UnitResult.objects.create(
            campaign=campaign, unit=units[0], party_members_total=100, party_members_attended=101, people=101
        )
    )
    refused(
        lambda: UnitResult.objects.create(
            campaign=campaign, unit=units[0], non_members_total=10, non_members_attended=11, people=11
        )
    )


def test_people_cover_everyone_who_attended(setup):
    campaign, _, units = setup
    refused(
        lambda: UnitResult.objects.create(
            campaign=campaign,
            unit=units[0],
            party_members_total=10,
            party_members_attended=10,
            non_members_total=5,
            non_members_attended=5,
            people=14,
        )
    )


def test_one_result_per_unit_and_campaign(setup):
    campaign, _, units = setup
    UnitResult.objects.create(campaign=campaign, unit=units[0])
    refused(lambda: UnitResult.objects.create(campaign=campaign, unit=units[0]))


def test_a_sent_result_has_its_submission_time(setup):
    campaign, _, units = setup
    refused(lambda: UnitResult.objects.create(campaign=campaign, unit=units[0], status=UnitResult.Status.SUBMITTED))


def test_campaign_period_and_deadline_are_ordered(setup):
    district = setup[0].committee
    refused(
        lambda: Campaign.objects.create(
            code="sai",
            name="x",
            committee=district,
            starts_on=datetime.date(2024, 1, 31),
            ends_on=datetime.date(2024, 1, 1),
            reporting_deadline=datetime.date(2024, 2, 1),
        )
    )
    refused(
        lambda: Campaign.objects.create(
            code="sai-han",
            name="x",
            committee=district,
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2024, 1, 31),
            reporting_deadline=datetime.date(2023, 12, 1),
        )
    )


def test_model_validation_explains_the_violation_in_vietnamese(setup):
    from django.core.exceptions import ValidationError

    campaign, _, units = setup
    result = UnitResult(campaign=campaign, unit=units[0], party_members_total=10, party_members_attended=12, people=12)
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "Số đảng viên tham gia không được lớn hơn tổng số đảng viên." in error.value.messages


def test_attendance_site_must_take_part_in_the_conference(setup):
    from django.core.exceptions import ValidationError

    from conferences.models import VideoSite

    _, conference, units = setup
    site = VideoSite.objects.create(committee=units[0], name="Điểm cầu xã 1")
    attendance = Attendance(conference=conference, unit=units[0], site=site)
    with pytest.raises(ValidationError) as error:
        attendance.full_clean()
    assert error.value.message_dict["site"] == ["Điểm cầu này không tham gia hội nghị."]
