"""A unit's absentee list for the demo's online conference: staff list people and strike them off."""

import pytest

from conferences.models import Absentee, Attendance
from tests.staff_pages import (
    absentee_url,
    demo_conference,
    messages_of,
    sent_back,
    tay_son_conference,
)

pytestmark = pytest.mark.django_db


def formset_sent_back(response) -> dict[str, str]:
    formset = response.context["formset"]
    management = {formset.management_form.add_prefix(k): str(v) for k, v in formset.management_form.initial.items()}
    return {**management, **sent_back(formset.forms)}


def test_staff_list_and_strike_off_a_units_absentees(staff_client):
    data = formset_sent_back(staff_client.get(absentee_url()))
    data.update(
        {
            "form-0-name": "Lò Văn Pình",
            "form-0-position": "Phó Chủ tịch Ủy ban nhân dân xã",
            "form-0-reason": "Đi công tác tỉnh",
            "form-1-name": "Tẩn Thị Chiêm",
            "form-1-position": "Công chức Văn phòng - Thống kê xã",
            "form-1-is_party_member": "",
            "form-1-reason": "Nghỉ sinh con",
        }
    )

    response = staff_client.post(absentee_url(), data, follow=True)

    assert response.redirect_chain == [(absentee_url(), 302)]
    assert messages_of(response) == ["Đã lưu danh sách vắng mặt."]
    ta_leng = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-ta-leng")
    assert list(ta_leng.absentees.values_list("name", "is_party_member", "reason")) == [
        ("Lò Văn Pình", True, "Đi công tác tỉnh"),
        ("Tẩn Thị Chiêm", False, "Nghỉ sinh con"),
    ]
    others_before = Absentee.objects.exclude(attendance=ta_leng).count()

    data = formset_sent_back(response)
    struck_off = next(i for i, form in enumerate(response.context["formset"]) if form.instance.name == "Tẩn Thị Chiêm")
    data[f"form-{struck_off}-DELETE"] = "on"
    response = staff_client.post(absentee_url(), data)

    assert response.status_code == 302
    assert list(ta_leng.absentees.values_list("name", flat=True)) == ["Lò Văn Pình"]
    assert Absentee.objects.exclude(attendance=ta_leng).count() == others_before


def test_absentees_of_tay_son_are_not_found(staff_client):
    assert staff_client.get(absentee_url("tay-son-binh-hoa", tay_son_conference())).status_code == 404
    assert staff_client.get(absentee_url("tay-son-binh-hoa")).status_code == 404


def test_a_list_not_matching_the_grids_absent_count_is_warned_about(staff_client):
    ta_leng = Attendance.objects.get(conference=demo_conference(), unit__code="tam-duong-ta-leng")
    ta_leng.absentees.all().delete()
    members = ta_leng.party_members_expected - ta_leng.party_members_attended
    others = ta_leng.non_members_expected - ta_leng.non_members_attended
    page = staff_client.get(absentee_url())
    expected = (
        f"Bảng tham dự ghi {members} đảng viên và {others} người chưa là đảng viên vắng mặt, nhưng danh sách có 0 "
        "đảng viên và 0 người chưa là đảng viên: kiểm tra lại."
    )
    assert (members, others) != (0, 0) and page.context["mismatch"] == expected
    for n in range(members):
        Absentee.objects.create(attendance=ta_leng, name=f"Đảng viên {n}")
    for n in range(others):
        Absentee.objects.create(attendance=ta_leng, name=f"Người {n}", is_party_member=False)
    assert staff_client.get(absentee_url()).context["mismatch"] == ""
