"""The report's two downloads: its PDF and the .xlsx of its tables."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from conferences.models import Campaign, Committee
from reporting.dashboard import DashboardExporter
from reporting.exports import Exporter
from reporting.models import Report
from reporting.reports import report_document


class ReportPdfExporter(Exporter):
    identifier = "report_pdf"
    verbose_name = _("Báo cáo (PDF)")

    def __init__(self, *, report: Report):
        self.report = report

    def render(self) -> tuple[str, str, bytes]:
        from reporting.pdf import render_report_pdf

        label = self.report.number.label if self.report.number_id else "du-thao"
        filename = f"bao-cao-{slugify(label)}-{self.report.committee.code}-{self.report.campaign.code}.pdf"
        return filename, "application/pdf", render_report_pdf(report_document(self.report))


class ReportTablesExporter(DashboardExporter):
    """The report's tables come from the same selectors as the dashboard's."""

    identifier = "report_xlsx"
    verbose_name = _("Bảng số liệu của báo cáo (.xlsx)")

    def __init__(self, *, campaign: Campaign, committee: Committee):
        super().__init__(campaign=campaign, committee=committee)

    def render(self) -> tuple[str, str, bytes]:
        _filename, mimetype, content = super().render()
        return f"bang-so-lieu-bao-cao-{self.campaign.code}-{self.committee.code}.xlsx", mimetype, content
