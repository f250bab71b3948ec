import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from reporting.documents.term_reports import TermReportExporter, term_draft_document
from reporting.documents.workflow import draft_document
from reporting.figures.dashboard import DashboardExporter
from reporting.figures.term import Period
from reporting.management.lookups import SharedArgumentsCommand, campaign_lookup, committee_lookup, file_written


def day(text: str | datetime.date | None) -> datetime.date | None:
    """A date typed as 2023-03-31 (or given as a date by a caller)."""
    if text is None or isinstance(text, datetime.date):
        return text
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Ngày “%s” không hợp lệ; viết theo dạng năm-tháng-ngày, ví dụ 2023-03-31.") % text
        ) from None


class Command(SharedArgumentsCommand):
    help = (
        "Ghi dự thảo báo cáo hiện tại (PDF, Word) hoặc bảng số liệu của báo cáo (XLSX) ra tệp: báo cáo một đợt học tập "
        "(--campaign) hoặc báo cáo định kỳ của một cấp ủy trong một khoảng thời gian (--from, --to)."
    )
    arguments = ("committee",)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--campaign", help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")
        parser.add_argument("--from", dest="starts_on", help="Từ ngày (năm-tháng-ngày), ví dụ 2021-03-01")
        parser.add_argument("--to", dest="ends_on", help="Đến ngày (năm-tháng-ngày), ví dụ 2023-03-31")
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp sẽ ghi")

    def handle(self, *args, committee, campaign, starts_on, ends_on, format, output, **options):
        from reporting.documents.docx import render_report_docx
        from reporting.documents.pdf import render_report_pdf

        committee_obj = committee_lookup(code=committee)
        starts_on, ends_on = day(starts_on), day(ends_on)
        if campaign and (starts_on or ends_on):
            raise CommandError(_("Chọn một đợt học tập (--campaign) hoặc một khoảng thời gian (--from, --to)."))
        if campaign:
            campaign_obj = campaign_lookup(code=campaign)
            document = draft_document(campaign=campaign_obj, committee=committee_obj)
            exporter = DashboardExporter(campaign=campaign_obj, committee=committee_obj)
        elif starts_on and ends_on:
            if ends_on < starts_on:
                raise CommandError(_("Ngày kết thúc (--to) phải sau ngày bắt đầu (--from)."))
            period = Period(committee_obj, starts_on, ends_on)
            document = term_draft_document(period)
            exporter = TermReportExporter(period=period)
        else:
            raise CommandError(_("Cần --campaign, hoặc cả --from và --to."))
        if format == "pdf":
            content = render_report_pdf(document)
        elif format == "docx":
            content = render_report_docx(document)
        else:
            content = exporter.render()[2]
        file_written(output, content)
        self.stdout.write(self.style.SUCCESS(_("Đã ghi “%s”.") % output))
