"""Who sees what: the one helper every view and queryset goes through.

A user sees their committee's subtree; a unit secretary only their own unit.
Objects outside the scope are answered with 404, as if they did not exist.
"""

from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from accounts.models import User
from conferences.models import Campaign, Committee, Conference

Role = User.Role
M = TypeVar("M", bound=Model)


def scope_q(user: User, committee_field: str = "") -> Q:
    """A filter on ``committee_field`` (a path to a Committee, '' for Committee itself)."""
    path_lookup = f"{committee_field}__path" if committee_field else "path"
    if user.committee_id is None:
        return Q() if user.is_superuser else Q(pk__in=[])
    path = user.committee.path
    if user.role == Role.UNIT_SECRETARY:
        return Q(**{path_lookup: path})
    return Q(**{f"{path_lookup}__startswith": path})


def scoped(queryset: QuerySet[M], user: User, committee_field: str = "") -> QuerySet[M]:
    return queryset.filter(scope_q(user, committee_field))


def visible_committees(user: User) -> QuerySet[Committee]:
    return scoped(Committee.objects.all(), user)


def in_scope(user: User, committee_id: int | None) -> bool:
    """Whether the committee lies in the user's scope; None (the centre, outside every tree) only for superusers."""
    if committee_id is None:
        return user.is_superuser
    return visible_committees(user).filter(pk=committee_id).exists()


def ancestor_paths(committee: Committee) -> list[str]:
    step = Committee.steplen
    return [committee.path[:end] for end in range(step, len(committee.path) + 1, step)]


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns run in the user's scope, or above it and so reaching it."""
    if user.committee_id is None:
        return Campaign.objects.all() if user.is_superuser else Campaign.objects.none()
    above = Q(committee__path__in=ancestor_paths(user.committee))
    return Campaign.objects.filter(above | scope_q(user, "committee")).select_related("committee")


def visible_conferences(user: User) -> QuerySet[Conference]:
    """Conferences of visible campaigns, hosted in the user's scope, above it, or by the centre."""
    if user.committee_id is None:
        return Conference.objects.all() if user.is_superuser else Conference.objects.none()
    host_ok = Q(host__isnull=True) | Q(host__path__in=ancestor_paths(user.committee)) | scope_q(user, "host")
    return Conference.objects.filter(host_ok, campaign__in=visible_campaigns(user))


def role_required(*roles: str):
    """Signed in (else to the login page) and holding one of ``roles`` (else 403).

    Administrators hold every role.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role not in (*roles, Role.ADMINISTRATOR):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


STAFF = (Role.PROPAGANDA_STAFF,)
READERS = (Role.PROPAGANDA_STAFF, Role.LEADER)
EVERYONE = (Role.PROPAGANDA_STAFF, Role.LEADER, Role.UNIT_SECRETARY)
