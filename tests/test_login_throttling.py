"""Guessing passwords is slowed down: five wrong tries lock the account from that address."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sign_in(client, password: str):
    return client.post(reverse("login"), {"username": "tuyengiao", "password": password}, REMOTE_ADDR="10.0.0.7")


def test_five_wrong_passwords_lock_the_account_out(client, demo):
    for _ in range(4):
        assert sign_in(client, "sai-mat-khau").status_code == 200
    locked = sign_in(client, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Bạn đã nhập sai mật khẩu quá nhiều lần." in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, "HocTap@2024").status_code == 429
    assert client.get(reverse("campaign_list")).status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(client, demo):
    for _ in range(3):
        sign_in(client, "sai-mat-khau")
    assert sign_in(client, "HocTap@2024").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "sai-mat-khau").status_code == 200


def test_passwords_must_be_strong(client, demo):
    from accounts.models import User

    client.force_login(User.objects.get(username="tuyengiao"))
    response = client.post(
        reverse("password_change"),
        {"old_password": "HocTap@2024", "new_password1": "12345678", "new_password2": "12345678"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in content
    assert User.objects.get(username="tuyengiao").check_password("HocTap@2024")
