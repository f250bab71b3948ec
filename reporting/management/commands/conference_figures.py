from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from conferences.models import Committee, Conference
from conferences.selectors import with_totals
from reporting.figures.wording import conference_sentence


class Command(BaseCommand):
    help = "In số điểm cầu và số đại biểu tham dự của một hội nghị, tính từ số liệu tham dự đã nhập."

    def add_arguments(self, parser):
        parser.add_argument("--conference", required=True, type=int, help="Số hiệu (pk) của hội nghị")

    def handle(self, *args, conference: int, **options):
        conference_obj = with_totals(Conference.objects.filter(pk=conference), Committee.objects.all()).first()
        if conference_obj is None:
            raise CommandError(_("Không có hội nghị số %s.") % conference)
        self.stdout.write(conference_sentence(conference_obj))
