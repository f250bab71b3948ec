"""Synthetic data at province and nation size: what to generate, generating it, and removing it.

The tree follows the 2025 reform: a national root (``toan-quoc``), provinces
(``p07``), communes and wards (``p07-x042``) and their party cells
(``p07-x042-c03``); no districts. Each commune and province has a video-link
site; each campaign has one online conference from the centre that every
commune and province follows, and results from the communes (and from the
cells that report on their own), some late, some missing, some low.
"""

import datetime
import random
from dataclasses import dataclass, fields

from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from benchmarks.scale.bulk import bulk_insert, purge, refresh_statistics
from benchmarks.scale.committees import Province, build_province, province_code, video_sites
from conferences.models.attendance import Absentee, Attendance
from conferences.models.campaigns import Campaign, DirectingDocument
from conferences.models.committees import Committee
from conferences.models.conferences import Conference, ConferenceSite, PreparationStep
from conferences.models.sites import VideoSite
from conferences.models.terms import Term
from reporting.models import IssuedNumber, NumberRegister, Organisation, OrganisationOutreach, Report, UnitResult

ROOT_CODE = "toan-quoc"
CAMPAIGN_PREFIX = "scale-"
FIRST_CAMPAIGN_START = datetime.date(2025, 7, 1)
# Submissions arrive at 09:00 in Hà Nội (02:00 UTC): far from midnight, so the day is never in doubt.
SUBMISSION_TIME = datetime.time(2, 0, tzinfo=datetime.UTC)


class ScaleDataExists(Exception):
    """The synthetic codes are taken; the message says how to replace them, in Vietnamese."""


@dataclass(frozen=True)
class ScaleSpec:
    provinces: int
    communes_per_province: int
    cells_per_commune: int
    campaigns: int
    seed: int


@dataclass
class ScaleSummary:
    committees: int = 0
    party_members: int = 0
    video_sites: int = 0
    campaigns: int = 0
    conferences: int = 0
    conference_sites: int = 0
    attendances: int = 0
    unit_results: int = 0
    outreach: int = 0

    def add(self, other: "ScaleSummary") -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


@dataclass(frozen=True)
class ScaleCampaign:
    """A campaign and its one online conference from the centre."""

    campaign: Campaign
    conference: Conference


def scale_root() -> Committee | None:
    return Committee.objects.filter(code=ROOT_CODE).first()


def scale_generate(*, spec: ScaleSpec, replace: bool = False) -> ScaleSummary:
    """The whole synthetic nation in one transaction; raises ScaleDataExists unless ``replace``."""
    with transaction.atomic():
        taken = _taken_codes(spec)
        if taken and not replace:
            raise ScaleDataExists(
                _("Dữ liệu mô phỏng đã có (mã %(codes)s). Chạy lại với --replace để xóa và tạo lại.")
                % {"codes": ", ".join(f"“{code}”" for code in taken[:5])}
            )
        scale_delete()
        Organisation.ensure_defaults()
        root = Committee.objects.add_root(
            {
                "code": ROOT_CODE,
                "kind": Committee.Kind.PROVINCE,  # no national kind; the root only groups the provinces
                "name": "Ban Chấp hành Trung ương Đảng",
                "short_name": "Toàn quốc",
                "printed_name": "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "abbreviation": "TW",
                "place_name": "Hà Nội",
            }
        )
        campaigns = [_campaign(root, number) for number in range(1, spec.campaigns + 1)]
        summary = scale_add_provinces(
            root=root,
            campaigns=campaigns,
            count=spec.provinces,
            communes=spec.communes_per_province,
            cells_per_commune=spec.cells_per_commune,
            seed=spec.seed,
        )
        summary.committees += 1
        summary.campaigns = summary.conferences = len(campaigns)
        return summary


def scale_campaigns() -> list[ScaleCampaign]:
    """The synthetic campaigns, each with its conference, in code order."""
    conferences = Conference.objects.filter(
        campaign__code__startswith=CAMPAIGN_PREFIX, campaign__committee__code=ROOT_CODE
    ).select_related("campaign")
    return sorted(
        (ScaleCampaign(conference.campaign, conference) for conference in conferences),
        key=lambda item: int(item.campaign.code.removeprefix(CAMPAIGN_PREFIX)),
    )


def scale_add_provinces(
    *,
    root: Committee,
    campaigns: list[ScaleCampaign],
    count: int,
    communes: int,
    cells_per_commune: int,
    seed: int,
) -> ScaleSummary:
    """``count`` more provinces under the root, with their data for every campaign.

    Each province draws from its own generator, seeded by the seed and its
    number, so a province is the same whatever else is generated.
    """
    organisations = list(Organisation.objects.order_by("order", "name"))
    summary = ScaleSummary()
    with transaction.atomic():
        root = Committee.objects.select_for_update().get(pk=root.pk)
        first = root.numchild + 1
        for number in range(first, first + count):
            rng = random.Random(f"{seed}-{number}")
            summary.add(_province(root, number, communes, cells_per_commune, campaigns, organisations, rng))
        Committee.objects.filter(pk=root.pk).update(numchild=root.numchild + count)
    refresh_statistics()
    return summary


def _taken_codes(spec: ScaleSpec) -> list[str]:
    codes = [ROOT_CODE, *(province_code(number) for number in range(1, spec.provinces + 1))]
    campaign_codes = [f"{CAMPAIGN_PREFIX}{number}" for number in range(1, spec.campaigns + 1)]
    return [
        *Committee.objects.filter(code__in=codes).order_by("path").values_list("code", flat=True),
        *Campaign.objects.filter(code__in=campaign_codes).order_by("code").values_list("code", flat=True),
    ]


def _campaign(root: Committee, number: int) -> ScaleCampaign:
    starts_on = FIRST_CAMPAIGN_START + datetime.timedelta(days=35 * (number - 1))
    campaign = Campaign.objects.create(
        code=f"{CAMPAIGN_PREFIX}{number}",
        name=f"Nghị quyết Hội nghị lần thứ {number} Ban Chấp hành Trung ương Đảng khóa XIV (mô phỏng)",
        short_name=f"Nghị quyết Trung ương {number}",
        committee=root,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=60),
        reporting_deadline=starts_on + datetime.timedelta(days=40),
    )
    conference = Conference.objects.create(
        campaign=campaign,
        title=f"Hội nghị trực tuyến toàn quốc quán triệt {campaign.short_name}",
        level=Conference.Level.CENTRE,
        format=Conference.Format.ONLINE,
        date=starts_on + datetime.timedelta(days=3),
        audience="ủy viên Ban Chấp hành, bí thư chi bộ, cán bộ, công chức",
    )
    return ScaleCampaign(campaign, conference)


def _province(
    root: Committee,
    number: int,
    communes: int,
    cells_per_commune: int,
    campaigns: list[ScaleCampaign],
    organisations: list[Organisation],
    rng: random.Random,
) -> ScaleSummary:
    province = build_province(root, number, communes, cells_per_commune, rng)
    committees = province.committees
    bulk_insert(Committee, committees)
    sites = video_sites(province)
    bulk_insert(VideoSite, sites)

    summary = ScaleSummary(
        committees=len(committees),
        party_members=sum(committee.party_members for committee in committees),
        video_sites=len(sites),
    )
    for item in campaigns:
        summary.add(_campaign_data(item, province, sites, organisations, rng))
    return summary


def _campaign_data(
    item: ScaleCampaign,
    province: Province,
    sites: list[VideoSite],
    organisations: list[Organisation],
    rng: random.Random,
) -> ScaleSummary:
    conference = item.conference
    conference_sites = [
        ConferenceSite(
            conference=conference,
            site=site,
            line_test=ConferenceSite.LineTest.PASSED if rng.random() < 0.97 else ConferenceSite.LineTest.FAILED,
            sound_lost=rng.random() < 0.02,
            picture_lost=rng.random() < 0.01,
        )
        for site in sites
    ]
    bulk_insert(ConferenceSite, conference_sites)
    owners = [province.committee, *(unit.committee for unit in province.communes)]
    attendances = [_attendance(conference, owner, site, rng) for owner, site in zip(owners, sites, strict=True)]
    bulk_insert(Attendance, attendances)

    results: list[UnitResult] = []
    for unit in province.communes:
        own_cells = [cell for cell in unit.cells if cell not in unit.reporting_cells]
        results += filter(None, [_result(item.campaign, unit.committee, own_cells, rng)])
        results += filter(None, (_result(item.campaign, cell, [], rng) for cell in unit.reporting_cells))
    bulk_insert(UnitResult, results)
    outreach = [row for result in results for row in _outreach(result, organisations, rng)]
    bulk_insert(OrganisationOutreach, outreach)
    return ScaleSummary(
        conference_sites=len(conference_sites),
        attendances=len(attendances),
        unit_results=len(results),
        outreach=len(outreach),
    )


def _attendance(conference: Conference, unit: Committee, site: VideoSite, rng: random.Random) -> Attendance:
    large = unit.kind == Committee.Kind.PROVINCE
    party_members = rng.randint(80, 200) if large else rng.randint(20, 45)
    non_members = rng.randint(20, 60) if large else rng.randint(5, 20)
    return Attendance(
        conference=conference,
        unit=unit,
        site=site,
        party_members_expected=party_members,
        party_members_attended=party_members - rng.randint(0, 3),
        non_members_expected=non_members,
        non_members_attended=non_members - rng.randint(0, 2),
        others=rng.randint(0, 10),
    )


def _result(campaign: Campaign, unit: Committee, cells: list[Committee], rng: random.Random) -> UnitResult | None:
    """The unit's result for its own members and those of ``cells``; None when it sent nothing."""
    submission = _submission(campaign, rng)
    if submission is None:
        return None
    status, submitted_at = submission
    return UnitResult(
        campaign=campaign,
        unit=unit,
        status=status,
        submitted_at=submitted_at,
        first_submitted_at=submitted_at,
        reviewed_at=submitted_at + datetime.timedelta(days=1)
        if submitted_at and status == UnitResult.Status.ACCEPTED
        else None,
        return_reason="Số liệu đảng viên chưa khớp với danh sách." if status == UnitResult.Status.RETURNED else "",
        **_figures(campaign, unit, cells, rng),
    )


def _submission(campaign: Campaign, rng: random.Random) -> tuple[str, datetime.datetime | None] | None:
    """How far the unit got: None when it sent nothing, else its status and when it submitted."""
    standing = rng.random()
    if standing < 0.03:
        return None
    if standing < 0.05:
        return UnitResult.Status.DRAFT, None
    late = 0.07 <= standing < 0.17
    days = rng.randint(1, 10) if late else -rng.randint(0, 20)
    submitted_on = campaign.reporting_deadline + datetime.timedelta(days=days)
    status = (
        UnitResult.Status.RETURNED
        if standing < 0.07
        else UnitResult.Status.ACCEPTED
        if rng.random() < 0.7
        else UnitResult.Status.SUBMITTED
    )
    return status, datetime.datetime.combine(submitted_on, SUBMISSION_TIME)


def _figures(campaign: Campaign, unit: Committee, cells: list[Committee], rng: random.Random) -> dict[str, object]:
    """The result's figures, by UnitResult field, for the unit's own members and those of ``cells``."""
    # One unit in twelve studies too little: below the 95% threshold.
    rate = rng.uniform(0.80, 0.94) if rng.random() < 0.08 else rng.uniform(0.955, 1.0)
    party_members = unit.party_members + sum(cell.party_members for cell in cells)
    non_members = unit.non_member_staff + sum(cell.non_member_staff for cell in cells)
    pm_attended, nm_attended = round(party_members * rate), round(non_members * rng.uniform(0.95, 1.0))
    is_cell = unit.kind == Committee.Kind.CELL
    replay = int(rng.random() < (0.5 if is_cell else 0.7))
    in_person = int(rng.random() < 0.5)
    sessions = rng.randint(1, 8)
    news, articles = rng.randint(0, 4), rng.randint(0, 2)
    held_from = campaign.starts_on + datetime.timedelta(days=3)
    return {
        "conferences_online": 0 if is_cell else 1,
        "conferences_in_person": in_person,
        "conferences_replay": replay,
        "cell_meetings": 1 if is_cell else len(cells),
        "party_members_total": party_members,
        "party_members_attended": pm_attended,
        "non_members_total": non_members,
        "non_members_attended": nm_attended,
        "people": pm_attended + nm_attended + rng.randint(0, 60),
        "propaganda_sessions": sessions,
        "propaganda_people": sessions * rng.randint(40, 150),
        "radio_tv_news": news,
        "radio_tv_articles": articles,
        "radio_tv_minutes": (news + articles) * rng.randint(3, 10),
        "action_programmes": 0 if is_cell else 1,
        "implementation_plans": 1,
        "held_from": held_from,
        "held_to": held_from + datetime.timedelta(days=rng.randint(5, 30)),
    }


def _outreach(result: UnitResult, organisations: list[Organisation], rng: random.Random) -> list[OrganisationOutreach]:
    """Two communes in five report the Front's and mass organisations' sessions."""
    if result.unit.kind == Committee.Kind.CELL or rng.random() >= 0.4:
        return []
    rows = []
    for organisation in rng.sample(organisations, rng.randint(1, min(3, len(organisations)))):
        sessions = rng.randint(1, 6)
        rows.append(
            OrganisationOutreach(
                result=result, organisation=organisation, sessions=sessions, people=sessions * rng.randint(20, 120)
            )
        )
    return rows


def scale_delete() -> None:
    """Remove the synthetic tree and everything recorded on it or its campaigns.

    Rows go by plain DELETEs: per-row deletion would write a history record
    for each of them (django-simple-history), for data that never was real.
    Accounts of the synthetic committees are deleted the ordinary way, as other rows may point at them.
    """
    root = scale_root()
    if root is None:
        return
    tree = Committee.objects.filter(path__startswith=root.path)
    campaigns = Campaign.objects.filter(committee__in=tree)
    conferences = Conference.objects.filter(models.Q(campaign__in=campaigns) | models.Q(host__in=tree))
    results = UnitResult.objects.filter(models.Q(campaign__in=campaigns) | models.Q(unit__in=tree))
    attendances = Attendance.objects.filter(models.Q(conference__in=conferences) | models.Q(unit__in=tree))
    reports = Report.objects.filter(models.Q(campaign__in=campaigns) | models.Q(committee__in=tree))
    registers = NumberRegister.objects.filter(committee__in=tree)
    User.objects.filter(committee__in=tree).delete()
    purge(
        [
            UnitResult.history.filter(models.Q(campaign__in=campaigns) | models.Q(unit__in=tree)),
            OrganisationOutreach.history.filter(result_id__in=results.values("pk")),
            Attendance.history.filter(models.Q(conference__in=conferences) | models.Q(unit__in=tree)),
            ConferenceSite.history.filter(conference__in=conferences),
            Absentee.history.filter(attendance_id__in=attendances.values("pk")),
            Absentee.objects.filter(attendance__in=attendances),
            OrganisationOutreach.objects.filter(result__in=results),
            results,
            attendances,
            PreparationStep.objects.filter(models.Q(conference__in=conferences) | models.Q(committee__in=tree)),
            ConferenceSite.objects.filter(models.Q(conference__in=conferences) | models.Q(site__committee__in=tree)),
            conferences,
            DirectingDocument.objects.filter(campaign__in=campaigns),
            Campaign.resolutions.through.objects.filter(campaign__in=campaigns),
            reports,
            IssuedNumber.objects.filter(register__in=registers),
            registers,
            campaigns,
            Term.objects.filter(committee__in=tree),
            VideoSite.objects.filter(committee__in=tree),
            tree,
        ]
    )
