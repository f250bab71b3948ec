"""The report's PDF as an export; its tables are the dashboard's workbook (``figures.dashboard``)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reporting.documents.workflow import report_document
from reporting.exports import Exporter
from reporting.models import Report


class ReportPdfExporter(Exporter):
    identifier = "report_pdf"
    verbose_name = _("Báo cáo (PDF)")

    def __init__(self, *, report: Report):
        self.report = report

    def render(self) -> tuple[str, str, bytes]:
        from reporting.documents.pdf import render_report_pdf  # WeasyPrint loads slowly; only when rendering

        label = self.report.number.label if self.report.number_id else "du-thao"
        report = self.report
        about = (
            report.campaign.code
            if report.campaign_id
            else f"{report.period_starts_on:%Y%m%d}-{report.period_ends_on:%Y%m%d}"
        )
        filename = f"bao-cao-{slugify(label)}-{report.committee.code}-{about}.pdf"
        return filename, "application/pdf", render_report_pdf(report_document(self.report))
