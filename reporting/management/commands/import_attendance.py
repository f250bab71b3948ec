from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from conferences.models import Committee, Conference
from reporting.management.lookups import SharedArgumentsCommand, file_lookup, import_refused_as
from reporting.results.attendance_excel import import_attendance


class Command(SharedArgumentsCommand):
    help = "Nhập số liệu tham dự của một hội nghị từ tệp Excel mẫu; tệp có lỗi thì không nhập dòng nào."
    arguments = ("workbook", "conference")

    def handle(self, *args, file: str, conference: int, **options):
        conference_obj = Conference.objects.filter(pk=conference).first()
        if conference_obj is None:
            raise CommandError(_("Không có hội nghị số %s.") % conference)
        with import_refused_as(_("Chưa nhập gì vì tệp có lỗi:")):
            written = import_attendance(file_lookup(file), conference_obj, Committee.objects.all())
        self.stdout.write(self.style.SUCCESS(_("Đã lưu số liệu tham dự của %(count)d đơn vị.") % {"count": written}))
