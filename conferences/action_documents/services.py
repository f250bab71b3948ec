"""Writes of action programmes and plans: each is compared with its superior's plan when it is saved."""

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import User
from conferences.models import ActionDocument, Campaign, Committee
from conferences.similarity import overlap_percent


def _plan_texts(documents: QuerySet[ActionDocument]) -> list[str]:
    """What a unit below is compared with: these documents' plans, or their programmes when there is no plan."""
    by_kind: dict[str, list[str]] = {}
    for kind, text in documents.exclude(text="").values_list("kind", "text"):
        by_kind.setdefault(kind, []).append(text)
    return by_kind.get(ActionDocument.Kind.PLAN) or by_kind.get(ActionDocument.Kind.PROGRAMME) or []


def superior_texts(*, unit: Committee, campaign: Campaign) -> list[str]:
    """The texts of the parent committee's plans for the campaign (its programmes when it wrote no plan);
    none for a committee at the top of its tree. One query."""
    if unit.depth <= 1:
        return []
    parent_path = unit.path[: -unit.steplen]
    return _plan_texts(ActionDocument.objects.filter(unit__path=parent_path, campaign=campaign))


def superior_overlap(text: str, references: list[str]) -> int | None:
    """The highest share of ``text`` found in one of the superior's documents; None with nothing to compare."""
    if not references:
        return None
    return max(overlap_percent(text, reference) for reference in references)


def save_action_document(*, document: ActionDocument, user: User | None) -> ActionDocument:
    """Save a programme or plan with its overlap with the superior's plan; the documents of the units
    directly below, for the same campaign, are compared again with what this committee now wrote."""
    if document.pk is None:
        document.added_by = user
    references = superior_texts(unit=document.unit, campaign=document.campaign)
    document.similarity = superior_overlap(document.text, references)
    with transaction.atomic():
        document.save()
        _compare_units_below(document.unit, document.campaign)
    return document


def _compare_units_below(unit: Committee, campaign: Campaign) -> None:
    below = ActionDocument.objects.filter(
        unit__path__startswith=unit.path, unit__depth=unit.depth + 1, campaign=campaign
    ).only("pk", "text", "similarity")
    documents = list(below)
    if not documents:
        return
    references = _plan_texts(ActionDocument.objects.filter(unit=unit, campaign=campaign))
    for below_document in documents:
        below_document.similarity = superior_overlap(below_document.text, references)
    # A figure derived from texts nobody below changed: no history row for them.
    ActionDocument.objects.bulk_update(documents, ["similarity"])
