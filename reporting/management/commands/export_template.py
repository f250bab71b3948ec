from django.utils.translation import gettext as _

from reporting.management.lookups import SharedArgumentsCommand, campaign_lookup, committee_lookup, file_written
from reporting.results.template import FilledResultsTemplateExporter, ResultsTemplateExporter


class Command(SharedArgumentsCommand):
    help = "Ghi tệp Excel mẫu để nhập kết quả của các đơn vị trực thuộc một cấp ủy."
    arguments = ("campaign", "committee")

    def add_arguments(self, parser):
        super().add_arguments(parser)
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
