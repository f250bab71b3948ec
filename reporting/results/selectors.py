"""Reads for what units report: the results waiting for staff."""

from django.db.models import OuterRef, QuerySet, Subquery, Sum

from accounts.models import User
from conferences.selectors import visible_committees
from reporting.models import OrganisationOutreach, UnitResult


def results_waiting(user: User) -> QuerySet[UnitResult]:
    """Every result sent in and not yet reviewed in ``user``'s subtree, the longest waiting first."""
    return (
        UnitResult.objects.filter(status=UnitResult.Status.SUBMITTED, unit__in=visible_committees(user))
        .select_related("unit", "campaign")
        .order_by("submitted_at", "pk")
    )


def with_outreach_totals(results: QuerySet[UnitResult]) -> QuerySet[UnitResult]:
    """``results`` with the sessions and people their organisations reported (``outreach_sessions``,
    ``outreach_people``), in the same query."""
    rows = OrganisationOutreach.objects.filter(result=OuterRef("pk")).order_by().values("result")
    return results.annotate(
        outreach_sessions=Subquery(rows.annotate(total=Sum("sessions")).values("total")),
        outreach_people=Subquery(rows.annotate(total=Sum("people")).values("total")),
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


def result_history(result: UnitResult, *, latest: int = 30) -> list:
    """What changed on a unit's result, its own figures and its organisations' (the Front's, the unions'), the
    latest first: two queries."""
    own = result.history.select_related("history_user").order_by("-history_date")[:latest]
    organisations = (
        OrganisationOutreach.history.filter(result_id=result.pk)
        .select_related("history_user", "organisation")
        .order_by("-history_date")[:latest]
    )
    return sorted([*own, *organisations], key=lambda entry: entry.history_date, reverse=True)[:latest]
