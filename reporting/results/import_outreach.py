"""The Front's and the usual organisations' propaganda in the results file: read as the template's figures are
(``outreach:<code>:<figure>``), compared with the rows stored for each result, and written to those rows with
their history, in a fixed number of queries whatever the file's length."""

import datetime
from collections.abc import Mapping

from django.contrib.auth.base_user import AbstractBaseUser

from conferences.models import Campaign, Committee
from reporting.models import Organisation, OrganisationOutreach, UnitResult
from reporting.results.bulk_history import insert_many, record_history, update_many
from reporting.results.template import OUTREACH_FIELDS, outreach_field, outreach_parts

FIGURES = ("sessions", "people")


def stored_outreach(campaign: Campaign, committee: Committee) -> dict[int, dict[str, int]]:
    """The stored figures of the usual organisations in the results of ``committee``'s subtree, by result and
    template field, in one query (by the subtree's path, not a list of thousands of results)."""
    rows = OrganisationOutreach.objects.filter(
        result__campaign=campaign, result__unit__path__startswith=committee.path, organisation__added_by=None
    ).values_list("result_id", "organisation__code", *FIGURES)
    stored: dict[int, dict[str, int]] = {}
    for result_id, code, sessions, people in rows:
        stored.setdefault(result_id, {}).update(
            {outreach_field(code, "sessions"): sessions, outreach_field(code, "people"): people}
        )
    return stored


def given_outreach(figures: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """The organisations a row gives figures for, by code: {"mttq": {"sessions": 3, "people": 120}}."""
    given: dict[str, dict[str, int]] = {}
    for field, value in figures.items():
        if field in OUTREACH_FIELDS:
            code, figure = outreach_parts(field)
            given.setdefault(code, {})[figure] = value
    return given


def outreach_write(
    figures_by_unit: Mapping[int, Mapping[str, int]],
    *,
    campaign: Campaign,
    committee: Committee,
    when: datetime.datetime,
    user: AbstractBaseUser | None,
    reason: str,
) -> None:
    """Writes the organisations' figures each unit's row gives (the results already saved, under ``committee``):
    a row of an organisation updated or added, with history; none added for an organisation that held nothing
    (0 and 0), which the figures read as no row (``OutreachQuerySet.counted``)."""
    given = {unit_id: outreach for unit_id, figures in figures_by_unit.items() if (outreach := given_outreach(figures))}
    if not given:
        return
    results = dict(UnitResult.objects.filter(campaign=campaign, unit_id__in=given).values_list("unit_id", "pk"))
    organisations = _usual({code for outreach in given.values() for code in outreach})
    stored = OrganisationOutreach.objects.filter(
        result__campaign=campaign,
        result__unit__path__startswith=committee.path,
        organisation_id__in=organisations.values(),
    ).values_list("result_id", "organisation_id", "pk", *FIGURES)
    existing = {(result, organisation): (pk, *figures) for result, organisation, pk, *figures in stored}
    wanted = {
        (results[unit_id], organisations[code]): (values["sessions"], values["people"])
        for unit_id, outreach in given.items()
        for code, values in outreach.items()
    }
    # 0 and 0 where there is no row: it held none, which needs no row.
    created = [(*pair, *figures) for pair, figures in wanted.items() if pair not in existing and any(figures)]
    updated = [
        OrganisationOutreach(
            pk=existing[pair][0], result_id=pair[0], organisation_id=pair[1], **dict(zip(FIGURES, figures, strict=True))
        )
        for pair, figures in wanted.items()
        if pair in existing and existing[pair][1:] != figures
    ]
    insert_many(OrganisationOutreach, ("result", "organisation", *FIGURES), created)
    update_many(updated, list(FIGURES))
    history = {"match": "id", "when": when, "user": user, "reason": reason}
    if created:
        new = {(result, organisation) for result, organisation, *_figures in created}
        keys = [pk for result, organisation, pk, *_figures in stored.all() if (result, organisation) in new]  # again
        record_history(OrganisationOutreach, keys=keys, kind="+", **history)
    record_history(OrganisationOutreach, keys=[row.pk for row in updated], kind="~", **history)


def _usual(codes: set[str]) -> dict[str, int]:
    """The usual organisations of ``codes``, by code: their keys."""
    organisations = dict(Organisation.objects.filter(code__in=codes, added_by=None).values_list("code", "pk"))
    if len(organisations) < len(codes):  # a database flushed since its migrations
        Organisation.ensure_defaults()
        organisations = dict(Organisation.objects.filter(code__in=codes, added_by=None).values_list("code", "pk"))
    return organisations
