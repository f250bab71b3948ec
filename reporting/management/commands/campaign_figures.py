from reporting.figures.selectors import campaign_figures
from reporting.figures.wording import figure_lines
from reporting.management.lookups import SharedArgumentsCommand, campaign_lookup, committee_lookup


class Command(SharedArgumentsCommand):
    help = "In số liệu tổng hợp của một đợt học tập cho một cấp ủy và toàn bộ cấp dưới."
    arguments = ("committee", "campaign")

    def handle(self, *args, committee: str, campaign: str, **options):
        committee_obj = committee_lookup(code=committee)
        campaign_obj = campaign_lookup(code=campaign)
        figures = campaign_figures(campaign=campaign_obj, committee=committee_obj)
        for line in figure_lines(figures):
            self.stdout.write(line)
