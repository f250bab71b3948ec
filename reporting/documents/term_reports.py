"""Term reports: a committee's report over a period, at the superior's request, and its tables.

Started from a period and the request it answers; everything after (edit,
regenerate, approve, sign, correct) is the campaign report's workflow, which
drafts a term report from ``term_drafting``.
"""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from conferences.document_types import DocumentType
from conferences.models import ActionDocument, DirectingDocument, Supervision
from reporting.documents.document import ReportDocument
from reporting.documents.term_drafting import period_of
from reporting.documents.workflow import (
    REQUEST_FIELDS,
    Status,
    create_report,
    report_document,
    with_committee_closing,
)
from reporting.exports import XLSX_MIMETYPE, Exporter, xlsx_bytes
from reporting.figures.dashboard import (
    CONFERENCE_HEADERS,
    CONFERENCE_TOTALS,
    PARTICIPATION_HEADERS,
    conference_cells,
    participation_cells,
)
from reporting.figures.term import Period, term_figures
from reporting.models import Report
from reporting.workbooks import Total, table


def open_term_report(period: Period) -> Report | None:
    return Report.objects.filter(**period.report_fields).exclude(status=Status.SIGNED).first()


def signed_term_report(period: Period) -> Report | None:
    """The latest report signed over exactly this period, if any."""
    signed = Report.objects.filter(**period.report_fields, status=Status.SIGNED)
    return signed.select_related("number").order_by("-signed_at").first()


def signed_overlapping(period: Period) -> Report | None:
    """The latest report signed over another period that shares days with this one (a mid-term report inside a
    term's), if any."""
    signed = Report.objects.filter(
        committee=period.committee,
        campaign=None,
        status=Status.SIGNED,
        period_starts_on__lte=period.ends_on,
        period_ends_on__gte=period.starts_on,
    ).exclude(period_starts_on=period.starts_on, period_ends_on=period.ends_on)
    return signed.select_related("number").order_by("-signed_at").first()


def default_request(period: Period) -> dict:
    """The superior's latest letter among the period's campaigns, as the request a new term report answers."""
    letter = (
        DirectingDocument.objects.filter(
            campaign__in=period.campaigns(),
            kind=DocumentType.LETTER,
            from_superior=True,
            issued_on__gte=period.starts_on,
        )
        .order_by("-issued_on", "-pk")
        .first()
    )
    if letter is None:
        return {}
    return {
        "request_number": letter.number,
        "request_issued_on": letter.issued_on,
        "request_issuer": letter.issuer,
        "request_subject": letter.subject,
    }


@transaction.atomic
def term_report_start(*, period: Period, request: dict | None = None, recipients: str = "") -> Report:
    """The open report over the period, or a new draft answering ``request`` (the superior's latest letter
    when none is given)."""
    report = open_term_report(period)
    if report is not None:
        return report
    request = default_request(period) if request is None else request
    return create_report(
        Report(
            **period.report_fields,
            recipients=recipients,
            **{field: request.get(field, Report._meta.get_field(field).get_default()) for field in REQUEST_FIELDS},
        )
    )


def term_draft_document(period: Period) -> ReportDocument:
    """The current draft over the period, for the command line: the open one, else one drafted now, not kept."""
    report = open_term_report(period)
    if report is None:
        report = with_committee_closing(Report(**period.report_fields, **default_request(period)))
    return report_document(report)


class TermReportExporter(Exporter):
    """The term report's tables: campaigns with their rates, conferences with sites and delegates, supervision,
    programmes and plans; from the selectors the report is drafted from."""

    identifier = "term_report_xlsx"
    verbose_name = _("Bảng số liệu báo cáo định kỳ")

    def __init__(self, *, report: Report | None = None, period: Period | None = None):
        self.period = period or period_of(report)

    def render(self) -> tuple[str, str, bytes]:
        period = self.period
        figures = term_figures(period)
        workbook = Workbook()
        rates = [[row.campaign.name, *participation_cells(row.party_members, row.non_members)] for row in figures.rates]
        table(workbook.active, _("Đợt học tập"), CAMPAIGN_HEADERS, rates, totals=CAMPAIGN_TOTALS)
        conferences = [conference_cells(conference) for conference in figures.conferences]
        table(workbook.create_sheet(), _("Hội nghị"), CONFERENCE_HEADERS, conferences, totals=CONFERENCE_TOTALS)
        table(workbook.create_sheet(), _("Kiểm tra, giám sát"), SUPERVISION_HEADERS, _supervision_rows(period))
        table(workbook.create_sheet(), _("Chương trình, kế hoạch"), DOCUMENT_HEADERS, _document_rows(period))
        filename = f"bao-cao-dinh-ky-{period.committee.code}-{period.starts_on:%Y%m%d}-{period.ends_on:%Y%m%d}.xlsx"
        return slugify(filename.removesuffix(".xlsx")) + ".xlsx", XLSX_MIMETYPE, xlsx_bytes(workbook)


CAMPAIGN_HEADERS = [_("Đợt học tập"), *PARTICIPATION_HEADERS]
CAMPAIGN_TOTALS = {1: Total(), 2: Total(), 3: Total("ratio", 1, 2), 4: Total(), 5: Total(), 6: Total("ratio", 4, 5)}
SUPERVISION_HEADERS = [_("Ngày"), _("Tổ chức đảng được kiểm tra, giám sát"), _("Nội dung"), _("Kết quả, kết luận")]
DOCUMENT_HEADERS = [
    _("Đơn vị"),
    _("Loại"),
    _("Số"),
    _("Ngày"),
    _("Tiêu đề"),
    _("Trùng với kế hoạch cấp trên (%)"),
]


def _supervision_rows(period: Period) -> list[list]:
    rows = Supervision.objects.filter(
        committee=period.committee, held_on__gte=period.starts_on, held_on__lte=period.ends_on
    ).select_related("unit")
    return [[s.held_on, s.unit.name, s.subject, s.findings] for s in rows]


def _document_rows(period: Period) -> list[list]:
    rows = ActionDocument.objects.filter(
        unit__path__startswith=period.committee.path, issued_on__gte=period.starts_on, issued_on__lte=period.ends_on
    ).select_related("unit")
    return [
        [d.unit.name, d.get_kind_display(), d.number, d.issued_on, d.title, d.similarity]
        for d in rows.order_by("unit__path", "issued_on")
    ]
