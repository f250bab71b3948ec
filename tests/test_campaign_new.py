"""The new-campaign page: Tam Đường's staff create a campaign with its resolutions and plan."""

import datetime
import re

import pytest
from django.urls import reverse

from conferences.document_types import DocumentType
from conferences.models import Campaign
from tests.staff_pages import campaign_data, committee_pk, messages_of, record_counts

pytestmark = pytest.mark.django_db


def test_staff_create_a_campaign_with_its_resolutions_and_plan(staff_client):
    response = staff_client.post(reverse("campaign_new"), campaign_data(), follow=True)

    campaign = Campaign.objects.get(short_name="Nghị quyết 42, 43")
    assert re.fullmatch(r"nghi-quyet-42-43-[a-z2-9]{4}", campaign.code)
    assert response.redirect_chain == [(reverse("campaign_detail", args=[campaign.code]), 302)]
    assert messages_of(response) == ["Đã tạo đợt học tập “Nghị quyết 42, 43”."]
    assert campaign.committee.code == "tam-duong"
    assert (campaign.starts_on, campaign.ends_on, campaign.reporting_deadline) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 4, 30),
        datetime.date(2024, 4, 15),
    )
    assert sorted(campaign.resolutions.values_list("number", flat=True)) == ["42-NQ/TW", "43-NQ/TW"]
    plan = campaign.directing_documents.get()
    assert (plan.kind, plan.number, plan.issued_on, plan.issuer, plan.from_superior) == (
        DocumentType.PLAN,
        "245-KH/HU",
        datetime.date(2024, 2, 26),
        "Ban Thường vụ Huyện ủy Tam Đường",
        False,
    )
    assert plan.subject == f"về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện {campaign.name}"
    assert "Kế hoạch số 245-KH/HU, ngày 26/02/2024 của Ban Thường vụ Huyện ủy Tam Đường" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2024-02-29"}, "ends_on", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"reporting_deadline": "2024-02-28"}, "reporting_deadline", "Hạn báo cáo không được trước ngày bắt đầu."),
    ],
    ids=["ends-before-start", "deadline-before-start"],
)
def test_campaign_dates_out_of_order_are_refused_on_their_field(staff_client, changes, field, message):
    before = record_counts()

    response = staff_client.post(reverse("campaign_new"), campaign_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert record_counts() == before


def test_campaign_committee_is_chosen_within_the_staff_members_district(staff_client):
    offered = staff_client.get(reverse("campaign_new")).context["form"].fields["committee"].queryset
    codes = set(offered.values_list("code", flat=True))
    assert {"tam-duong", "tam-duong-ta-leng", "tam-duong-thi-tran-thcs"} <= codes
    assert not {"lai-chau", "tay-son", "tay-son-binh-hoa"} & codes
    before = record_counts()

    response = staff_client.post(reverse("campaign_new"), campaign_data(committee=committee_pk("tay-son")))

    assert response.status_code == 200
    assert response.context["form"].errors == {"committee": ["Lựa chọn không hợp lệ; hãy chọn trong danh sách."]}
    assert record_counts() == before


def test_the_code_is_made_never_typed_so_it_tells_nothing_of_other_districts(staff_client):
    Campaign.objects.filter(code="tw5-khoa-xiii").update(short_name="Nghị quyết 42, 43")  # Tây Sơn's
    typed = campaign_data(code="tw5-khoa-xiii")
    first = staff_client.post(reverse("campaign_new"), typed)
    second = staff_client.post(reverse("campaign_new"), typed)
    codes = set(
        Campaign.objects.filter(committee__code="tam-duong", short_name="Nghị quyết 42, 43").values_list(
            "code", flat=True
        )
    )
    assert (first.status_code, second.status_code, len(codes)) == (302, 302, 2)
    assert "tw5-khoa-xiii" not in codes


def test_a_renamed_campaigns_plan_quotes_its_new_name_unless_staff_wrote_the_subject(staff_client):
    staff_client.post(reverse("campaign_new"), campaign_data())
    campaign = Campaign.objects.get(short_name="Nghị quyết 42, 43")
    edit = reverse("campaign_edit", args=[campaign.code])
    shown = staff_client.get(edit).context["form"]["plan_subject"].value()
    assert shown == f"về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện {campaign.name}"
    renamed = "Nghị quyết số 42-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII"
    data = campaign_data(name=renamed, version=campaign.version, plan_subject=shown)

    staff_client.post(edit, data)

    plan = campaign.directing_documents.get()
    assert plan.subject == f"về nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện {renamed}"
    written = {"name": "Nghị quyết 42", "plan_subject": "về học tập Nghị quyết 42", "version": campaign.version + 1}
    staff_client.post(edit, {**data, **written})
    plan.refresh_from_db()
    assert plan.subject == "về học tập Nghị quyết 42"
