"""Staff correct a campaign or a conference after creating it, without losing anyone's work.

Nguyễn Thị Hồng of Tam Đường fixes the demo campaign's deadline and plan, and
the centre's online conference of 04/12/2023; a colleague editing at the
same time sees a conflict, never a silent overwrite.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import User
from conferences.models import Attendance, Campaign, Committee, Conference, ConferenceSite, DirectingDocument, VideoSite
from tests import builders

pytestmark = pytest.mark.django_db

STAFF = "tuyengiao"
CAMPAIGN = "tw8-khoa-xiii"


def signed_in(username: str = STAFF) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def staff(demo) -> Client:
    return signed_in()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_as_sent(response) -> dict:
    """What the browser posts for the form exactly as the page shows it."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = "" if value is None else str(value)
    return data


def campaign_url(code: str = CAMPAIGN) -> str:
    return reverse("campaign_edit", args=[code])


def campaign_snapshot() -> tuple:
    return (
        list(Campaign.objects.order_by("pk").values()),
        list(DirectingDocument.objects.order_by("pk").values()),
        sorted(Campaign.resolutions.through.objects.values_list("campaign_id", "resolution_id")),
    )


# 1. Campaigns --------------------------------------------------------------------------------------------------


def test_the_form_opens_with_the_campaign_and_its_own_plan(staff):
    form = staff.get(campaign_url()).context["form"]

    assert form["reporting_deadline"].value() == datetime.date(2024, 1, 15)
    assert (form["plan_number"].value(), form["plan_date"].value()) == ("227-KH/HU", datetime.date(2023, 12, 8))
    assert "code" not in form.fields and form.fields["committee"].disabled


def test_staff_change_the_deadline_threshold_and_plan(staff):
    page = staff.get(campaign_url())
    data = form_as_sent(page) | {
        "reporting_deadline": "2024-01-20",
        "participation_threshold": "90",
        "plan_number": "228-KH/HU",
        "code": "doi-ma",  # disabled: ignored
        "committee": str(Committee.objects.get(code="tam-duong-ta-leng").pk),
    }
    documents = DirectingDocument.objects.count()

    response = staff.post(campaign_url(), data, follow=True)

    assert response.redirect_chain == [(reverse("campaign_detail", args=[CAMPAIGN]), 302)]
    assert messages_of(response) == ["Đã lưu đợt học tập “Nghị quyết Trung ương 8”."]
    campaign = Campaign.objects.get(code=CAMPAIGN)
    assert (campaign.reporting_deadline, str(campaign.participation_threshold), campaign.committee.code) == (
        datetime.date(2024, 1, 20),
        "90.0",
        "tam-duong",
    )
    assert campaign.version == 2
    assert DirectingDocument.objects.count() == documents
    assert sorted(campaign.directing_documents.values_list("number", flat=True)) == [
        "1101-CV/HU",
        "216-KH/TU",
        "228-KH/HU",
    ]
    assert "Kế hoạch số 228-KH/HU, ngày 08/12/2023" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"ends_on": "2023-12-03"},
            "ends_on",
            "Hội nghị “Hội nghị trực tuyến toàn quốc nghiên cứu, học tập, quán triệt Nghị quyết Hội nghị lần thứ "
            "tám Ban Chấp hành Trung ương Đảng khóa XIII” ngày 04/12/2023 sẽ nằm ngoài thời gian của đợt học tập.",
        ),
        ({"plan_number": "216-KH/TU"}, "plan_number", "Đợt học tập đã có văn bản chỉ đạo số 216-KH/TU."),
        ({"reporting_deadline": "2023-11-01"}, "reporting_deadline", "Hạn báo cáo không được trước ngày bắt đầu."),
        (
            {"plan_number": "230/KH-HU"},
            "plan_number",
            "Ghi số, ký hiệu như trên văn bản, ví dụ 227-KH/HU: số, gạch ngang, loại văn bản, gạch chéo, cơ quan "
            "ban hành.",
        ),
        (
            {"plan_number": "230-CV/HU"},
            "plan_number",
            "Ký hiệu “CV” không phải của kế hoạch (KH): xem lại loại văn bản hoặc số.",
        ),
    ],
    ids=["leaves-a-conference-outside", "plan-number-taken", "deadline-before-start", "number-unlike", "not-a-plan"],
)
def test_a_wrong_change_is_refused_on_its_field_and_changes_nothing(staff, changes, field, message):
    data = form_as_sent(staff.get(campaign_url())) | changes
    before = campaign_snapshot()

    response = staff.post(campaign_url(), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert campaign_snapshot() == before


def test_two_staff_editing_one_campaign_see_a_conflict_and_nothing_is_lost(demo):
    hong, colleague = signed_in(), signed_in("quantri")
    hongs_form = form_as_sent(hong.get(campaign_url()))
    colleagues_form = form_as_sent(colleague.get(campaign_url()))

    assert colleague.post(campaign_url(), colleagues_form | {"reporting_deadline": "2024-01-18"}).status_code == 302
    response = hong.post(campaign_url(), hongs_form | {"participation_threshold": "90"})

    assert response.status_code == 409
    assert messages_of(response) == [
        "Trong lúc bạn sửa, đợt học tập này đã được người khác lưu. Chưa lưu: xem số liệu đang lưu bên dưới, "
        "rồi lưu lại nếu vẫn đúng."
    ]
    assert response.context["conflicts"] == [
        ("Hạn báo cáo", datetime.date(2024, 1, 18), datetime.date(2024, 1, 15)),
        ("Ngưỡng tỷ lệ tham gia (%)", 95, 90),
    ]
    campaign = Campaign.objects.get(code=CAMPAIGN)
    assert (campaign.reporting_deadline, campaign.participation_threshold, campaign.version) == (
        datetime.date(2024, 1, 18),
        95,
        2,
    )

    # Saving again from the page now shown is her deliberate choice: it goes through.
    again = hong.post(campaign_url(), form_as_sent(response))
    assert again.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.reporting_deadline, campaign.participation_threshold, campaign.version) == (
        datetime.date(2024, 1, 15),
        90,
        3,
    )


def test_a_campaign_run_by_the_province_is_seen_but_not_edited_by_the_district(staff):
    province = builders.campaign(Committee.objects.get(code="lai-chau"), code="tinh-dot-1")
    before = campaign_snapshot()

    detail = staff.get(reverse("campaign_detail", args=[province.code]))
    response = staff.post(campaign_url(province.code), {"name": "Đổi tên"})

    assert detail.status_code == 200
    assert campaign_url(province.code) not in detail.content.decode()
    assert response.status_code == 403
    assert campaign_snapshot() == before


def test_the_campaign_page_links_to_its_edit_forms(staff):
    page = staff.get(reverse("campaign_detail", args=[CAMPAIGN])).content.decode()

    assert campaign_url() in page
    assert reverse("conference_edit", args=[Conference.objects.get(campaign__code=CAMPAIGN).pk]) in page


# 2. Conferences ------------------------------------------------------------------------------------------------


def demo_conference() -> Conference:
    return Conference.objects.get(campaign__code=CAMPAIGN)


def conference_url(conference: Conference | None = None) -> str:
    return reverse("conference_edit", args=[(conference or demo_conference()).pk])


def site(name: str) -> VideoSite:
    return VideoSite.objects.get(name=name)


def conference_snapshot() -> tuple:
    return (
        list(Conference.objects.order_by("pk").values()),
        list(ConferenceSite.objects.order_by("pk").values()),
        list(Attendance.objects.order_by("pk").values()),
    )


def test_staff_correct_the_centres_conference_of_their_campaign(staff):
    data = form_as_sent(staff.get(conference_url())) | {"speakers": "Đồng chí Tổng Bí thư", "date": "2023-12-05"}

    response = staff.post(conference_url(), data, follow=True)

    assert response.redirect_chain == [(reverse("conference_detail", args=[demo_conference().pk]), 302)]
    assert messages_of(response) == ["Đã lưu hội nghị."]
    conference = demo_conference()
    assert (conference.speakers, conference.date, conference.host, conference.version) == (
        "Đồng chí Tổng Bí thư",
        datetime.date(2023, 12, 5),
        None,
        2,
    )
    assert conference.conference_sites.count() == 15


def test_a_site_without_data_can_be_added_and_taken_away(staff):
    conference = builders.online_conference(Campaign.objects.get(code=CAMPAIGN), date=datetime.date(2023, 12, 20))
    ConferenceSite.objects.create(conference=conference, site=site("Điểm cầu xã Tả Lèng"))
    data = form_as_sent(staff.get(conference_url(conference))) | {
        "host": str(Committee.objects.get(code="tam-duong").pk),
        "sites": [str(site("Điểm cầu xã Giang Ma").pk), str(site("Điểm cầu xã Hồ Thầu").pk)],
    }

    assert staff.post(conference_url(conference), data).status_code == 302

    assert sorted(conference.conference_sites.values_list("site__name", flat=True)) == [
        "Điểm cầu xã Giang Ma",
        "Điểm cầu xã Hồ Thầu",
    ]


def test_a_site_with_line_test_or_attendance_cannot_be_taken_away(staff):
    conference = demo_conference()
    keep = conference.conference_sites.exclude(site__name="Điểm cầu xã Tả Lèng").values_list("site_id", flat=True)
    data = form_as_sent(staff.get(conference_url())) | {"sites": [str(pk) for pk in keep]}
    before = conference_snapshot()

    response = staff.post(conference_url(), data)

    message = "Không bỏ được điểm cầu đã có số liệu (thử đường truyền, sự cố hoặc người dự): Điểm cầu xã Tả Lèng."
    assert response.status_code == 200
    assert response.context["form"].errors == {"sites": [message]}
    assert conference_snapshot() == before


def test_two_staff_editing_one_conference_see_a_conflict(demo):
    hong, colleague = signed_in(), signed_in("quantri")
    hongs_form = form_as_sent(hong.get(conference_url()))
    colleagues_form = form_as_sent(colleague.get(conference_url()))

    assert colleague.post(conference_url(), colleagues_form | {"audience": "Toàn thể cán bộ"}).status_code == 302
    before = conference_snapshot()
    response = hong.post(conference_url(), hongs_form | {"speakers": "Đồng chí Tổng Bí thư"})

    assert response.status_code == 409
    assert messages_of(response) == [
        "Trong lúc bạn sửa, hội nghị này đã được người khác lưu. Chưa lưu: xem số liệu đang lưu bên dưới, "
        "rồi lưu lại nếu vẫn đúng."
    ]
    assert [label for label, _stored, _typed in response.context["conflicts"]] == ["Báo cáo viên", "Thành phần"]
    assert conference_snapshot() == before


def test_a_conference_hosted_by_the_province_is_not_edited_by_the_district(staff):
    province_hosted = builders.online_conference(
        Campaign.objects.get(code=CAMPAIGN),
        date=datetime.date(2023, 12, 20),
        host=Committee.objects.get(code="lai-chau"),
    )
    before = conference_snapshot()

    page = staff.get(reverse("conference_detail", args=[province_hosted.pk]))
    response = staff.post(conference_url(province_hosted), {"title": "Đổi tên"})

    assert page.status_code == 200
    assert conference_url(province_hosted) not in page.content.decode()
    assert response.status_code == 403
    assert conference_snapshot() == before


# 3. Directing documents ----------------------------------------------------------------------------------------


def documents_url(code: str = CAMPAIGN) -> str:
    return reverse("campaign_documents", args=[code])


def formset_as_sent(response) -> dict:
    """What the browser posts for the documents exactly as the page shows them."""
    formset = response.context["formset"]
    data = {formset.management_form.add_prefix(k): str(v) for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, datetime.date):
                data[form.add_prefix(name)] = value.isoformat()
            else:
                data[form.add_prefix(name)] = "" if value is None else str(value)
    return data


def row_of(response, number: str) -> int:
    """The formset index of the document with this number."""
    forms = response.context["formset"].forms
    return next(index for index, form in enumerate(forms) if form.instance.number == number)


def test_staff_add_change_and_remove_directing_documents(staff):
    page = staff.get(documents_url())
    assert [form.instance.number for form in page.context["formset"].forms] == [
        "216-KH/TU",
        "1101-CV/HU",
        "227-KH/HU",
        "",
        "",
    ]
    data = formset_as_sent(page)
    data[f"form-{row_of(page, '1101-CV/HU')}-DELETE"] = "on"
    data[f"form-{row_of(page, '216-KH/TU')}-issued_on"] = "2023-11-29"
    data |= {
        "form-3-kind": "HD",
        "form-3-number": "112-HD/BTGTW",
        "form-3-issued_on": "2023-11-30",
        "form-3-issuer": "Ban Tuyên giáo Trung ương",
        "form-3-subject": "hướng dẫn nghiên cứu, học tập, quán triệt Nghị quyết Trung ương 8",
        "form-3-from_superior": "on",
    }

    response = staff.post(documents_url(), data, follow=True)

    assert response.redirect_chain == [(reverse("campaign_detail", args=[CAMPAIGN]), 302)]
    assert messages_of(response) == ["Đã lưu văn bản chỉ đạo."]
    documents = Campaign.objects.get(code=CAMPAIGN).directing_documents.order_by("issued_on")
    assert list(documents.values_list("number", "issued_on", "from_superior")) == [
        ("216-KH/TU", datetime.date(2023, 11, 29), True),
        ("112-HD/BTGTW", datetime.date(2023, 11, 30), True),
        ("227-KH/HU", datetime.date(2023, 12, 8), False),
    ]


def test_a_wrong_document_is_refused_on_its_row_and_nothing_changes(staff):
    page = staff.get(documents_url())
    data = formset_as_sent(page)
    data[f"form-{row_of(page, '216-KH/TU')}-issued_on"] = "2023-11-29"  # a valid change, which must wait
    data |= {"form-3-number": "227-KH/HU", "form-3-issuer": "Ban Thường vụ Huyện ủy", "form-3-subject": "về …"}
    data |= {"form-3-kind": "KH", "form-3-issued_on": "2023-12-09"}
    data |= {"form-4-number": "230-KH/HU"}  # started, left without its date, issuer and subject
    data |= {"form-5-number": "12-CV/BTGTU", "form-5-kind": "HD", "form-5-issuer": "Ban Tuyên giáo Tỉnh ủy"}
    data |= {"form-5-subject": "về …", "form-5-issued_on": "2023-12-01", "form-TOTAL_FORMS": "6"}
    before = campaign_snapshot()

    response = staff.post(documents_url(), data)

    assert response.status_code == 200
    assert messages_of(response) == ["Chưa lưu: kiểm tra các ô báo đỏ."]
    forms = response.context["formset"].forms
    assert forms[3].errors == {"number": ["Số 227-KH/HU đã có ở dòng khác."]}
    assert set(forms[4].errors) == {"kind", "issued_on", "issuer", "subject"}
    assert forms[4].errors["issued_on"] == ["Trường này là bắt buộc."]
    assert forms[5].errors == {"number": ["Ký hiệu “CV” không phải của hướng dẫn (HD): xem lại loại văn bản hoặc số."]}
    assert campaign_snapshot() == before


def test_a_superior_plan_added_in_the_browser_opens_the_report(staff):
    from reporting.documents.drafting import draft_report

    campaign = builders.campaign(Committee.objects.get(code="tam-duong"), code="dot-moi", short_name="Nghị quyết mới")
    page = staff.get(documents_url("dot-moi"))
    data = formset_as_sent(page) | {
        "form-0-kind": "KH",
        "form-0-number": "250-KH/TU",
        "form-0-issued_on": "2023-11-28",
        "form-0-issuer": "Ban Thường vụ Tỉnh ủy",
        "form-0-subject": "về học tập, quán triệt nghị quyết mới",
        "form-0-from_superior": "on",
    }

    assert staff.post(documents_url("dot-moi"), data).status_code == 302

    opening = dict(
        (key, text) for key, _kind, text in draft_report(campaign=campaign, committee=campaign.committee).blocks
    )
    assert opening["opening"].startswith(
        "Thực hiện Kế hoạch số 250-KH/TU, ngày 28/11/2023 của Ban Thường vụ Tỉnh ủy về học tập, quán triệt "
        "nghị quyết mới (gọi tắt là Nghị quyết mới), Ban Thường vụ Huyện ủy Tam Đường báo cáo"
    )


def test_documents_of_a_campaign_run_above_are_not_edited_by_the_district(staff):
    province = builders.campaign(Committee.objects.get(code="lai-chau"), code="tinh-dot-1")
    before = campaign_snapshot()

    response = staff.post(documents_url(province.code), {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"})

    assert response.status_code == 403
    assert campaign_snapshot() == before
