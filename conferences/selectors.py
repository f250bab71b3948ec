"""Reads for what happens: the attendance grid."""

from django.db.models import QuerySet

from conferences.models import Committee, Conference
from conferences.services import GridRow


def attendance_grid_rows(*, conference: Conference, committees: QuerySet[Committee]) -> list[GridRow]:
    """One row per unit taking part, within ``committees``.

    An online conference lists the units owning its video-link sites; one
    without sites lists the units directly under its host.
    """
    attendance = {a.unit_id: a for a in conference.attendances.filter(unit__in=committees).select_related("site")}
    conference_sites = (
        conference.conference_sites.filter(site__committee__in=committees)
        .select_related("site__committee")
        .order_by("site__committee__path", "site__name")
    )
    rows: dict[int, GridRow] = {}
    for conference_site in conference_sites:
        unit = conference_site.site.committee
        rows.setdefault(unit.pk, GridRow(unit, conference_site.site, conference_site, attendance.get(unit.pk)))
    if not rows and conference.host_id is not None:
        host = conference.host
        units = committees.filter(path__startswith=host.path, depth=host.depth + 1).order_by("path")
        rows = {unit.pk: GridRow(unit, None, None, attendance.get(unit.pk)) for unit in units}
    return list(rows.values())
