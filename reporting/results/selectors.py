"""Reads for what units report: the results waiting for staff."""

from django.db.models import QuerySet

from accounts.models import User
from conferences.selectors import visible_committees
from reporting.models import UnitResult


def results_waiting(user: User) -> QuerySet[UnitResult]:
    """Every result sent in and not yet reviewed in ``user``'s subtree, the longest waiting first."""
    return (
        UnitResult.objects.filter(status=UnitResult.Status.SUBMITTED, unit__in=visible_committees(user))
        .select_related("unit", "campaign")
        .order_by("submitted_at", "pk")
    )


def waiting_count(request) -> dict[str, object]:
    """Context processor: how many results wait for this reviewer, counted only when a page shows it."""
    user = request.user
    if not getattr(user, "can_review", False):
        return {}
    count = None

    def waiting() -> int:
        nonlocal count
        if count is None:
            count = results_waiting(user).count()
        return count

    return {"results_waiting": waiting}
