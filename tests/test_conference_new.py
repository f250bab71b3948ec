"""The new-conference page: staff add a conference to their campaign, with its video-link sites."""

import datetime

import pytest
from django.urls import reverse

from conferences.models import Conference, ConferenceSite
from tests.staff_pages import (
    TAM_DUONG_CAMPAIGN,
    conference_data,
    conference_new_url,
    messages_of,
    record_counts,
    site_pk,
)

pytestmark = pytest.mark.django_db


def test_staff_create_an_online_conference_with_two_sites(staff_client):
    response = staff_client.post(conference_new_url(), conference_data(), follow=True)

    conference = Conference.objects.get(title="Hội nghị cán bộ chủ chốt huyện quán triệt Nghị quyết Trung ương 8")
    assert response.redirect_chain == [(reverse("conference_detail", args=[conference.pk]), 302)]
    assert messages_of(response) == ["Đã tạo hội nghị."]
    assert (conference.campaign.code, conference.date, conference.level, conference.format, conference.host.code) == (
        TAM_DUONG_CAMPAIGN,
        datetime.date(2023, 12, 12),
        Conference.Level.DISTRICT,
        Conference.Format.ONLINE,
        "tam-duong",
    )
    assert sorted(conference.conference_sites.values_list("site__name", "line_test")) == [
        ("Điểm cầu Trung tâm huyện", ConferenceSite.LineTest.PENDING),
        ("Điểm cầu xã Tả Lèng", ConferenceSite.LineTest.PENDING),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"date": "2024-02-01"},
            "date",
            "Ngày tổ chức phải trong thời gian của đợt học tập (01/12/2023 – 31/01/2024).",
        ),
        (
            {"date": "2023-11-30"},
            "date",
            "Ngày tổ chức phải trong thời gian của đợt học tập (01/12/2023 – 31/01/2024).",
        ),
        ({"sites": []}, "sites", "Hội nghị trực tuyến cần ít nhất một điểm cầu."),
    ],
    ids=["after-the-campaign", "before-the-campaign", "online-without-sites"],
)
def test_conference_form_refuses_in_vietnamese_and_creates_nothing(staff_client, changes, field, message):
    before = record_counts()

    response = staff_client.post(conference_new_url(), conference_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert record_counts() == before


def test_conference_form_offers_only_the_districts_sites(staff_client):
    response = staff_client.get(conference_new_url())

    offered = response.context["form"].fields["sites"].queryset
    assert offered.count() == 15
    assert all(code.startswith("tam-duong") for code in offered.values_list("committee__code", flat=True))
    assert "Điểm cầu xã Tả Lèng" in response.content.decode()
    assert "Điểm cầu xã Bình Hòa" not in response.content.decode()
    before = record_counts()

    tay_son_site = site_pk("Điểm cầu xã Bình Hòa")
    response = staff_client.post(conference_new_url(), conference_data(sites=[tay_son_site]))

    errors = response.context["form"].errors
    assert list(errors) == ["sites"]
    assert errors["sites"] == ["Lựa chọn không hợp lệ; hãy chọn trong danh sách."]
    assert record_counts() == before


def test_a_district_without_sites_yet_is_told_above_the_form_where_to_add_them(staff_client):
    from conferences.models import VideoSite

    VideoSite.objects.filter(committee__code__startswith="tam-duong").update(active=False)
    before = record_counts()

    response = staff_client.post(conference_new_url(), conference_data(sites=[]))

    message = (
        "Hội nghị trực tuyến cần ít nhất một điểm cầu, mà đơn vị chưa khai báo điểm cầu nào: thêm điểm cầu ở "
        "Danh mục → Điểm cầu, hoặc chọn hình thức khác."
    )
    assert response.context["form"].errors == {"__all__": [message]}
    page = response.content.decode()
    assert message in page
    assert f'<a href="{reverse("site_list")}">Danh mục điểm cầu</a>' in page
    assert record_counts() == before
