"""Staff record supervision of their units and the online channels of their district, with history."""

import pytest
from django.urls import reverse

from conferences.models import Committee, OnlineChannel, Supervision
from tests.staff_pages import committee_pk, messages_of

pytestmark = pytest.mark.django_db


def test_staff_record_a_supervision_of_a_unit_of_their_district(staff_client):
    data = {
        "committee": committee_pk("tam-duong"),
        "unit": committee_pk("tam-duong-ta-leng"),
        "held_on": "2023-12-20",
        "subject": "Việc học tập, quán triệt Nghị quyết Trung ương 8",
        "findings": "Tổ chức đầy đủ, đúng thời gian.",
    }
    response = staff_client.post(reverse("supervision_new"), data, follow=True)
    supervision = Supervision.objects.get(committee__code="tam-duong")
    assert messages_of(response) == [f"Đã lưu “{supervision}”."]
    assert supervision.unit.code == "tam-duong-ta-leng"
    assert "Việc học tập, quán triệt Nghị quyết Trung ương 8" in response.content.decode()

    changed = {**data, "findings": "Còn 2 đảng viên chưa học."}
    staff_client.post(reverse("supervision_edit", args=[supervision.pk]), changed)
    history = list(supervision.history.order_by("history_date").values_list("findings", flat=True))
    assert history == ["Tổ chức đầy đủ, đúng thời gian.", "Còn 2 đảng viên chưa học."]


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("tam-duong", "Chọn một tổ chức đảng trực thuộc Huyện ủy Tam Đường."),
        ("tay-son-tay-an", "Lựa chọn không hợp lệ; hãy chọn trong danh sách."),
    ],
    ids=["itself", "another-district"],
)
def test_a_supervision_is_of_a_unit_below_and_in_scope(staff_client, unit, message):
    data = {"committee": committee_pk("tam-duong"), "unit": committee_pk(unit), "held_on": "2023-12-20", "subject": "x"}
    response = staff_client.post(reverse("supervision_new"), data)
    assert response.context["form"].errors == {"unit": [message]}
    assert not Supervision.objects.filter(committee__code="tam-duong").exists()


def test_staff_record_a_channel_with_its_members(staff_client):
    data = {
        "owner": committee_pk("tam-duong"),
        "kind": OnlineChannel.Kind.FACEBOOK,
        "name": "Huyện Đoàn Tam Đường",
        "address": "facebook.com/huyendoantamduong",
        "members": "3504",
        "counted_on": "2023-03-31",
    }
    response = staff_client.post(reverse("channel_new"), data, follow=True)
    channel = OnlineChannel.objects.get(owner__code="tam-duong")
    assert channel.address == "https://facebook.com/huyendoantamduong"
    assert "3.504" in response.content.decode()
    refused = staff_client.post(reverse("channel_new"), {**data, "members": "-1"})
    assert refused.context["form"].errors == {"members": ["Không được nhập số âm."]}
    assert OnlineChannel.objects.filter(owner__code="tam-duong").count() == 1


def test_another_districts_records_stay_hidden(staff_client):
    tay_son = Committee.objects.get(code="tay-son")
    channel = OnlineChannel.objects.create(
        owner=tay_son, kind="zalo", name="Nhóm Tây Sơn", members=9, counted_on="2023-01-01"
    )
    assert "Nhóm Tây Sơn" not in staff_client.get(reverse("channel_list")).content.decode()
    assert staff_client.get(reverse("channel_edit", args=[channel.pk])).status_code == 404


def test_a_findings_text_too_long_is_refused_at_its_field(staff_client):
    from conferences.models import Committee

    data = {
        "committee": Committee.objects.get(code="tam-duong").pk,
        "unit": Committee.objects.get(code="tam-duong-ta-leng").pk,
        "held_on": "2024-01-10",
        "subject": "Học tập nghị quyết",
        "findings": "x" * 5_001,
    }
    response = staff_client.post(reverse("supervision_new"), data)
    assert response.context["form"].errors["findings"] == ["Quá dài: tối đa 5000 ký tự, đã nhập 5001."]
    assert not Supervision.objects.filter(subject="Học tập nghị quyết").exists()
