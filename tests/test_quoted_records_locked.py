"""What a signed report quotes or counted beside the figures (its campaign and plan, the conferences and the
absentees) stays as signed, on the pages and in the admin, until staff open a correction."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conferences.models import (
    Absentee,
    Attendance,
    Campaign,
    Conference,
    ConferenceSite,
    DirectingDocument,
    PreparationStep,
    VideoSite,
)
from reporting.documents.corrections import report_open_correction
from tests.staff_pages import absentee_url, campaign_data, conference_data, demo_conference, messages_of
from tests.test_reports import user

pytestmark = pytest.mark.django_db

CAMPAIGN = "tw8-khoa-xiii"
LOCKED = (
    "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; không sửa được nữa. "
    "Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
)
BANNER = f'<div class="alert alert-secondary col-lg-8" id="locked">🔒 {LOCKED}</div>'


def snapshot() -> list[list[dict]]:
    models = (Campaign, DirectingDocument, Conference, ConferenceSite, Absentee)
    return [list(model.objects.order_by("pk").values()) for model in models]


@pytest.fixture
def staff(client, signed):
    client.force_login(user("tuyengiao"))
    return client


def test_the_conference_it_counted_is_read_only_and_a_change_is_refused(staff):
    url = reverse("conference_edit", args=[demo_conference().pk])
    page = staff.get(url)
    assert BANNER in page.content.decode() and all(field.disabled for field in page.context["form"].fields.values())
    assert ">Lưu</button>" not in page.content.decode()
    before = snapshot()
    response = staff.post(url, conference_data(title="ĐÃ SỬA SAU KHI KÝ", format="in_person", version="1"))
    assert response.status_code == 409 and BANNER in response.content.decode()
    assert snapshot() == before


def test_its_campaign_and_plan_are_read_only_and_a_change_is_refused(staff):
    before = snapshot()
    edit = reverse("campaign_edit", args=[CAMPAIGN])
    assert BANNER in staff.get(edit).content.decode()
    response = staff.post(edit, campaign_data(name="Tên đã sửa", plan_number="999-KH/HU", version="1"))
    assert response.status_code == 409 and BANNER in response.content.decode()
    documents = reverse("campaign_documents", args=[CAMPAIGN])
    response = staff.post(documents, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-number": "1-KH"})
    assert response.status_code == 409 and LOCKED in response.content.decode()
    assert snapshot() == before


def test_the_absentees_it_counted_are_read_only_and_a_change_is_refused(staff):
    attendance = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-ta-leng")
    absent = Absentee.objects.create(attendance=attendance, name="Lò Văn A", reason="Ốm")
    before = snapshot()
    assert BANNER in staff.get(absentee_url()).content.decode()
    rows = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "1", "form-0-id": str(absent.pk)}
    changes = {"form-0-name": "Tên khác", "form-0-DELETE": "on", "form-1-name": "Người mới"}
    response = staff.post(absentee_url(), {**rows, **changes})
    assert response.status_code == 409 and BANNER in response.content.decode()
    assert snapshot() == before


def test_the_admin_shows_them_read_only(signed, client):
    client.force_login(get_user_model().objects.get(username="quantri"))
    campaign = Campaign.objects.get(code=CAMPAIGN)
    for url in (
        reverse("admin:conferences_campaign_change", args=[campaign.pk]),
        reverse("admin:conferences_conference_change", args=[demo_conference().pk]),
    ):
        page = client.get(url).content.decode()
        assert 'name="_save"' not in page, url
    before = snapshot()
    client.post(reverse("admin:conferences_campaign_change", args=[campaign.pk]), {"name": "Tên đã sửa"})
    assert snapshot() == before


def test_a_correction_opens_them_again(staff, signed):
    report_open_correction(signed=signed, user=user("tuyengiao"), reason="Sửa tên hội nghị")
    page = staff.get(reverse("conference_edit", args=[demo_conference().pk]))
    assert 'id="locked"' not in page.content.decode() and ">Lưu</button>" in page.content.decode()


def test_no_conference_is_added_to_it_and_the_preparation_it_counted_stays(staff):
    before = snapshot()
    new = reverse("conference_new", args=[CAMPAIGN])
    assert BANNER in staff.get(new).content.decode()
    response = staff.post(new, conference_data(title="Hội nghị thêm sau khi ký", date="2023-12-20"))
    assert response.status_code == 409 and BANNER in response.content.decode()
    steps = list(PreparationStep.objects.order_by("pk").values())
    step = reverse("conference_step", args=[demo_conference().pk])
    page = staff.get(reverse("conference_detail", args=[demo_conference().pk])).content.decode()
    assert f'<p class="small text-muted" id="steps-locked">🔒 {LOCKED}</p>' in page
    assert "Đánh dấu đã xong" not in page and "Bỏ đánh dấu" not in page  # nothing offered that would be refused
    assert reverse("conference_edit", args=[demo_conference().pk]) not in page
    refused = staff.post(step, {"step": "invitations"}, follow=True)
    assert messages_of(refused) == [LOCKED]
    staff.post(step, {"step": "invitations", "undo": "1"})
    assert snapshot() == before and list(PreparationStep.objects.order_by("pk").values()) == steps


def test_the_admin_adds_nothing_to_what_it_counted(signed, client):
    """A new attendance row, a new site at its conference, a new organisation row in a counted result: each is
    refused at the admin's add page with the reason, as the pages refuse them."""
    from reporting.models import Organisation, OrganisationOutreach, UnitResult

    client.force_login(user("quantri"))
    conference = demo_conference()
    unit = Attendance.objects.filter(conference=conference).first().unit
    site = VideoSite.objects.exclude(conference_sites__conference=conference).first()
    counted = UnitResult.objects.filter(campaign__code=CAMPAIGN, status="accepted").first()
    organisation = Organisation.objects.exclude(outreach__result=counted).first()
    before = snapshot(), OrganisationOutreach.objects.count()
    attendance = {
        "conference": conference.pk, "unit": unit.pk, "party_members_expected": 30, "party_members_attended": 30,
        "non_members_expected": 0, "non_members_attended": 0, "others": 500, "version": 0,
        "absentees-TOTAL_FORMS": 0, "absentees-INITIAL_FORMS": 0,
    }  # fmt: skip
    Attendance.objects.filter(conference=conference, unit=unit).delete()  # the unit's row as if never entered
    for url, data in (
        (reverse("admin:conferences_attendance_add"), attendance),
        (reverse("admin:conferences_conferencesite_add"), {"conference": conference.pk, "site": site.pk}),
        (
            reverse("admin:reporting_organisationoutreach_add"),
            {"result": counted.pk, "organisation": organisation.pk, "sessions": 3, "people": 90},
        ),
    ):
        response = client.post(url, {**data, "line_test": "passed", "_save": "1"})
        assert response.status_code == 200, url
        assert LOCKED in response.content.decode(), url
    assert OrganisationOutreach.objects.count() == before[1]
    assert ConferenceSite.objects.filter(conference=conference, site=site).exists() is False


def test_the_admin_moves_no_site_into_or_out_of_a_conference_it_counted(signed, client):
    """A site's row of another conference moved into the counted one, or a counted row given another site: each
    changes the sites the report counted, and is refused."""
    client.force_login(user("quantri"))
    counted = demo_conference()
    elsewhere = Conference.objects.exclude(pk=counted.pk).filter(campaign__code="tw5-khoa-xiii").first()
    row = ConferenceSite.objects.filter(conference=elsewhere).first()
    inside = ConferenceSite.objects.filter(conference=counted).first()
    spare = VideoSite.objects.exclude(conference_sites__conference=counted).exclude(pk=row.site_id).first()
    before = snapshot()
    change = reverse("admin:conferences_conferencesite_change", args=[row.pk])
    moved_in = {"conference": counted.pk, "site": row.site_id, "line_test": row.line_test, "_save": "1"}
    response = client.post(change, moved_in)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    # A counted row whose unit's attendance the report counted is read-only: no other site takes its place.
    change = reverse("admin:conferences_conferencesite_change", args=[inside.pk])
    switched = {"conference": counted.pk, "site": spare.pk, "line_test": inside.line_test, "_save": "1"}
    assert client.post(change, switched).status_code == 403
    assert snapshot() == before
