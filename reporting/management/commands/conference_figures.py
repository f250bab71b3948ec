from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from conferences.models import Committee, Conference
from conferences.selectors import with_totals
from reporting.figures.wording import conference_sentence
from reporting.management.lookups import SharedArgumentsCommand


class Command(SharedArgumentsCommand):
    help = "In số điểm cầu và số đại biểu tham dự của một hội nghị, tính từ số liệu tham dự đã nhập."
    arguments = ("conference",)

    def handle(self, *args, conference: int, **options):
        conference_obj = with_totals(Conference.objects.filter(pk=conference), Committee.objects.all()).first()
        if conference_obj is None:
            raise CommandError(_("Không có hội nghị số %s.") % conference)
        self.stdout.write(conference_sentence(conference_obj))
