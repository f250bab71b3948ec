from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from conferences.models import Committee, Conference
from reporting.management.lookups import SharedArgumentsCommand, file_written
from reporting.results.attendance_excel import attendance_template


class Command(SharedArgumentsCommand):
    help = "Ghi mẫu Excel số liệu tham dự của một hội nghị, mỗi đơn vị một dòng, điền sẵn số liệu đã có."
    arguments = ("conference", "xlsx_output")

    def handle(self, *args, conference: int, output: str, **options):
        conference_obj = Conference.objects.select_related("campaign").filter(pk=conference).first()
        if conference_obj is None:
            raise CommandError(_("Không có hội nghị số %s.") % conference)
        _name, _type, content = attendance_template(conference_obj, Committee.objects.all())
        written = file_written(output, content)
        self.stdout.write(_("Đã ghi %s.") % written)
