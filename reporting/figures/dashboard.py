"""The campaign dashboard: one context for the page, one exporter for its .xlsx.

Every number comes from the selectors the report uses (``figures``,
``units``), so the page, the workbook and the report never disagree.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from conferences.models import Attendance, Campaign, Committee, Conference
from conferences.selectors import line_quality, with_totals
from reporting.exports import XLSX_MIMETYPE, Exporter, safe_cell, xlsx_bytes
from reporting.figures.formatting import format_rate
from reporting.figures.selectors import campaign_figures, pending_figures
from reporting.figures.units import Timeliness, UnitRow, completeness, unit_rows
from reporting.figures.wording import figure_lines, line_quality_sentence


def campaign_conferences(*, campaign: Campaign, committee: Committee):
    """The campaign's conferences held in ``committee``'s subtree or attended from it, each with its sites,
    delegates and incidents there (one query)."""
    subtree = Committee.objects.filter(path__startswith=committee.path)
    return list(with_totals(_conferences_reaching(campaign, subtree), subtree).order_by("date", "pk"))


def _conferences_reaching(campaign: Campaign, subtree):
    attended = Exists(Attendance.objects.filter(conference=OuterRef("pk"), unit__in=subtree))
    return Conference.objects.filter(campaign=campaign).filter(Q(host__in=subtree) | attended)


def campaign_line_quality(*, campaign: Campaign, committee: Committee) -> str:
    """The sentence on the links of the campaign's conferences at the subtree's sites ('' without any)."""
    subtree = Committee.objects.filter(path__startswith=committee.path)
    quality = line_quality(_conferences_reaching(campaign, subtree), subtree)
    return line_quality_sentence(quality) if quality.site_turns else ""


def dashboard_context(*, campaign: Campaign, committee: Committee) -> dict[str, Any]:
    rows = unit_rows(campaign=campaign, committee=committee)
    return {
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


UNIT_HEADERS = [
    _("Mã đơn vị"),
    _("Tên đơn vị"),
    _("Tình trạng báo cáo"),
    _("Xem xét"),
    _("Gửi lúc"),
    _("Số ngày muộn"),
    _("Đảng viên tham gia"),
    _("Tổng số đảng viên"),
    _("Tỷ lệ đảng viên"),
    _("Chưa là đảng viên tham gia"),
    _("Tổng số chưa là đảng viên"),
    _("Tỷ lệ chưa là đảng viên"),
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
    def rate(ratio):
        return format_rate(ratio.rate) if ratio.rate is not None else ""

    return [
        safe_cell(row.code),
        safe_cell(row.name),
        row.timeliness_label,
        row.review_label,
        date_format(localtime(row.submitted_at), "H:i d/m/Y") if row.submitted_at else "",
        row.days_late or "",
        row.party_members.attended,
        row.party_members.total,
        rate(row.party_members),
        row.non_members.attended,
        row.non_members.total,
        rate(row.non_members),
        row.conferences,
        row.cell_meetings,
        row.people,
        str(_("có")) if row.below_threshold else "",
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
        summary = workbook.active
        summary.title = str(_("Tổng hợp"))
        summary.append([safe_cell(self.campaign.name)])
        summary.append([safe_cell(self.committee.name)])
        summary["A1"].font = Font(bold=True)
        summary.append([])
        for line in figure_lines(context["figures"]):
            summary.append([safe_cell(line)])
        summary.column_dimensions["A"].width = 100

        units = workbook.create_sheet(str(_("Theo đơn vị")))
        self._table(units, context["rows"])
        overdue = workbook.create_sheet(str(_("Chưa gửi, muộn")))
        self._table(overdue, context["overdue"])
        self._conferences(workbook.create_sheet(str(_("Hội nghị"))), context["conferences"])
        filename = f"tong-hop-{slugify(self.campaign.code)}-{slugify(self.committee.code)}.xlsx"
        return filename, XLSX_MIMETYPE, xlsx_bytes(workbook)

    @staticmethod
    def _conferences(sheet, conferences: list) -> None:
        sheet.append([str(header) for header in CONFERENCE_HEADERS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for conference in conferences:
            sheet.append(
                [
                    date_format(conference.date, "d/m/Y"),
                    safe_cell(conference.title),
                    str(conference.get_level_display()),
                    str(conference.get_format_display()),
                    conference.site_count,
                    conference.delegates,
                    conference.incidents,
                ]
            )
        sheet.column_dimensions["B"].width = 60

    @staticmethod
    def _table(sheet, rows: list[UnitRow]) -> None:
        sheet.append([str(header) for header in UNIT_HEADERS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        highlight = PatternFill("solid", fgColor="FDE8E8")
        for row in rows:
            sheet.append(unit_cells(row))
            if row.below_threshold:
                for cell in sheet[sheet.max_row]:
                    cell.fill = highlight
        sheet.column_dimensions["B"].width = 45
