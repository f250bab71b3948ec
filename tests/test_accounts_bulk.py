"""A district's secretaries in one step: one account a unit, a one-time password changed at the first sign-in."""

import re

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests import builders

pytestmark = pytest.mark.django_db


def signs_in(client: Client, username: str, password: str) -> bool:
    """Through the sign-in page, as a person does (the throttling backend wants the request)."""
    return client.post(reverse("login"), {"username": username, "password": password}).status_code == 302


@pytest.fixture
def staff(client):
    root, communes = builders.district("moi", communes=3)
    staff = User.objects.create_user("tuyengiao.moi", role=User.Role.PROPAGANDA_STAFF, committee=root)
    client.force_login(staff)
    return client, root, communes


def test_staff_create_the_secretaries_and_each_changes_the_given_password_first(staff):
    client, _root, communes = staff
    page = client.post(reverse("secretaries_create"), follow=True).content.decode()
    slips = re.findall(r'data-account="(bithu\.[^"]+)".*?class="one-time-password">([^<]+)<', page, flags=re.S)
    assert [username for username, _ in slips] == [f"bithu.{unit.code}" for unit in communes]
    username, password = slips[0]
    account = User.objects.get(username=username)
    assert account.must_change_password and account.committee == communes[0]
    # A cheaper hash while the password is a random one for one sign-in; the owner's own gets the site's.
    assert account.password.startswith("pbkdf2_sha256_one_time$20000$")

    secretary = Client()
    assert signs_in(secretary, username, password)
    first = secretary.get(reverse("home"), follow=True)
    assert first.redirect_chain[-1][0] == reverse("password_change")
    assert (
        "Bạn đang đăng nhập bằng mật khẩu được cấp trên phiếu: hãy đặt mật khẩu của riêng bạn."
        in first.content.decode()
    )
    assert first.context["form"].fields["old_password"].label == "Mật khẩu dùng một lần (trên phiếu mật khẩu)"
    # What is missing is said by the server, in Vietnamese, not by a browser in its own language.
    for page in (first, Client().get(reverse("login"))):
        assert '<form method="post" novalidate>' in page.content.decode()
    wrong = secretary.post(
        reverse("password_change"), {"old_password": "sai", "new_password1": "123", "new_password2": "123"}
    )
    assert wrong.context["form"].errors["old_password"] == [
        "Mật khẩu dùng một lần không đúng; hãy nhập lại đúng như trên phiếu mật khẩu."
    ]
    weak = secretary.post(
        reverse("password_change"), {"old_password": password, "new_password1": "123", "new_password2": "123"}
    )
    assert weak.context["form"].errors["new_password1"] and "new_password2" not in weak.context["form"].errors
    assert "Bạn đang đăng nhập bằng mật khẩu được cấp" in weak.content.decode()  # still said, after a refusal
    # Made without a name, the secretary gives it with the new password: the name comes first on the form.
    assert next(iter(first.context["form"].fields)) == "full_name"
    assert 'autocomplete="name"' in first.content.decode() and first.content.decode().count("autofocus") == 1
    new = {"old_password": password, "new_password1": "Xa-Moi-2026!", "new_password2": "Xa-Moi-2026!"}
    unnamed = secretary.post(reverse("password_change"), {**new, "full_name": "  Hồng  "})
    assert unnamed.context["form"].errors == {"full_name": ["Ghi cả họ và tên, ví dụ: Nguyễn Văn An."]}
    assert User.objects.get(username=username).must_change_password
    done = secretary.post(reverse("password_change"), {**new, "full_name": " lò  thị hồng "}, follow=True)
    assert done.redirect_chain == [(reverse("home"), 302)]  # on to the to-do list, told what changed
    assert [str(m) for m in done.context["messages"]] == [
        "Đã đặt mật khẩu của riêng bạn; từ nay đăng nhập bằng mật khẩu này."
    ]
    changed = User.objects.get(username=username)
    assert not changed.must_change_password
    assert not changed.password.startswith("pbkdf2_sha256_one_time$")
    assert (changed.last_name, changed.first_name, changed.get_full_name()) == ("Lò Thị", "Hồng", "Lò Thị Hồng")
    assert "full_name" not in secretary.get(reverse("password_change")).context["form"].fields  # asked once

    again = client.post(reverse("secretaries_create"), follow=True)
    assert "Mọi đơn vị đã có tài khoản bí thư đang dùng." in again.content.decode()
    assert User.objects.filter(username__startswith="bithu.").count() == 3


def test_an_account_is_closed_not_deleted(staff):
    client, _root, communes = staff
    account = User.objects.create_user("bithu.cu", password="Mat-khau-cu-1", role="secretary", committee=communes[1])
    response = client.post(reverse("account_deactivate", args=[account.pk]), follow=True)
    assert "Đã khóa tài khoản bithu.cu; những gì người này đã làm vẫn được giữ." in response.content.decode()
    account.refresh_from_db()
    assert not account.is_active and not signs_in(Client(), "bithu.cu", "Mat-khau-cu-1")
    closed = Client().post(reverse("login"), {"username": "bithu.cu", "password": "Mat-khau-cu-1"})
    assert closed.context["form"].non_field_errors() == [
        "Tài khoản này đã bị khóa. Hãy liên hệ cán bộ tuyên giáo cấp trên để được mở lại."
    ]
    guessed = Client().post(reverse("login"), {"username": "bithu.cu", "password": "Doan-sai-1"})
    assert "đã bị khóa" not in guessed.content.decode()  # only the right password learns the account is closed
    # A unit whose secretary was closed gets a new account.
    client.post(reverse("secretaries_create"))
    assert User.objects.filter(committee=communes[1], role="secretary", is_active=True).exists()


@pytest.mark.parametrize("target", ["quantri", "lanhdao"])
def test_staff_may_not_close_an_administrator_or_a_leader(client, demo, target):
    account = User.objects.get(username=target)
    client.force_login(User.objects.get(username="tuyengiao"))

    response = client.post(reverse("account_deactivate", args=[account.pk]))

    assert response.status_code == 403
    account.refresh_from_db()
    assert account.is_active
    listed = client.get(reverse("account_list")).content.decode()
    row = re.search(rf'<tr data-account="{target}".*?</tr>', listed, re.S).group()
    assert "Khóa</button>" not in row


def test_a_closed_account_is_reopened_by_staff(client, demo):
    secretary = User.objects.get(username="bithu.taleng")
    client.force_login(User.objects.get(username="tuyengiao"))
    client.post(reverse("account_deactivate", args=[secretary.pk]), follow=True)
    secretary.refresh_from_db()
    assert not secretary.is_active

    response = client.post(reverse("account_reactivate", args=[secretary.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Đã mở lại tài khoản bithu.taleng."]
    # Back at the account's own row: a long list on a phone does not jump to its top.
    assert response.redirect_chain == [(f"{reverse('account_list')}#account-{secretary.pk}", 302)]
    assert f'<tr data-account="bithu.taleng" id="account-{secretary.pk}"' in response.content.decode()
    secretary.refresh_from_db()
    assert secretary.is_active


def test_an_administrator_closes_a_leader(client, demo):
    leader = User.objects.get(username="lanhdao")
    client.force_login(User.objects.get(username="quantri"))
    assert client.post(reverse("account_deactivate", args=[leader.pk])).status_code == 302
    leader.refresh_from_db()
    assert not leader.is_active


def test_an_administrator_sees_and_closes_the_accounts_of_every_district_staff_only_their_own(client, demo):
    other = User.objects.get(username="tuyengiao.tayson")  # Tây Sơn, outside Tam Đường where quantri sits
    client.force_login(User.objects.get(username="quantri"))
    assert "tuyengiao.tayson" in client.get(reverse("account_list")).content.decode()
    assert client.post(reverse("account_deactivate", args=[other.pk]), follow=True).status_code == 200
    other.refresh_from_db()
    assert not other.is_active
    client.force_login(User.objects.get(username="tuyengiao"))
    assert "tuyengiao.tayson" not in client.get(reverse("account_list")).content.decode()
    assert client.post(reverse("account_reactivate", args=[other.pk])).status_code == 404


def test_pressed_twice_at_once_the_second_press_says_so(staff, monkeypatch):
    client, _root, _communes = staff

    def taken(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint accounts_user_username_key")

    monkeypatch.setattr("accounts.views.secretary_accounts_create", taken)
    response = client.post(reverse("secretaries_create"), follow=True)

    assert response.redirect_chain == [(reverse("account_list"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Tài khoản vừa được tạo ở một lần bấm khác: chưa tạo thêm tài khoản nào."
    ]


def test_a_name_is_kept_without_invisible_characters_and_never_grows(staff):
    client = staff[0]
    page = client.post(reverse("secretaries_create"), follow=True).content.decode()
    slip = r'data-account="(bithu\.[^"]+)".*?class="one-time-password">([^<]+)<'
    username, password = re.findall(slip, page, flags=re.S)[0]
    secretary = Client()
    assert signs_in(secretary, username, password)
    new = {"old_password": password, "new_password1": "Xa-Moi-2026!", "new_password2": "Xa-Moi-2026!"}
    typed = "\u202egiàng\u200b a\x07 " + "ﬃ" * 130
    assert secretary.post(reverse("password_change"), {**new, "full_name": typed}).status_code == 302
    kept = User.objects.get(username=username)
    assert (kept.last_name, kept.first_name) == ("Giàng A", "ﬃ" * 130)


def test_a_lost_slip_or_a_forgotten_password_gets_a_new_one_time_password_from_staff(staff):
    client, root, _communes = staff
    page = client.post(reverse("secretaries_create"), follow=True).content.decode()
    username, old = re.findall(r'data-account="(bithu\.[^"]+)".*?class="one-time-password">([^<]+)<', page, re.S)[0]
    secretary = Client()
    for _ in range(5):  # locked out by wrong guesses, and the slip lost
        signs_in(secretary, username, "sai-mat-khau")
    assert not signs_in(secretary, username, old)
    account = User.objects.get(username=username)
    listed = client.get(reverse("account_list")).content.decode()
    assert f'action="{reverse("account_password_reissue", args=[account.pk])}"' in listed

    slip = client.post(reverse("account_password_reissue", args=[account.pk]), follow=True).content.decode()

    [(shown, new)] = re.findall(r'data-account="(bithu\.[^"]+)".*?class="one-time-password">([^<]+)<', slip, re.S)
    assert shown == username and new != old
    assert not signs_in(Client(), username, old)  # the lost one no longer opens the account
    owner = Client()
    assert signs_in(owner, username, new)  # and its lock-out is over
    client.post(reverse("account_password_reissue", args=[account.pk]))  # given again: that session ends
    assert owner.get(reverse("home"))["Location"].startswith(reverse("login"))
    account.refresh_from_db()
    assert account.must_change_password
    leader = User.objects.create_user("lanhdao.moi", role=User.Role.LEADER, committee=root)
    assert client.post(reverse("account_password_reissue", args=[leader.pk])).status_code == 403


def test_reloading_the_slips_shows_the_same_passwords_and_makes_no_new_ones(staff):
    client = staff[0]
    created = client.post(reverse("secretaries_create"))
    assert created.status_code == 302 and created["Location"] == reverse("account_slips")
    first, again = (client.get(reverse("account_slips")) for _ in range(2))
    slip = r'data-account="(bithu\.[^"]+)".*?class="one-time-password">([^<]+)<'
    shown = re.findall(slip, first.content.decode(), re.S)
    assert len(shown) == 3 and re.findall(slip, again.content.decode(), re.S) == shown
    assert "no-store" in again["Cache-Control"]
    account = User.objects.get(username=shown[0][0])
    reissued = client.post(reverse("account_password_reissue", args=[account.pk]))
    assert reissued["Location"] == reverse("account_slips")
    hashed = User.objects.get(pk=account.pk).password
    [(username, password)] = re.findall(slip, client.get(reverse("account_slips")).content.decode(), re.S)
    assert username == account.username and password != shown[0][1]
    assert User.objects.get(pk=account.pk).password == hashed  # the page read again gives no other password
    assert signs_in(Client(), username, password)
    client.post(reverse("account_slips_forget"))
    gone = client.get(reverse("account_slips"), follow=True)
    assert gone.redirect_chain == [(reverse("account_list"), 302)]
    assert "Phiếu mật khẩu không còn được giữ" in gone.content.decode() and password not in gone.content.decode()
