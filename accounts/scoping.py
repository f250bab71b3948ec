"""Who sees what and who may act: the filters and the decorator every view goes through.

Owns: the subtree filter (a user sees their committee's subtree; a unit
secretary only their own unit) and ``requires``. Imports nothing of the
domain: the selectors that list campaigns or conferences live with them.
"""

from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from accounts.models import User

M = TypeVar("M", bound=Model)


def scope_q(user: User, committee_field: str = "") -> Q:
    """A filter on ``committee_field`` (a path to a Committee, '' for Committee itself)."""
    path_lookup = f"{committee_field}__path" if committee_field else "path"
    if user.committee_id is None:
        return Q() if user.is_superuser else Q(pk__in=[])
    path = user.committee.path
    if user.can_edit_results:  # a unit's secretary: that unit alone
        return Q(**{path_lookup: path})
    return Q(**{f"{path_lookup}__startswith": path})


def scoped(queryset: QuerySet[M], user: User, committee_field: str = "") -> QuerySet[M]:
    return queryset.filter(scope_q(user, committee_field))


def requires(flag: str):
    """Signed in (else to the login page) and ``user.<flag>`` true (else 403), e.g. ``@requires("can_sign")``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(request.user, flag):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
