"""3. The report as PDF: the Tam Đường district of the demo, and a province naming about 100 units.

The province is one more of the synthetic nation, 100 communes with two
cells each; every commune's result is then made late, so the limitations
name them all, besides the footnotes naming cells and organisations.
"""

import datetime
import io
import re

from pypdf import PdfReader

from benchmarks.common import Row, against_target, median_seconds, seconds_text
from benchmarks.scale.generation import scale_add_provinces, scale_campaigns, scale_root
from conferences.models import Campaign, Committee
from reporting.documents.pdf import render_report_pdf
from reporting.documents.workflow import draft_document
from reporting.models import UnitResult

RUNS = 3
# Units are named in the limitations as italic lists: (*Đảng ủy xã A, B, C*).
NAMED_LIST = re.compile(r"\*([^*]+)\*")
REASON = "WeasyPrint lays out every page in Python; the time grows with the pages and the footnotes."


def run(*, campaign_code: str, seed: int) -> list[Row]:
    district = Committee.objects.get(code="tam-duong")
    province = _province_naming_units(campaign_code=campaign_code, seed=seed)
    cases = (
        ("district `tam-duong` (demo)", Campaign.objects.get(code="tw8-khoa-xiii"), district, 1.0),
        (f"province `{province.code}`", Campaign.objects.get(code=campaign_code), province, 5.0),
    )
    rows = []
    for label, campaign, committee, limit in cases:

        def render(campaign=campaign, committee=committee) -> bytes:
            return render_report_pdf(draft_document(campaign=campaign, committee=committee))

        pdf = render()
        seconds = median_seconds(render, runs=RUNS, warm_up=0)
        document = draft_document(campaign=campaign, committee=committee)
        named = sum(len(names.split(", ")) for block in document.blocks for names in NAMED_LIST.findall(block.text))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        met, miss = against_target(seconds, limit, REASON)
        rows.append(
            Row(
                benchmark="3. report PDF",
                case=f"{label}: {named} units named in the limitations, {pages} pages, {len(pdf) // 1024:,} KB",
                result=f"median {seconds_text(seconds)} of {RUNS}",
                target=f"< {seconds_text(limit)}",
                met=met,
                miss=miss,
            )
        )
        rows[-1].print()
    return rows


def _province_naming_units(*, campaign_code: str, seed: int) -> Committee:
    root = scale_root()
    scale_add_provinces(root=root, campaigns=scale_campaigns(), count=1, communes=100, cells_per_commune=2, seed=seed)
    province = Committee.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("-path").first()
    campaign = Campaign.objects.get(code=campaign_code)
    late = datetime.datetime.combine(campaign.reporting_deadline, datetime.time(2), tzinfo=datetime.UTC)
    UnitResult.objects.filter(
        campaign=campaign,
        status__in=UnitResult.COUNTED_STATUSES,
        unit__path__startswith=province.path,
        unit__depth=province.depth + 1,
    ).update(submitted_at=late + datetime.timedelta(days=3), first_submitted_at=late + datetime.timedelta(days=3))
    return province
