from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from conferences.models import Committee, Conference
from reporting.results.attendance_excel import import_attendance
from reporting.results.import_reading import ImportRejected
from reporting.results.refusals import refusal_lines


class Command(BaseCommand):
    help = "Nhập số liệu tham dự của một hội nghị từ tệp Excel mẫu; tệp có lỗi thì không nhập dòng nào."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp Excel .xlsx đã điền theo mẫu")
        parser.add_argument("--conference", required=True, type=int, help="Số hiệu (pk) của hội nghị")

    def handle(self, *args, file: str, conference: int, **options):
        conference_obj = Conference.objects.filter(pk=conference).first()
        if conference_obj is None:
            raise CommandError(_("Không có hội nghị số %s.") % conference)
        if not Path(file).is_file():
            raise CommandError(_("Không tìm thấy tệp “%s”.") % file)
        try:
            written = import_attendance(file, conference_obj, Committee.objects.all())
        except ImportRejected as rejected:
            raise CommandError("\n".join(refusal_lines(_("Chưa nhập gì vì tệp có lỗi:"), rejected.errors))) from None
        self.stdout.write(self.style.SUCCESS(_("Đã lưu số liệu tham dự của %(count)d đơn vị.") % {"count": written}))
