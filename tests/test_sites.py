"""Staff keep their district's video-link sites (điểm cầu) without the admin."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import User
from conferences.models import Committee, Conference, VideoSite

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def staff(demo) -> Client:
    return signed_in("tuyengiao")


def sites_snapshot() -> list[dict]:
    return list(VideoSite.objects.order_by("pk").values())


def new_site(**changes) -> dict:
    return {
        "committee": Committee.objects.get(code="tam-duong-ta-leng").pk,
        "name": "Điểm cầu Nhà văn hóa bản Lở Thàng",
        "hall": "Nhà văn hóa bản",
        "screens": "1",
        "active": "on",
        **changes,
    }


def test_the_list_holds_the_districts_sites_only(staff):
    response = staff.get(reverse("site_list"))

    content = response.content.decode()
    assert content.count("<tr data-site=") == 15
    assert "Điểm cầu xã Tả Lèng" in content
    assert "Điểm cầu xã Bình Hòa" not in content


def test_staff_add_a_site_and_the_next_conference_offers_it(staff):
    response = staff.post(reverse("site_new"), new_site(), follow=True)

    site = VideoSite.objects.get(name="Điểm cầu Nhà văn hóa bản Lở Thàng")
    assert response.redirect_chain == [(reverse("site_list"), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã lưu điểm cầu “Điểm cầu Nhà văn hóa bản Lở Thàng”."
    ]
    assert (site.committee.code, site.hall, site.screens, site.active) == (
        "tam-duong-ta-leng",
        "Nhà văn hóa bản",
        1,
        True,
    )
    offered = staff.get(reverse("conference_new", args=["tw8-khoa-xiii"])).context["form"].fields["sites"].queryset
    assert site in offered


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "Điểm cầu xã Tả Lèng"}, "name", "Đảng ủy xã Tả Lèng đã có điểm cầu “Điểm cầu xã Tả Lèng”."),
        ({"screens": "-1"}, "screens", "Không được nhập số âm."),
        ({"name": ""}, "name", "Trường này là bắt buộc."),
    ],
    ids=["name-taken", "negative-screens", "no-name"],
)
def test_a_wrong_site_is_refused_on_its_field(staff, changes, field, message):
    before = sites_snapshot()

    response = staff.post(reverse("site_new"), new_site(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert sites_snapshot() == before


def test_a_site_taken_out_of_use_is_no_longer_offered_but_stays_on_its_conference(staff):
    site = VideoSite.objects.get(name="Điểm cầu xã Tả Lèng")
    data = new_site(committee=site.committee_id, name=site.name, hall=site.hall, screens=str(site.screens))
    del data["active"]

    assert staff.post(reverse("site_edit", args=[site.pk]), data).status_code == 302

    site.refresh_from_db()
    assert site.active is False
    offered = staff.get(reverse("conference_new", args=["tw8-khoa-xiii"])).context["form"].fields["sites"].queryset
    assert site not in offered
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    edit_form = staff.get(reverse("conference_edit", args=[conference.pk])).context["form"]
    assert site in edit_form.fields["sites"].queryset
    assert site.pk in edit_form["sites"].value()


def test_another_districts_site_is_not_found_nor_chosen(staff):
    tay_son = VideoSite.objects.get(name="Điểm cầu xã Bình Hòa")
    before = sites_snapshot()

    assert staff.get(reverse("site_edit", args=[tay_son.pk])).status_code == 404
    assert staff.post(reverse("site_edit", args=[tay_son.pk]), new_site()).status_code == 404
    response = staff.post(reverse("site_new"), new_site(committee=tay_son.committee_id))
    assert list(response.context["form"].errors) == ["committee"]
    assert sites_snapshot() == before


@pytest.mark.parametrize("username", ["lanhdao", "bithu.taleng"])
def test_leaders_and_secretaries_are_refused(demo, username):
    client = signed_in(username)
    site = VideoSite.objects.get(name="Điểm cầu xã Tả Lèng")
    before = sites_snapshot()

    for method, url in [
        ("get", reverse("site_list")),
        ("get", reverse("site_new")),
        ("post", reverse("site_new")),
        ("post", reverse("site_edit", args=[site.pk])),
    ]:
        assert getattr(client, method)(url, new_site()).status_code == 403, url
    assert sites_snapshot() == before


def test_a_site_number_in_the_page_is_never_written_with_thousands_dots(staff):
    site = VideoSite.objects.create(pk=12345, committee=Committee.objects.get(code="tam-duong"), name="Điểm cầu mới")

    content = staff.get(reverse("site_list")).content.decode()

    assert f'<tr data-site="{site.pk}"' in content
    assert "12.345" not in content
