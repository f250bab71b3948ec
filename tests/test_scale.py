"""Synthetic data at scale: exact counts, a sound tree, the same data from the same seed."""

import dataclasses
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from accounts.models import User
from benchmarks.scale.bulk import tree_path
from conferences.models import Attendance, Campaign, Committee, Conference, ConferenceSite, VideoSite
from reporting.figures.selectors import CampaignFigures, campaign_figures
from reporting.figures.units import Timeliness, completeness, units_with_timeliness
from reporting.models import UnitResult

pytestmark = pytest.mark.django_db

SMALL = ("--provinces", "2", "--communes-per-province", "3", "--cells-per-commune", "2", "--campaigns", "2")
SUMMED = (
    "units_reported",
    "conferences",
    "cell_meetings",
    "people",
    "party_members",
    "non_members",
    "propaganda_sessions",
    "propaganda_people",
    "radio_tv_minutes",
    "outreach_sessions",
    "outreach_people",
)


def generate(*args: str, seed: int = 7) -> str:
    out = io.StringIO()
    call_command("generate_scale", *(args or SMALL), "--seed", str(seed), stdout=out)
    return out.getvalue()


def root() -> Committee:
    return Committee.objects.get(code="toan-quoc")


def snapshot() -> tuple[list[tuple], list[CampaignFigures]]:
    """Every committee as generated, and each campaign's figures without the database's ids."""
    committees = list(
        root().subtree().order_by("path").values_list("code", "name", "locality", "party_members", "non_member_staff")
    )
    figures = [
        dataclasses.replace(
            figures := campaign_figures(campaign=campaign, committee=root()),
            site_participation=tuple(dataclasses.replace(row, conference_id=0) for row in figures.site_participation),
        )
        for campaign in Campaign.objects.filter(code__startswith="scale-").order_by("code")
    ]
    return committees, figures


def test_small_tree_has_exact_counts_and_passes_treebeards_checks():
    output = generate()

    tree = root().subtree()
    assert tree.count() == 1 + 2 + 2 * 3 + 2 * 3 * 2
    assert dict(tree.filter(depth=2).values_list("code", "numchild")) == {"p01": 3, "p02": 3}
    assert tree.filter(kind=Committee.Kind.GRASSROOTS, numchild=2).count() == 6
    assert tree.filter(kind=Committee.Kind.CELL, numchild=0).count() == 12
    assert root().numchild == 2
    assert Committee.objects.find_problems() == ([], [], [], [], [])
    assert list(Committee.objects.get_children(root()).values_list("code", flat=True)) == ["p01", "p02"]
    assert Committee.objects.get_parent(Committee.objects.get(code="p02-x003-c02")).code == "p02-x003"
    # Treebeard keeps building on the bulk-made tree where it left off.
    commune = Committee.objects.get(code="p01-x001")
    added = Committee.objects.add_child(commune, {"code": "them", "kind": Committee.Kind.CELL, "name": "Chi bộ thêm"})
    assert added.path == tree_path(commune.path, 3)

    assert VideoSite.objects.filter(committee__in=tree).count() == 2 + 6
    campaigns = Campaign.objects.filter(committee=root())
    assert list(campaigns.order_by("code").values_list("code", flat=True)) == ["scale-1", "scale-2"]
    conferences = Conference.objects.filter(campaign__in=campaigns)
    assert list(conferences.order_by().values_list("level", "format").distinct()) == [("centre", "online")]
    assert conferences.count() == 2
    assert ConferenceSite.objects.filter(conference__in=conferences).count() == 2 * 8
    assert Attendance.objects.filter(conference__in=conferences, site__isnull=False).count() == 2 * 8
    results = UnitResult.objects.filter(campaign__in=campaigns)
    assert results.count() == 23
    assert results.exclude(Q(unit__kind=Committee.Kind.GRASSROOTS) | Q(unit__kind=Committee.Kind.CELL)).count() == 0
    assert "Đã tạo 21 cấp ủy" in output
    assert "23 kết quả của đơn vị" in output


def test_same_seed_gives_the_same_data_and_another_seed_other_figures():
    generate()
    first = snapshot()
    commune = Committee.objects.get(code="p01-x001")
    User.objects.create_user("bithu.p01", role=User.Role.UNIT_SECRETARY, committee=commune)

    generate(*SMALL, "--replace")
    assert snapshot() == first
    assert not User.objects.filter(username="bithu.p01").exists()  # it belonged to the tree replaced
    assert Committee.objects.count() == 21
    assert Committee.objects.find_problems() == ([], [], [], [], [])

    generate(*SMALL, "--replace", seed=8)
    committees, figures = snapshot()
    assert [row[0] for row in committees] == [row[0] for row in first[0]]  # codes depend on the sizes only
    assert figures != first[1]


def test_refuses_to_run_twice_without_replace():
    generate()
    with pytest.raises(CommandError, match=r"Dữ liệu mô phỏng đã có \(mã “toan-quoc”.*Chạy lại với --replace"):
        generate()
    assert Committee.objects.count() == 21


def test_nation_figures_are_the_sum_of_the_provinces():
    generate()
    provinces = list(Committee.objects.get_children(root()))
    for campaign in Campaign.objects.filter(code__startswith="scale-"):
        nation = campaign_figures(campaign=campaign, committee=root())
        parts = [campaign_figures(campaign=campaign, committee=province) for province in provinces]
        for name in SUMMED:
            value = getattr(nation, name)
            if name in ("party_members", "non_members"):
                assert (value.attended, value.total) == (
                    sum(getattr(part, name).attended for part in parts),
                    sum(getattr(part, name).total for part in parts),
                )
            else:
                assert value == sum(getattr(part, name) for part in parts), name
        assert nation.units_reported > 0
        assert sum(row.sites for row in nation.site_participation) == 8


def test_late_and_missing_units_show_in_completeness():
    generate("--provinces", "1", "--communes-per-province", "40", "--cells-per-commune", "0", "--campaigns", "1")
    campaign = Campaign.objects.get(code="scale-1")
    province = Committee.objects.get(code="p01")
    results = UnitResult.objects.filter(campaign=campaign, unit__depth=province.depth + 1)
    sent = results.filter(status__in=UnitResult.SENT_STATUSES)
    late = {r.unit.code for r in sent.select_related("unit") if r.submitted_at.date() > campaign.reporting_deadline}
    missing = set(
        Committee.objects.get_children(province)
        .exclude(unit_results__in=results.exclude(status=UnitResult.Status.DRAFT))
        .values_list("code", flat=True)
    )
    assert late and missing

    summary = completeness(campaign=campaign, committee=province)
    assert (summary.units, summary.late.attended, summary.missing.attended) == (40, len(late), len(missing))
    standing = dict(units_with_timeliness(campaign=campaign, committee=province).values_list("code", "timeliness"))
    assert {code for code, group in standing.items() if group == Timeliness.LATE} == late
    assert {code for code, group in standing.items() if group == Timeliness.MISSING} == missing
