import pytest

from conferences.models import Committee
from tests import builders

pytestmark = pytest.mark.django_db


def test_tree_takes_any_depth_without_a_district_level():
    # Since 1/7/2025: province -> commune -> cell, and deeper where needed.
    province = builders.committee("tinh")
    commune = builders.committee("xa", parent=province)
    cell = builders.committee("chi-bo", parent=commune, kind=Committee.Kind.CELL)
    team = builders.committee("to-dang", parent=cell, kind=Committee.Kind.CELL)
    deeper = builders.committee("to-con", parent=team, kind=Committee.Kind.CELL)

    assert [c.depth for c in (province, commune, cell, team, deeper)] == [1, 2, 3, 4, 5]
    assert list(province.subtree().values_list("code", flat=True)) == ["tinh", "xa", "chi-bo", "to-dang", "to-con"]
    assert list(cell.subtree().values_list("code", flat=True)) == ["chi-bo", "to-dang", "to-con"]


def test_subtree_is_one_query_and_leaves_out_siblings(django_assert_num_queries):
    district, communes = builders.district("huyen-a", communes=3)
    other, _ = builders.district("huyen-b", communes=2)
    builders.committee("chi-bo-1", parent=communes[0], kind=Committee.Kind.CELL)

    with django_assert_num_queries(1):
        codes = list(district.subtree().values_list("code", flat=True))

    assert codes == ["huyen-a", "huyen-a-xa-1", "chi-bo-1", "huyen-a-xa-2", "huyen-a-xa-3"]
    assert other.code not in codes


def test_subtree_filters_on_the_indexed_path_prefix():
    district, _ = builders.district()
    sql = str(district.subtree().query)
    assert '"path"' in sql and "LIKE" in sql
    assert Committee._meta.get_field("path").unique  # unique implies an index


def test_committee_codes_are_unique():
    from django.db import IntegrityError, transaction

    builders.committee("tinh")
    with pytest.raises(IntegrityError), transaction.atomic():
        builders.committee("tinh")
