from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reporting.documents.workflow import draft_document
from reporting.figures.dashboard import DashboardExporter
from reporting.management.lookups import campaign_lookup, committee_lookup, file_written


class Command(BaseCommand):
    help = "Ghi dự thảo báo cáo hiện tại (PDF) hoặc bảng số liệu của báo cáo (XLSX) ra tệp."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="Mã cấp ủy, ví dụ: tam-duong")
        parser.add_argument("--campaign", required=True, help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp sẽ ghi")

    def handle(self, *args, committee, campaign, format, output, **options):
        from reporting.documents.pdf import render_report_pdf

        committee_obj = committee_lookup(code=committee)
        campaign_obj = campaign_lookup(code=campaign)
        if format == "pdf":
            content = render_report_pdf(draft_document(campaign=campaign_obj, committee=committee_obj))
        else:
            content = DashboardExporter(campaign=campaign_obj, committee=committee_obj).render()[2]
        file_written(output, content)
        self.stdout.write(self.style.SUCCESS(_("Đã ghi “%s”.") % output))
