"""The report's PDF and Word file as exports; its tables are the dashboard's workbook (``figures.dashboard``), or a
term report's own (``term_reports``)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reporting.documents.workflow import report_document
from reporting.exports import Exporter
from reporting.models import Report

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_filename(report: Report, extension: str) -> str:
    """bao-cao-190-bc-hu-tay-son-20210301-20230331.pdf; 'du-thao' before the number."""
    label = report.number.label if report.number_id else "du-thao"
    about = (
        report.campaign.code
        if report.campaign_id
        else f"{report.period_starts_on:%Y%m%d}-{report.period_ends_on:%Y%m%d}"
    )
    return f"bao-cao-{slugify(label)}-{report.committee.code}-{about}.{extension}"


class ReportPdfExporter(Exporter):
    identifier = "report_pdf"
    verbose_name = _("Báo cáo (PDF)")
    shown_in_browser = True  # "Xem trước": read on the screen before approving or signing

    def __init__(self, *, report: Report):
        self.report = report

    def render(self) -> tuple[str, str, bytes]:
        from reporting.documents.pdf import render_report_pdf  # WeasyPrint loads slowly; only when rendering

        pdf = render_report_pdf(report_document(self.report))
        return report_filename(self.report, "pdf"), "application/pdf", pdf


class ReportDocxExporter(Exporter):
    """The report as a Word file to finish in Word: the text as it stands, without a signature."""

    identifier = "report_docx"
    verbose_name = _("Báo cáo (Word)")

    def __init__(self, *, report: Report):
        self.report = report

    def render(self) -> tuple[str, str, bytes]:
        from reporting.documents.docx import render_report_docx

        return report_filename(self.report, "docx"), DOCX_MIMETYPE, render_report_docx(report_document(self.report))


def report_tables(report: Report) -> bytes:
    """The workbook of the figures ``report`` is drafted from, as they stand now: kept with the signed file."""
    from reporting.documents.term_reports import TermReportExporter  # it drafts through workflow, as this does
    from reporting.figures.dashboard import DashboardExporter

    if report.is_term_report:
        return TermReportExporter(report=report).render()[2]
    return DashboardExporter(campaign=report.campaign, committee=report.committee).render()[2]
