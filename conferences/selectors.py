"""Reads for what happens: the attendance grid."""

from django.db.models import QuerySet

from conferences.models import Committee, Conference
from conferences.services import GridRow


def attendance_grid_rows(*, conference: Conference, committees: QuerySet[Committee]) -> list[GridRow]:
    """One row per site or unit taking part, within ``committees``.

    An online conference lists its video-link sites, a unit's attendance on
    the first row of its sites; one without sites lists the units directly
    under its host.
    """
    attendance = {a.unit_id: a for a in conference.attendances.filter(unit__in=committees).select_related("site")}
    conference_sites = (
        conference.conference_sites.filter(site__committee__in=committees)
        .select_related("site__committee")
        .order_by("site__committee__path", "site__name")
    )
    by_unit: dict[int, list] = {}
    for conference_site in conference_sites:
        by_unit.setdefault(conference_site.site.committee_id, []).append(conference_site)
    rows: list[GridRow] = []
    for unit_sites in by_unit.values():
        unit = unit_sites[0].site.committee
        recorded = attendance.get(unit.pk)
        # The unit's attendance goes on the row of the site it was recorded at, else its first site.
        unit_sites.sort(key=lambda cs: recorded is None or cs.site_id != recorded.site_id)
        rows.append(GridRow(unit, unit_sites[0].site, unit_sites[0], recorded))
        rows.extend(GridRow(unit, cs.site, cs, None, records_attendance=False) for cs in unit_sites[1:])
    if not rows and conference.host_id is not None:
        host = conference.host
        units = committees.filter(path__startswith=host.path, depth=host.depth + 1).order_by("path")
        rows = [GridRow(unit, None, None, attendance.get(unit.pk)) for unit in units]
    return rows
