"""Writes of action programmes and plans: each is compared with its superior's plan when it is saved.

What a save costs is bounded: each text is read up to ``MAX_COMPARED_CHARS`` and shingled once, however many
texts it is compared with, and a unit keeps at most ``MAX_DOCUMENTS_PER_CAMPAIGN`` documents a campaign, so
the documents of the units below that a committee's save compares again are bounded too.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Substr

from accounts.models import User
from conferences.freezing import frozen_in, frozen_periods
from conferences.models import ActionDocument, Campaign, Committee
from conferences.similarity import MAX_COMPARED_CHARS, containment, shingles

# A unit writes a programme and a plan for a campaign, a few more at most.
MAX_DOCUMENTS_PER_CAMPAIGN = 20

Shingles = frozenset[tuple[str, ...]]


def _compared(documents: QuerySet[ActionDocument]) -> QuerySet[ActionDocument]:
    """The documents with ``compared``, the part of their text that is compared (never all of a long one)."""
    return documents.annotate(compared=Substr("text", 1, MAX_COMPARED_CHARS))


def _plan_shingles(documents: QuerySet[ActionDocument]) -> list[Shingles]:
    """What a unit below is compared with: these documents' plans, or their programmes when there is no plan."""
    by_kind: dict[str, list[str]] = {}
    for kind, text in _compared(documents.exclude(text="")).values_list("kind", "compared"):
        by_kind.setdefault(kind, []).append(text)
    texts = by_kind.get(ActionDocument.Kind.PLAN) or by_kind.get(ActionDocument.Kind.PROGRAMME) or []
    return [shingles(text) for text in texts]


def superior_shingles(*, unit: Committee, campaign: Campaign) -> list[Shingles]:
    """The shingles of the parent committee's plans for the campaign (its programmes when it wrote no plan);
    none for a committee at the top of its tree. One query."""
    if unit.depth <= 1:
        return []
    parent_path = unit.path[: -unit.steplen]
    return _plan_shingles(ActionDocument.objects.filter(unit__path=parent_path, campaign=campaign))


def superior_overlap(text: str, references: list[Shingles]) -> int | None:
    """The highest share of ``text`` found in one of the superior's documents; None with nothing to compare."""
    if not references:
        return None
    own = shingles(text)
    return max(containment(own, reference) for reference in references)


def save_action_document(*, document: ActionDocument, user: User | None) -> ActionDocument:
    """Save a programme or plan with its overlap with the superior's plan; the documents of the units
    directly below, for the same campaign, are compared again with what this committee now wrote."""
    if document.pk is None:
        document.added_by = user
    references = superior_shingles(unit=document.unit, campaign=document.campaign)
    document.similarity = superior_overlap(document.text, references)
    with transaction.atomic():
        document.save()
        _compare_units_below(document.unit, document.campaign)
    return document


def _compare_units_below(unit: Committee, campaign: Campaign) -> None:
    """The documents of the units directly below compared again; those a signed document counted keep the share
    it counted."""
    below = ActionDocument.objects.filter(
        unit__path__startswith=unit.path, unit__depth=unit.depth + 1, campaign=campaign
    )
    periods = frozen_periods(unit)
    rows = [
        (document.pk, document.compared)
        for document in _compared(below).select_related("unit").only("issued_on", "unit__path")
        if frozen_in(periods, document.unit, document.issued_on) is None
    ]
    if not rows:
        return
    references = _plan_shingles(ActionDocument.objects.filter(unit=unit, campaign=campaign))
    documents = [ActionDocument(pk=pk, similarity=superior_overlap(text, references)) for pk, text in rows]
    # A figure derived from texts nobody below changed: no history row for them.
    ActionDocument.objects.bulk_update(documents, ["similarity"])
