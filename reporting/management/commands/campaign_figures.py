from django.core.management.base import BaseCommand

from reporting.figures.selectors import campaign_figures
from reporting.figures.wording import figure_lines
from reporting.management.lookups import campaign_lookup, committee_lookup


class Command(BaseCommand):
    help = "In số liệu tổng hợp của một đợt học tập cho một cấp ủy và toàn bộ cấp dưới."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="Mã cấp ủy, ví dụ: tam-duong")
        parser.add_argument("--campaign", required=True, help="Mã đợt học tập, ví dụ: tw8-khoa-xiii")

    def handle(self, *args, committee: str, campaign: str, **options):
        committee_obj = committee_lookup(code=committee)
        campaign_obj = campaign_lookup(code=campaign)
        figures = campaign_figures(campaign=campaign_obj, committee=committee_obj)
        for line in figure_lines(figures):
            self.stdout.write(line)
