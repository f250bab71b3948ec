"""The selector behind every figure: build a district, enter its data, read the sentences."""

import pytest

from conferences.models import Committee, Conference
from reporting.figures.formatting import format_ratio
from reporting.figures.selectors import campaign_figures, pending_figures
from reporting.models import UnitResult
from tests import builders

pytestmark = pytest.mark.django_db

# The selector's cost is fixed: totals, outreach, events, site participation.
SELECTOR_QUERIES = 4


def test_district_figures_read_like_the_report():
    district, (xa1, xa2) = builders.district(communes=2)
    campaign = builders.campaign(district)
    builders.result(
        campaign,
        xa1,
        party_members_total=1500,
        party_members_attended=1450,
        non_members_total=400,
        non_members_attended=390,
        conferences_online=1,
        conferences_replay=1,
        cell_meetings=80,
        outreach={"mttq": (7, 200), "doan-thanh-nien": (100, 700)},
    )
    builders.result(
        campaign,
        xa2,
        party_members_total=1038,
        party_members_attended=993,
        non_members_total=360,
        non_members_attended=349,
        conferences_online=1,
        conferences_in_person=2,
        cell_meetings=62,
        outreach={"mttq": (6, 160), "hoi-nong-dan": (20, 981)},
    )

    figures = campaign_figures(campaign=campaign, committee=district)

    assert format_ratio(figures.party_members) == "2.443/2.538 đạt 96,3%"
    assert format_ratio(figures.non_members) == "739/760 đạt 97,2%"
    assert figures.people == 3182
    assert figures.cell_meetings == 142
    assert (figures.conferences, figures.conferences_online, figures.conferences_in_person) == (5, 2, 2)
    assert figures.units_reported == 2
    assert [(o.organisation, o.sessions, o.people) for o in figures.outreach] == [
        ("Ủy ban Mặt trận Tổ quốc", 13, 360),
        ("Hội Nông dân", 20, 981),
        ("Đoàn Thanh niên", 100, 700),
    ]
    assert (figures.outreach_sessions, figures.outreach_people) == (133, 2041)


def test_only_accepted_results_inside_the_subtree_count():
    district, (xa1, xa2, xa3, xa4) = builders.district(communes=4)
    _, (elsewhere,) = builders.district("khac", communes=1)
    campaign = builders.campaign(district)
    builders.result(campaign, xa1, party_members_total=10, party_members_attended=9)
    builders.result(campaign, xa2, party_members_total=10, party_members_attended=10)
    builders.result(campaign, xa3, party_members_total=50, party_members_attended=1, status=UnitResult.Status.DRAFT)
    builders.result(campaign, xa4, party_members_total=1_000, party_members_attended=1_000, status="submitted")
    builders.result(campaign, elsewhere, party_members_total=70, party_members_attended=7)

    figures = campaign_figures(campaign=campaign, committee=district)
    assert format_ratio(figures.party_members) == "19/20 đạt 95,0%"
    assert figures.units_reported == 2
    pending = pending_figures(campaign=campaign, committee=district)
    assert (pending.units, format_ratio(pending.party_members)) == (1, "1.000/1.000 đạt 100,0%")

    returned = UnitResult.objects.get(unit=xa2)
    returned.status = UnitResult.Status.RETURNED
    returned.save()
    assert format_ratio(campaign_figures(campaign=campaign, committee=district).party_members) == "9/10 đạt 90,0%"


def test_a_commune_rolls_up_its_cells_at_any_depth():
    district, (commune,) = builders.district(communes=1)
    cell = builders.committee("chi-bo", parent=commune, kind=Committee.Kind.CELL)
    group = builders.committee("to-dang", parent=cell, kind=Committee.Kind.CELL)
    campaign = builders.campaign(district)
    builders.result(campaign, commune, party_members_total=100, party_members_attended=97, cell_meetings=3)
    builders.result(campaign, cell, party_members_total=20, party_members_attended=20, cell_meetings=2)
    builders.result(campaign, group, party_members_total=5, party_members_attended=4, cell_meetings=1)

    assert format_ratio(campaign_figures(campaign=campaign, committee=cell).party_members) == "24/25 đạt 96,0%"
    district_figures = campaign_figures(campaign=campaign, committee=district)
    assert format_ratio(district_figures.party_members) == "121/125 đạt 96,8%"
    assert district_figures.cell_meetings == 6


@pytest.mark.parametrize(
    ("attended", "total", "expected"),
    [
        (385, 400, "385/400 đạt 96,3%"),  # 96,25: half rounds up
        (1, 3, "1/3 đạt 33,3%"),
        (2, 3, "2/3 đạt 66,7%"),
        (1, 8, "1/8 đạt 12,5%"),
        (0, 7, "0/7 đạt 0,0%"),
        (7, 7, "7/7 đạt 100,0%"),
        (0, 0, "0/0"),
    ],
)
def test_the_database_rounds_rates_half_up_to_one_decimal(attended, total, expected):
    district, (xa,) = builders.district(communes=1)
    campaign = builders.campaign(district)
    builders.result(campaign, xa, party_members_total=total, party_members_attended=attended)
    assert format_ratio(campaign_figures(campaign=campaign, committee=district).party_members) == expected


def test_a_campaign_with_no_results_has_zeroes_and_no_rates():
    district, _ = builders.district()
    figures = campaign_figures(campaign=builders.campaign(district), committee=district)
    assert format_ratio(figures.party_members) == "0/0"
    assert format_ratio(figures.non_members) == "0/0"
    assert (figures.conferences, figures.people, figures.units_reported) == (0, 0, 0)
    assert figures.outreach == () and figures.site_participation == () and figures.events == {}


def test_sites_and_participants_split_own_site_from_the_units_below():
    district, communes = builders.district(communes=3)
    campaign = builders.campaign(district)
    conference = builders.online_conference(campaign)
    builders.attend(
        conference,
        district,
        party_members_expected=90,
        party_members_attended=85,
        non_members_expected=12,
        non_members_attended=12,
    )
    for commune, attended in zip(communes, (200, 220, 210), strict=True):
        builders.attend(conference, commune, party_members_expected=attended, party_members_attended=attended, others=5)
    builders.attend(
        conference,
        builders.committee("khac", parent=builders.committee("tinh-khac")),
        party_members_expected=999,
        party_members_attended=999,
    )

    figures = campaign_figures(campaign=campaign, committee=district)

    own, below = figures.site_participation
    assert (own.at_own_sites, own.sites, own.participants) == (True, 1, 97)
    assert (below.at_own_sites, below.sites, below.participants) == (False, 3, 645)
    assert figures.events == {(Conference.Level.CENTRE, Conference.Format.ONLINE): 1}


def test_events_count_conferences_hosted_in_the_subtree_by_level_and_format():
    district, (xa1, xa2) = builders.district(communes=2)
    campaign = builders.campaign(district)
    for host in (xa1, xa2):
        Conference.objects.create(
            campaign=campaign, title="Phát lại", level="grassroots", format="replay", host=host, date="2023-12-10"
        )
    Conference.objects.create(
        campaign=campaign, title="Huyện", level="district", format="in_person", host=district, date="2023-12-12"
    )

    assert campaign_figures(campaign=campaign, committee=district).events == {
        ("district", "in_person"): 1,
        ("grassroots", "replay"): 2,
    }
    assert campaign_figures(campaign=campaign, committee=xa1).events == {("grassroots", "replay"): 1}


@pytest.mark.parametrize("communes", [3, 30])
def test_query_count_does_not_grow_with_the_number_of_units(communes, django_assert_num_queries):
    district, units = builders.district(communes=communes)
    campaign = builders.campaign(district)
    conference = builders.online_conference(campaign)
    for unit in units:
        builders.result(campaign, unit, party_members_total=10, party_members_attended=9, outreach={"mttq": (1, 10)})
        builders.attend(conference, unit, party_members_expected=10, party_members_attended=9)

    with django_assert_num_queries(SELECTOR_QUERIES):
        figures = campaign_figures(campaign=campaign, committee=district)

    assert figures.units_reported == communes
    assert figures.party_members.attended == 9 * communes
