from django.utils.translation import gettext as _

from reporting.management.lookups import SharedArgumentsCommand, committee_lookup, file_written
from reporting.results.committee_import import committee_template


class Command(SharedArgumentsCommand):
    help = "Ghi mẫu Excel cây cấp ủy, điền sẵn một cấp ủy và các đơn vị trực thuộc; nhập lại không thay đổi gì."
    arguments = ("committee", "xlsx_output")

    def handle(self, *args, committee: str, output: str, **options):
        _name, _type, content = committee_template(committee_lookup(code=committee).subtree())
        self.stdout.write(_("Đã ghi %s.") % file_written(output, content))
