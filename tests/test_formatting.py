from decimal import Decimal

import pytest
from django.db.models import Value

from conferences.models import Committee
from reporting.figures.formatting import format_number, format_rate, format_ratio
from reporting.figures.rates import Ratio, rate_tenths
from tests import builders


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (0, None, "0"),
        (97, None, "97"),
        (3182, None, "3.182"),
        (5_600_000, None, "5.600.000"),
        (Decimal("96.3"), 1, "96,3"),
        (Decimal("100.0"), 1, "100,0"),
        (Decimal("1234.5"), 1, "1.234,5"),
    ],
)
def test_numbers_group_thousands_with_dots_and_use_a_decimal_comma(value, places, expected):
    assert format_number(value, places) == expected


def test_rate_has_one_decimal_and_no_space_before_the_percent_sign():
    assert format_rate(Decimal("97.2")) == "97,2%"
    assert format_rate(Decimal("100")) == "100,0%"


def test_ratio_reads_as_the_report_writes_it():
    assert format_ratio(Ratio(2443, 2538, 963)) == "2.443/2.538 đạt 96,3%"
    assert format_ratio(Ratio(739, 760, 972)) == "739/760 đạt 97,2%"


def test_zero_denominator_prints_no_rate():
    assert format_ratio(Ratio(0, 0, None)) == "0/0"


def test_rate_is_derived_from_tenths():
    assert Ratio(2443, 2538, 963).rate == Decimal("96.3")
    assert Ratio(0, 0, None).rate is None
    assert Ratio(176, 190, 926).is_below(Decimal("95"))
    assert not Ratio(300, 310, 968).is_below(Decimal("95"))
    assert not Ratio(0, 0, None).is_below(Decimal("95"))


@pytest.mark.django_db
def test_a_share_of_two_counts_rounds_as_the_database_rounds_a_rate():
    # Every share of up to 30 units and the seed's head-counts; the halves (1 of 8 is 12,5%) round up in both.
    pairs = [(attended, total) for total in range(31) for attended in range(total + 1)]
    pairs += [(2443, 2538), (739, 760), (176, 190)]
    root, _ = builders.district(communes=1)
    in_database = Committee.objects.filter(pk=root.pk).values(
        **{f"r{index}": rate_tenths(Value(attended), Value(total)) for index, (attended, total) in enumerate(pairs)}
    )[0]
    assert [Ratio.of(attended, total).rate_tenths for attended, total in pairs] == list(in_database.values())
    assert Ratio.of(1, 8) == Ratio(1, 8, 125)
    assert Ratio.of(0, 0) == Ratio(0, 0, None)
