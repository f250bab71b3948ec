from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.management.lookups import campaign_lookup, committee_lookup
from reporting.results.importing import ImportRejected, import_results


class Command(BaseCommand):
    help = "Nhập kết quả của các đơn vị từ tệp Excel mẫu; tệp có lỗi thì không nhập dòng nào."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp Excel .xlsx đã điền theo mẫu")
        parser.add_argument("--campaign", required=True, help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")
        parser.add_argument("--committee", required=True, help="Mã cấp ủy, ví dụ: tam-duong")

    def handle(self, *args, file: str, campaign: str, committee: str, **options):
        campaign_obj = campaign_lookup(code=campaign)
        committee_obj = committee_lookup(code=committee)
        if not Path(file).is_file():
            raise CommandError(_("Không tìm thấy tệp “%s”.") % file)
        try:
            summary = import_results(file=file, campaign=campaign_obj, committee=committee_obj)
        except ImportRejected as rejected:
            heading = _("Chưa nhập gì vì tệp có lỗi:")
            raise CommandError("\n".join([heading, *(str(error) for error in rejected.errors)])) from None
        self.stdout.write(self.style.SUCCESS(summary.message()))
