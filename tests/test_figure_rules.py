"""The figure rules hold the same wherever a figure is typed: result form, grid, import, admin."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.models import User
from conferences.figure_rules import RESULT_RULES, figure_problems
from conferences.forms import AttendanceRowForm
from conferences.models import Attendance
from reporting.models import UnitResult
from reporting.results.forms import OutreachForm
from tests import builders

pytestmark = pytest.mark.django_db


def test_each_broken_rule_is_named_with_its_field_and_limit():
    figures = {
        "party_members_total": 160,
        "party_members_attended": 161,
        "non_members_total": 30,
        "non_members_attended": 29,
        "people": 150,
    }
    problems = [(p.field, p.message, p.limit) for p in figure_problems(figures, RESULT_RULES)]
    assert problems == [
        ("party_members_attended", "Số đảng viên tham gia vượt tổng số đảng viên.", 160),
        ("people", "Số người tham gia phải ít nhất bằng số đảng viên và người chưa là đảng viên tham gia.", 190),
    ]


def test_a_rule_waits_for_a_figure_typed_wrong():
    assert figure_problems({"party_members_attended": 5, "party_members_total": None}, RESULT_RULES) == []


def test_the_grid_row_refuses_more_attendees_than_invited():
    form = AttendanceRowForm(
        {
            "version": "0",
            "site_version": "0",
            "party_members_expected": "40",
            "party_members_attended": "41",
            "non_members_expected": "5",
            "non_members_attended": "5",
            "others": "0",
        }
    )
    assert not form.is_valid()
    assert form.errors == {"party_members_attended": ["Số đảng viên dự vượt số triệu tập."]}


def admin_form(model, data):
    """The admin's change form for ``model``, bound to ``data``, as an administrator gets it."""
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser("quantri", role=User.Role.ADMINISTRATOR)
    return admin.site._registry[model].get_form(request)(data)


def test_the_admin_refuses_what_the_form_refuses_and_saves_nothing():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    figures = [f.name for f in UnitResult._meta.fields if f.get_internal_type() == "PositiveIntegerField"]
    data = {
        "campaign": campaign.pk,
        "unit": commune.pk,
        "status": UnitResult.Status.DRAFT,
        **dict.fromkeys(figures, "0"),
        "party_members_total": "10",
        "party_members_attended": "12",
        "people": "12",
    }
    form = admin_form(UnitResult, data)
    assert not form.is_valid()
    assert form.errors["party_members_attended"] == ["Số đảng viên tham gia vượt tổng số đảng viên."]
    assert UnitResult.objects.count() == 0


def test_the_attendance_admin_refuses_more_attendees_than_invited():
    root, (commune, _) = builders.district(communes=2)
    conference = builders.online_conference(builders.campaign(root))
    data = {
        "conference": conference.pk,
        "unit": commune.pk,
        "party_members_expected": "40",
        "party_members_attended": "41",
        "non_members_expected": "0",
        "non_members_attended": "0",
        "others": "0",
    }
    form = admin_form(Attendance, data)
    assert not form.is_valid()
    assert form.errors["party_members_attended"] == ["Số đảng viên dự vượt số triệu tập."]
    assert Attendance.objects.count() == 0


def test_a_figure_past_a_million_is_refused_at_its_field():
    row = AttendanceRowForm(
        {
            "version": "0",
            "site_version": "0",
            "party_members_expected": "9" * 30,
            "party_members_attended": "0",
            "non_members_expected": "0",
            "non_members_attended": "0",
            "others": "1000001",
        }
    )
    assert not row.is_valid()
    too_large = ["Số quá lớn: không quá 1.000.000."]
    assert row.errors == {"party_members_expected": too_large, "others": too_large}
    outreach = OutreachForm({"sessions": "1", "people": "9" * 20}, organisation=None)
    assert not outreach.is_valid()
    assert outreach.errors["people"] == too_large
