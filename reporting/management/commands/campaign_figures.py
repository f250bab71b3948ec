from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from conferences.models import Campaign, Committee
from reporting.figures import campaign_figures
from reporting.wording import figure_lines


class Command(BaseCommand):
    help = "In số liệu tổng hợp của một đợt học tập cho một cấp ủy và toàn bộ cấp dưới."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="Mã cấp ủy, ví dụ: tam-duong")
        parser.add_argument("--campaign", required=True, help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")

    def handle(self, *args, committee: str, campaign: str, **options):
        try:
            committee_obj = Committee.objects.get(code=committee)
        except Committee.DoesNotExist:
            raise CommandError(_("Không tìm thấy cấp ủy có mã “%s”.") % committee) from None
        try:
            campaign_obj = Campaign.objects.get(code=campaign)
        except Campaign.DoesNotExist:
            raise CommandError(_("Không tìm thấy đợt học tập có mã “%s”.") % campaign) from None
        figures = campaign_figures(campaign=campaign_obj, committee=committee_obj)
        for line in figure_lines(figures):
            self.stdout.write(line)
