"""Accounts in bulk: a secretary for every unit that has none, or the people of a sheet; each account with a
password for one sign-in only."""

import secrets

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.hashers import OneTimePasswordHasher
from accounts.models import User

# Letters and digits a person copies from paper without confusing them (no 0/O, 1/l/I).
READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 10


def one_time_password() -> str:
    return "".join(secrets.choice(READABLE) for _ in range(PASSWORD_LENGTH))


def account_create(*, username: str, role: str, committee, full_name: str = "", email: str = "") -> tuple[User, str]:
    """A new account with a one-time password, changed at the first sign-in; returns it with that password
    (shown once, never stored). ``full_name`` in the Vietnamese order: family name first, given name last."""
    password = one_time_password()
    user = User(
        username=User.normalize_username(username),
        email=User.objects.normalize_email(email),
        password=make_password(password, hasher=OneTimePasswordHasher.algorithm),
        role=role,
        committee=committee,
        must_change_password=True,
    )
    user.set_full_name(full_name)
    user.save()
    return user, password


@transaction.atomic
def secretary_accounts_create(*, committee) -> list[tuple[User, str]]:
    """An account ``bithu.<unit code>`` for each unit below ``committee`` without an active secretary, with a
    one-time password changed at the first sign-in; returns them with their passwords (shown once)."""
    # Not for a unit dissolved or merged into another: nobody reports for it any more.
    today = timezone.localdate()
    units = committee.subtree().still_there_on(today).filter(depth__gt=committee.depth).order_by("path")
    served = set(
        User.objects.filter(role=User.Role.UNIT_SECRETARY, is_active=True, committee__in=units).values_list(
            "committee_id", flat=True
        )
    )
    taken = set(User.objects.filter(username__startswith="bithu.").values_list("username", flat=True))
    created = []
    for unit in units:
        if unit.pk in served:
            continue
        username, n = f"bithu.{unit.code}", 2
        while username in taken:
            username, n = f"bithu.{unit.code}-{n}", n + 1
        taken.add(username)
        created.append(account_create(username=username, role=User.Role.UNIT_SECRETARY, committee=unit))
    return created


def account_password_reissue(*, user: User) -> str:
    """A new one-time password for ``user`` (a slip lost, or the password forgotten), changed at the next sign-in;
    the old password and every session opened with it end (Django ties a session to the password). Returned to
    be shown once, never stored."""
    password = one_time_password()
    user.password = make_password(password, hasher=OneTimePasswordHasher.algorithm)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return password


def account_set_active(*, user: User, active: bool) -> None:
    """An account is closed (and reopened), never deleted: what its owner did stays theirs."""
    user.is_active = active
    user.save(update_fields=["is_active"])
