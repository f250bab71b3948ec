"""What a signed report counted through another record stays as counted: the resolutions a campaign studied, the
unit a video-link site belongs to, and the share of a unit's plan copied from its superior's."""

import datetime

import pytest
from django.contrib.admin import site as admin_site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from conferences.action_documents.services import save_action_document
from conferences.models import ActionDocument, Campaign, Committee, ConferenceSite, Resolution, VideoSite
from conferences.similarity import COPIED_PERCENT
from reporting.documents.term_reports import term_report_start
from reporting.documents.workflow import report_sign
from reporting.figures.term import Period
from reporting.models import Report
from tests import builders
from tests.staff_pages import sign_in
from tests.test_reports import user

pytestmark = pytest.mark.django_db

LOCKED_BY_01 = (
    "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; không sửa được nữa. "
    "Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
)
OTHER_COMMITTEE = (
    "Văn bản này còn được học tập trong đợt học tập do cấp ủy ngoài phạm vi của bạn chỉ đạo; đề nghị quản trị hệ "
    "thống sửa."
)
FROM, TO = datetime.date(2021, 3, 1), datetime.date(2023, 3, 31)


def studied() -> Resolution:
    return Resolution.objects.filter(campaigns__code="tw8-khoa-xiii").first()


def as_sent(resolution: Resolution, **changes) -> dict:
    fields = ["number", "kind", "issuing_body", "term", "title"]
    data = {name: getattr(resolution, name) for name in fields}
    data.update(
        issued_on=resolution.issued_on.isoformat() if resolution.issued_on else "", plenum=resolution.plenum or ""
    )
    return {**data, **changes}


def test_a_resolution_a_signed_report_quotes_is_read_only_and_a_change_is_refused(signed, client):
    resolution = studied()
    url = reverse("resolution_edit", args=[resolution.pk])
    page = sign_in(client, "tuyengiao").get(url)
    assert page.context["locked"] == LOCKED_BY_01 and ">Lưu</button>" not in page.content.decode()
    response = client.post(url, as_sent(resolution, title="Đã sửa sau khi ký"))
    assert response.status_code == 409 and Resolution.objects.get(pk=resolution.pk).title == resolution.title
    request = RequestFactory().get("/")
    request.user = user("quantri")
    assert not admin_site._registry[Resolution].has_change_permission(request, resolution)


def test_a_resolution_studied_in_another_district_is_not_changed_by_this_one(signed, client):
    resolution = studied()
    response = sign_in(client, "tuyengiao.tayson").post(
        reverse("resolution_edit", args=[resolution.pk]), as_sent(resolution, title="Đổi từ huyện khác")
    )
    assert response.status_code == 409 and response.context["locked"] == OTHER_COMMITTEE
    assert Resolution.objects.get(pk=resolution.pk).title == resolution.title


def counted_site() -> VideoSite:
    return VideoSite.objects.filter(
        committee__code="tam-duong-ta-leng", conference_sites__conference__campaign__code="tw8-khoa-xiii"
    ).first()


def test_a_site_keeps_its_unit_once_a_counted_conference_was_held_at_it(signed, client):
    site = counted_site()
    url = reverse("site_edit", args=[site.pk])
    page = sign_in(client, "tuyengiao").get(url)
    assert page.context["form"].fields["committee"].disabled
    assert page.context["form"].fields["committee"].help_text == LOCKED_BY_01
    other = Committee.objects.get(code="tam-duong-ban-bo")
    data = {"committee": other.pk, "name": "Điểm cầu đã đổi tên", "hall": site.hall, "screens": 1, "active": "on"}
    assert client.post(url, data).status_code == 302  # the name may change; the unit stays
    assert VideoSite.objects.filter(pk=site.pk).values_list("committee_id", "name").get() == (
        site.committee_id,
        "Điểm cầu đã đổi tên",
    )
    moved = VideoSite.objects.get(pk=site.pk)
    moved.committee = other  # as the admin's form would
    with pytest.raises(ValidationError) as refused:
        moved.full_clean()
    assert refused.value.message_dict == {"committee": [LOCKED_BY_01]}


def test_a_site_passes_between_units_no_signed_report_counted_there(signed):
    """A Tây Sơn site used at Tam Đường's counted conference: Tam Đường's report counted no Tây Sơn unit, so the
    site may pass between Tây Sơn's units, but not to a unit whose attendance there was counted."""
    conference = counted_site().conference_sites.first().conference
    binh_hoa, tay_an = Committee.objects.get(code="tay-son-binh-hoa"), Committee.objects.get(code="tay-son-tay-an")
    site = VideoSite.objects.create(committee=binh_hoa, name="Điểm cầu mượn")
    ConferenceSite.objects.create(conference=conference, site=site)  # as it stood when the report was signed
    site.committee = tay_an
    site.full_clean()
    site.committee = Committee.objects.get(code="tam-duong-ta-leng")
    with pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert refused.value.message_dict == {"committee": [LOCKED_BY_01]}


@pytest.fixture(scope="module")
def signed_190(module_demo, django_db_blocker):
    """Tây Sơn's term report over 03/2021–03/2023, signed as 190-BC/HU once for the module."""
    with django_db_blocker.unblock():
        report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), FROM, TO))
        builders.approve(report=report, user=user("tuyengiao.tayson"))
        return report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))


def test_a_plan_written_later_leaves_the_copied_share_a_signed_term_report_counted(signed_190, client):
    campaign, district = Campaign.objects.get(code="tw5-khoa-xiii"), Committee.objects.get(code="tay-son")
    below = ActionDocument.objects.filter(
        campaign=campaign, unit__path__startswith=district.path, unit__depth=district.depth + 1
    )
    counted = below.filter(issued_on__lte=TO)
    before = dict(counted.values_list("pk", "similarity"))
    source = counted.exclude(text="").order_by("pk").first()
    later = save_action_document(
        document=ActionDocument(
            unit=source.unit, campaign=campaign, kind="programme", issued_on=datetime.date(2023, 5, 2),
            title="Chương trình bổ sung", text=source.text,
        ),
        user=None,
    )  # fmt: skip
    plan = {
        "unit": district.pk, "campaign": campaign.pk, "kind": "plan", "number": "999-KH/HU",
        "issued_on": "2023-06-01", "title": "Kế hoạch bổ sung", "text": source.text,
    }  # fmt: skip
    assert sign_in(client, "tuyengiao.tayson").post(reverse("action_document_new"), plan).status_code == 302
    assert dict(counted.values_list("pk", "similarity")) == before
    assert ActionDocument.objects.get(pk=later.pk).similarity >= COPIED_PERCENT  # one not counted is compared anew
