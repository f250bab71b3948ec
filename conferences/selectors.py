"""Reads for what happens: what a user may see of it, and the attendance grid."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import scope_q, scoped
from conferences.models import ActionDocument, Attendance, Campaign, Committee, Conference, ConferenceSite
from conferences.models.committees import existed_between
from conferences.services import ATTENDANCE_FIELDS, GridRow
from conferences.similarity import COPIED_PERCENT


def visible_committees(user: User) -> QuerySet[Committee]:
    return scoped(Committee.objects.all(), user)


def in_scope(user: User, committee_id: int | None) -> bool:
    """Whether the committee lies in the user's scope; None (the centre, outside every tree) only for superusers."""
    if committee_id is None:
        return user.is_superuser
    return visible_committees(user).filter(pk=committee_id).exists()


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns run in the user's scope, or above it and so reaching it."""
    if user.committee_id is None:
        return Campaign.objects.all() if user.is_superuser else Campaign.objects.none()
    above = Q(committee__path__in=user.committee.ancestor_paths())
    return Campaign.objects.filter(above | scope_q(user, "committee")).select_related("committee")


def visible_conferences(user: User) -> QuerySet[Conference]:
    """Conferences of visible campaigns, hosted in the user's scope, above it, or by the centre."""
    if user.committee_id is None:
        return Conference.objects.all() if user.is_superuser else Conference.objects.none()
    host_ok = Q(host__isnull=True) | Q(host__path__in=user.committee.ancestor_paths()) | scope_q(user, "host")
    return Conference.objects.filter(host_ok, campaign__in=visible_campaigns(user))


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
        day = conference.date
        units = committees.units_under(host).filter(existed_between(day, day) | Q(pk__in=list(attendance)))
        rows = [GridRow(unit, None, None, attendance.get(unit.pk)) for unit in units.order_by("path")]
    return rows


def _per_conference(rows: QuerySet, total) -> Coalesce:
    """``total`` over ``rows`` (correlated to the conference), 0 when there are none."""
    return Coalesce(Subquery(rows.order_by().values("conference").annotate(total=total).values("total")), 0)


def with_totals(conferences: QuerySet[Conference], committees: QuerySet[Committee]) -> QuerySet[Conference]:
    """Each conference with what happened within ``committees``, computed in the database from its rows:
    ``site_count`` (video-link sites where someone attended), ``delegates`` (every kind of attendee, every
    site) and ``incidents`` (sites that lost sound or picture)."""
    attendance = Attendance.objects.filter(conference=OuterRef("pk"), unit__in=committees)
    lost = ConferenceSite.objects.filter(conference=OuterRef("pk"), site__committee__in=committees).filter(
        Q(sound_lost=True) | Q(picture_lost=True)
    )
    return conferences.annotate(
        site_count=_per_conference(attendance.filter(site__isnull=False), Count("site", distinct=True)),
        delegates=_per_conference(
            attendance, Sum(F("party_members_attended") + F("non_members_attended") + F("others"))
        ),
        incidents=_per_conference(lost, Count("pk")),
    )


def grid_totals(conference: Conference, committees: QuerySet[Committee]) -> dict[str, object]:
    """The attendance grid's footer: each figure's sum over the stored rows within ``committees``, and the
    conference's sites and delegates there (two queries)."""
    sums = Attendance.objects.filter(conference=conference, unit__in=committees).aggregate(
        **{field: Coalesce(Sum(field), 0) for field in ATTENDANCE_FIELDS}
    )
    totals = with_totals(Conference.objects.filter(pk=conference.pk), committees).values("site_count", "delegates")
    return {"column_totals": list(sums.items()), "totals": totals.get()}


@dataclass(frozen=True)
class LineQuality:
    """How the video links held over some conferences, counted per site and conference (lượt điểm cầu)."""

    site_turns: int
    lost: int  # sound or picture lost
    tested: int  # a line test done beforehand, passed or not
    failed: int  # of those, tests the line did not pass


def line_quality(conferences: QuerySet[Conference], committees: QuerySet[Committee]) -> LineQuality:
    """The links of ``conferences`` at the sites of ``committees``, in one aggregate."""
    totals = ConferenceSite.objects.filter(conference__in=conferences, site__committee__in=committees).aggregate(
        site_turns=Count("pk"),
        lost=Count("pk", filter=Q(sound_lost=True) | Q(picture_lost=True)),
        tested=Count("pk", filter=~Q(line_test=ConferenceSite.LineTest.PENDING)),
        failed=Count("pk", filter=Q(line_test=ConferenceSite.LineTest.FAILED)),
    )
    return LineQuality(**totals)


def visible_action_documents(user: User) -> QuerySet[ActionDocument]:
    """Programmes and plans of the units in the user's scope (a secretary's: their own unit's)."""
    return scoped(ActionDocument.objects.all(), user, "unit")


def action_document_tally(documents: QuerySet[ActionDocument]) -> dict[str, int]:
    """How many of ``documents`` are programmes, plans, and copied from the superior's plan; one aggregate."""
    return documents.aggregate(
        programmes=Count("pk", filter=Q(kind=ActionDocument.Kind.PROGRAMME)),
        plans=Count("pk", filter=Q(kind=ActionDocument.Kind.PLAN)),
        copied=Count("pk", filter=Q(similarity__gte=COPIED_PERCENT)),
    )


@dataclass(frozen=True)
class ActionDocumentCounts:
    """Chương trình hành động, kế hoạch thực hiện a committee and the units below it wrote in a period."""

    own_programmes: int  # of the committee itself
    own_plans: int
    below_programmes: int  # of the units below it (its whole subtree but itself)
    below_plans: int


def action_document_counts(committee: Committee, starts_on: date, ends_on: date) -> ActionDocumentCounts:
    """The documents of ``committee``'s subtree issued in [starts_on, ends_on], in one aggregate."""
    own, below = Q(unit=committee), ~Q(unit=committee)
    programme, plan = Q(kind=ActionDocument.Kind.PROGRAMME), Q(kind=ActionDocument.Kind.PLAN)
    totals = ActionDocument.objects.filter(
        unit__path__startswith=committee.path, issued_on__range=(starts_on, ends_on)
    ).aggregate(
        own_programmes=Count("pk", filter=own & programme),
        own_plans=Count("pk", filter=own & plan),
        below_programmes=Count("pk", filter=below & programme),
        below_plans=Count("pk", filter=below & plan),
    )
    return ActionDocumentCounts(**totals)


def copied_documents(committee: Committee, starts_on: date, ends_on: date) -> list[ActionDocument]:
    """Documents of the units strictly below ``committee``, issued in the period, that repeat their
    superior's plan (at least ``COPIED_PERCENT``), by unit; one query."""
    documents = ActionDocument.objects.filter(
        unit__path__startswith=committee.path,
        unit__depth__gt=committee.depth,
        issued_on__range=(starts_on, ends_on),
        similarity__gte=COPIED_PERCENT,
    )
    return list(documents.select_related("unit").order_by("unit__path", "issued_on"))


def absentee_mismatch(attendance: Attendance) -> str:
    """A warning when the absentee list does not match the grid's absent count (one query), '' when it does."""
    listed = attendance.absentees.aggregate(
        members=Count("pk", filter=Q(is_party_member=True)), others=Count("pk", filter=Q(is_party_member=False))
    )
    members = attendance.party_members_expected - attendance.party_members_attended
    others = attendance.non_members_expected - attendance.non_members_attended
    if (listed["members"], listed["others"]) == (members, others):
        return ""
    return _(
        "Bảng tham dự ghi %(members)d đảng viên và %(others)d người chưa là đảng viên vắng mặt, nhưng danh sách có "
        "%(listed_members)d đảng viên và %(listed_others)d người chưa là đảng viên: kiểm tra lại."
    ) % {"members": members, "others": others, "listed_members": listed["members"], "listed_others": listed["others"]}
