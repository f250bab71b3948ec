"""1. Roll-up of one campaign (``campaign_figures``) over the nation and over one province."""

from benchmarks.common import Row, against_target, captured, median_seconds, seconds_text, slowest_plan
from conferences.models import Campaign, Committee
from reporting.figures.formatting import format_ratio
from reporting.figures.selectors import campaign_figures

RUNS = 7
TARGETS = (("toan-quoc", "nation", 1.0), ("p01", "province", 0.05))
REASON = (
    "Likely the events query of `reporting/figures.py`: it ORs the host's path with the attending units' path "
    "across two LEFT JOINs, so PostgreSQL cannot use the path index and hash-joins every committee of the "
    "nation to the campaign's attendance rows before filtering (see the plan). Suggested: "
    "`Q(host__path__startswith=path) | Exists(Attendance.objects.filter(conference=OuterRef('pk'), "
    "unit__path__startswith=path))`, which takes that query from 18 ms to 3 ms here (measured by hand, "
    "same result). The rest is the other three queries and the ORM building them."
)


def run(*, campaign_code: str) -> list[Row]:
    campaign = Campaign.objects.get(code=campaign_code)
    rows = []
    for code, label, limit in TARGETS:
        committee = Committee.objects.get(code=code)
        units = committee.subtree().count()

        def roll_up(committee=committee):
            return campaign_figures(campaign=campaign, committee=committee)

        figures, queries = captured(roll_up)
        seconds = median_seconds(roll_up, runs=RUNS)
        met, miss = against_target(seconds, limit, REASON)
        rows.append(
            Row(
                benchmark="1. roll-up",
                case=f"{label} `{code}`: {units:,} committees, {figures.units_reported:,} results; "
                f"đảng viên {format_ratio(figures.party_members)}",
                result=f"median {seconds_text(seconds)} of {RUNS}",
                queries=len(queries),
                target=f"< {seconds_text(limit)}",
                met=met,
                miss=miss,
                plan="" if met else slowest_plan(queries),
            )
        )
        rows[-1].print()
    return rows
