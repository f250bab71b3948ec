from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reporting.management.lookups import campaign_lookup, committee_lookup, file_written
from reporting.results.template import FilledResultsTemplateExporter, ResultsTemplateExporter


class Command(BaseCommand):
    help = "Ghi tệp Excel mẫu để nhập kết quả của các đơn vị trực thuộc một cấp ủy."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")
        parser.add_argument("--committee", required=True, help="Mã cấp ủy, ví dụ: tam-duong")
        parser.add_argument("--output", help="Tệp sẽ ghi; mặc định là tên tệp mẫu trong thư mục hiện tại")
        parser.add_argument(
            "--filled", action="store_true", help="Điền sẵn số liệu đã tiếp nhận của từng đơn vị, để sửa rồi nhập lại"
        )

    def handle(self, *args, campaign: str, committee: str, output: str | None, filled: bool, **options):
        exporter_class = FilledResultsTemplateExporter if filled else ResultsTemplateExporter
        exporter = exporter_class(campaign=campaign_lookup(code=campaign), committee=committee_lookup(code=committee))
        filename, _mimetype, content = exporter.render()
        path = file_written(output or filename, content)
        self.stdout.write(self.style.SUCCESS(_("Đã ghi tệp mẫu “%s”.") % path))
