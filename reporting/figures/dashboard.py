"""The campaign dashboard: one context for the page, one exporter for its .xlsx.

Every number comes from the selectors the report uses (``figures``,
``units``), so the page, the workbook and the report never disagree.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from conferences.models import Attendance, Campaign, Committee, Conference
from conferences.selectors import line_quality, with_totals
from reporting.exports import XLSX_MIMETYPE, Exporter, xlsx_bytes
from reporting.figures.rates import Ratio
from reporting.figures.selectors import campaign_figures, pending_figures
from reporting.figures.units import Timeliness, UnitRow, completeness, unit_rows
from reporting.figures.wording import completeness_lines, line_quality_sentence, summary_lines
from reporting.models import Report, UnitResult
from reporting.models.locks import locking_reports
from reporting.workbooks import Rate, Total, summary, table


def campaign_conferences(*, campaign: Campaign, committee: Committee):
    """The campaign's conferences held in ``committee``'s subtree or attended from it, each with its sites,
    delegates and incidents there (one query)."""
    subtree = Committee.objects.filter(path__startswith=committee.path)
    return list(with_totals(_conferences_reaching(campaign, subtree), subtree).order_by("date", "pk"))


def _conferences_reaching(campaign: Campaign, subtree):
    attended = Exists(Attendance.objects.filter(conference=OuterRef("pk"), unit__in=subtree))
    return Conference.objects.filter(campaign=campaign).filter(Q(host__in=subtree) | attended)


def campaign_line_quality(*, campaign: Campaign, committee: Committee) -> str:
    """The sentence on the links of the campaign's conferences at the subtree's sites ('' without any), over the
    conferences whose attendance was entered: before that, nobody has said how the links held."""
    subtree = Committee.objects.filter(path__startswith=committee.path)
    entered = Exists(Attendance.objects.filter(conference=OuterRef("pk"), unit__in=subtree))
    quality = line_quality(_conferences_reaching(campaign, subtree).filter(entered), subtree)
    return line_quality_sentence(quality) if quality.site_turns else ""


@dataclass(frozen=True)
class AcceptedSinceSigning:
    """Results accepted after the committee's standing signed report on the campaign: counted on the dashboard,
    not in that report."""

    report: Report
    units: list[str]


def accepted_since_signing(*, campaign: Campaign, committee: Committee) -> AcceptedSinceSigning | None:
    """The newest standing report ``committee`` signed over ``campaign`` and the units whose results were accepted
    after it (two queries), or None when there is no such report or no such unit."""
    report = locking_reports(campaign=campaign, paths=[committee.path]).first()
    if report is None:
        return None
    later = UnitResult.objects.counted(campaign=campaign, committee=committee).filter(reviewed_at__gt=report.signed_at)
    units = list(later.order_by("unit__path").values_list("unit__name", flat=True))
    return AcceptedSinceSigning(report, units) if units else None


def dashboard_context(*, campaign: Campaign, committee: Committee) -> dict[str, Any]:
    rows = unit_rows(campaign=campaign, committee=committee)
    return {
        "since_signing": accepted_since_signing(campaign=campaign, committee=committee),
        "conferences": campaign_conferences(campaign=campaign, committee=committee),
        "line_quality": campaign_line_quality(campaign=campaign, committee=committee),
        "campaign": campaign,
        "committee": committee,
        "figures": campaign_figures(campaign=campaign, committee=committee),
        "pending": pending_figures(campaign=campaign, committee=committee),
        "completeness": completeness(campaign=campaign, committee=committee),
        "rows": rows,
        "overdue": [row for row in rows if row.timeliness != Timeliness.ON_TIME],
        "chart": {
            "labels": [row.short_name for row in rows],
            "party_members": [_percent(row.party_members.rate) for row in rows],
            "non_members": [_percent(row.non_members.rate) for row in rows],
            "threshold": float(campaign.participation_threshold),
            "series": [str(_("Đảng viên")), str(_("Chưa là đảng viên"))],
        },
    }


def _percent(rate) -> float | None:
    return None if rate is None else float(rate)


# Participation in six columns, party members' then the others': attended, total, rate.
PARTICIPATION_HEADERS = [
    _("Đảng viên tham gia"),
    _("Tổng số đảng viên"),
    _("Tỷ lệ đảng viên"),
    _("Chưa là đảng viên tham gia"),
    _("Tổng số chưa là đảng viên"),
    _("Tỷ lệ chưa là đảng viên"),
]


def participation_cells(party_members: Ratio, non_members: Ratio) -> list[Any]:
    """The cells under ``PARTICIPATION_HEADERS``."""
    return [cell for ratio in (party_members, non_members) for cell in (ratio.attended, ratio.total, Rate(ratio.rate))]


UNIT_HEADERS = [
    _("Mã đơn vị"),
    _("Tên đơn vị"),
    _("Tình trạng báo cáo"),
    _("Xem xét"),
    _("Gửi lúc"),
    _("Số ngày muộn"),
    *PARTICIPATION_HEADERS,
    _("Số hội nghị"),
    _("Số buổi sinh hoạt chi bộ"),
    _("Số người tham gia"),
    _("Dưới ngưỡng"),
]


CONFERENCE_HEADERS = [
    _("Ngày"),
    _("Hội nghị"),
    _("Cấp"),
    _("Hình thức"),
    _("Số điểm cầu"),
    _("Số đại biểu tham dự"),
    _("Số điểm cầu có sự cố"),
]


def unit_cells(row: UnitRow) -> list[Any]:
    return [
        row.code,
        row.name,
        row.timeliness_label,
        row.review_label,
        localtime(row.submitted_at) if row.submitted_at else None,
        row.days_late or None,
        *participation_cells(row.party_members, row.non_members),
        row.conferences,
        row.cell_meetings,
        row.people,
        str(_("có")) if row.below_threshold else "",
    ]


# The units table's totals: each head-count summed, each rate the ratio of the sums (columns 0-based).
# Only accepted results count, as in the report: the sums take the rows whose review column says so.
COUNTED = Total(only_where=(3, str(_("Đã tiếp nhận, được tính"))))
UNIT_TOTALS = {
    6: COUNTED,
    7: COUNTED,
    8: Total("ratio", 6, 7),
    9: COUNTED,
    10: COUNTED,
    11: Total("ratio", 9, 10),
    12: COUNTED,
    13: COUNTED,
    14: COUNTED,
}
CONFERENCE_TOTALS = {4: Total(), 5: Total(), 6: Total()}


def conference_cells(conference) -> list[Any]:
    return [
        conference.date,
        conference.title,
        str(conference.get_level_display()),
        str(conference.get_format_display()),
        conference.site_count,
        conference.delegates,
        conference.incidents,
    ]


class DashboardExporter(Exporter):
    identifier = "dashboard"
    verbose_name = _("Bảng tổng hợp đợt học tập")

    def __init__(self, *, campaign: Campaign, committee: Committee):
        self.campaign = campaign
        self.committee = committee

    def render(self) -> tuple[str, str, bytes]:
        context = dashboard_context(campaign=self.campaign, committee=self.committee)
        workbook = Workbook()
        summary(
            workbook.active,
            _("Tổng hợp"),
            [self.campaign.name, self.committee.name],
            completeness_lines(context["completeness"]) + summary_lines(context["figures"]),
        )
        for title, rows in ((_("Theo đơn vị"), context["rows"]), (_("Chưa gửi, muộn"), context["overdue"])):
            marked = {n for n, row in enumerate(rows) if row.below_threshold}
            table(
                workbook.create_sheet(),
                title,
                UNIT_HEADERS,
                [unit_cells(row) for row in rows],
                totals=UNIT_TOTALS,
                marked=marked,
            )
        conferences = [conference_cells(conference) for conference in context["conferences"]]
        table(workbook.create_sheet(), _("Hội nghị"), CONFERENCE_HEADERS, conferences, totals=CONFERENCE_TOTALS)
        filename = f"tong-hop-{slugify(self.campaign.code)}-{slugify(self.committee.code)}.xlsx"
        return filename, XLSX_MIMETYPE, xlsx_bytes(workbook)
