"""Guessing the current password on the password change page is slowed down like signing in."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from accounts.models import User

pytestmark = pytest.mark.django_db

RIGHT, NEW = "HocTap@2024", "Nghi-quyet-moi-2025"
LOCKED = "Bạn đã nhập sai mật khẩu quá nhiều lần."


@pytest.fixture
def staff(client, demo):
    client.force_login(User.objects.get(username="tuyengiao"))
    return client


def change_password(client, old: str, address: str = "10.0.0.7"):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": NEW, "new_password2": NEW},
        REMOTE_ADDR=address,
    )


def password_is(password: str) -> bool:
    return User.objects.get(username="tuyengiao").check_password(password)


def test_five_wrong_current_passwords_lock_the_password_change(staff):
    for _ in range(4):
        wrong = change_password(staff, "sai-mat-khau")
        assert wrong.status_code == 200
        assert "Mật khẩu hiện tại không đúng; hãy nhập lại." in wrong.content.decode()
    locked = change_password(staff, "sai-mat-khau")
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    # Even the right password is refused while locked, and nothing changes.
    refused = change_password(staff, RIGHT)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert password_is(RIGHT)


def test_the_lock_lifts_after_the_cool_off(staff):
    for _ in range(5):
        change_password(staff, "sai-mat-khau")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert change_password(staff, RIGHT).status_code == 302
    assert password_is(NEW)


def test_the_lock_is_per_address(staff):
    for _ in range(5):
        change_password(staff, "sai-mat-khau", address="203.0.113.5")
    assert change_password(staff, RIGHT, address="198.51.100.9").status_code == 302
    assert password_is(NEW)


def test_a_successful_change_clears_the_count(staff):
    for _ in range(4):
        change_password(staff, "sai-mat-khau")
    assert change_password(staff, RIGHT).status_code == 302
    for _ in range(4):
        assert change_password(staff, "sai-mat-khau").status_code == 200


def test_wrong_current_passwords_count_with_failed_sign_ins(staff, client):
    for _ in range(3):
        change_password(staff, "sai-mat-khau")
    client.logout()
    for _ in range(2):
        signed_in = client.post(
            reverse("login"), {"username": "tuyengiao", "password": "sai-mat-khau"}, REMOTE_ADDR="10.0.0.7"
        )
    assert signed_in.status_code == 429


def test_the_passwords_typed_are_never_stored(staff):
    change_password(staff, "sai-mat-khau-bi-mat")
    (attempt,) = AccessAttempt.objects.all()
    assert "sai-mat-khau-bi-mat" not in attempt.post_data
    assert NEW not in attempt.post_data
