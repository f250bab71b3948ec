"""Any input either saves valid data or shows an error: never a server error, never half a save."""

import io

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from accounts.models import User
from conferences.figure_rules import RESULT_RULES, figure_problems
from conferences.models import Attendance, Campaign, Committee, Conference
from reporting.models import UnitResult
from reporting.models.unit_results import FIGURE_FIELDS
from reporting.results.importing import ImportRejected, import_results
from reporting.results.template import HEADERS
from tests import builders
from tests.test_unit_results import NO_OUTREACH

pytestmark = pytest.mark.django_db

# How many examples: the loaded profile's (tests/conftest.py), few in `make test`, many in CI.
EXAMPLES = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# What people type into a number box, and worse.
TYPED = st.one_of(
    st.integers(min_value=-10, max_value=10_000).map(str),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    st.sampled_from(["", " ", "1.234", "1,5", "abc", "١٢", "0x10", "1e3", "9" * 30, "<script>", "=1+1"]),
    st.text(max_size=20),
)
# Every figure of the result form: an example that types all of them well is saved.
RESULT_FIELDS = FIGURE_FIELDS


def rows(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


@pytest.fixture
def secretary_page(client):
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    client.force_login(User.objects.create_user("bithu", role=User.Role.UNIT_SECRETARY, committee=commune))
    return client, {
        submit: reverse("unit_result_submit" if submit else "unit_result_save", args=[campaign.code, commune.code])
        for submit in (True, False)
    }


def test_the_property_reaches_the_save_path(secretary_page):
    # Every figure typed well is saved: the property below checks both outcomes, not only refusals.
    client, urls = secretary_page
    typed_well = {**NO_OUTREACH, **dict.fromkeys(FIGURE_FIELDS, "0"), "people": "3"}
    response = client.post(urls[True], {"version": "0", **typed_well})
    assert response.status_code == 302
    assert UnitResult.objects.get().people == 3


@EXAMPLES
@example(values=dict.fromkeys(FIGURE_FIELDS, "0"), submit=True)  # saved
@example(values={**dict.fromkeys(FIGURE_FIELDS, "0"), "party_members_attended": "1"}, submit=False)  # refused
@given(values=st.fixed_dictionaries({field: TYPED for field in RESULT_FIELDS}), submit=st.booleans())
def test_the_submission_form_saves_valid_figures_or_explains(secretary_page, values, submit):
    client, urls = secretary_page
    with transaction.atomic():
        response = client.post(urls[submit], {"version": "0", **NO_OUTREACH, **values})
        assert response.status_code in (200, 302)
        saved = UnitResult.objects.first()
        if response.status_code == 200:
            assert saved is None
            refused = "Chưa gửi: kiểm tra các ô báo đỏ." if submit else "Chưa lưu: kiểm tra các ô báo đỏ."
            assert refused in response.content.decode()
        else:
            assert saved is not None
            assert figure_problems({field: getattr(saved, field) for field in RESULT_FIELDS}, RESULT_RULES) == []
            # A draft keeps an empty figure empty; a result sent has every one.
            assert all(getattr(saved, field) == typed(values[field]) for field in RESULT_FIELDS)
            assert not submit or None not in [getattr(saved, field) for field in RESULT_FIELDS]
        transaction.set_rollback(True)


def typed(value: str) -> int | None:
    return int(value) if value.strip() else None


@pytest.fixture
def grid_page(client, demo):
    client.force_login(User.objects.get(username="tuyengiao"))
    conference = Conference.objects.get(campaign__code="tw8-khoa-xiii")
    page = client.get(reverse("attendance_grid", args=[conference.pk]))
    base = {}
    for _row, form in page.context["grid"]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            # An unticked box is left out, as a browser leaves it; a 0 is sent (0 == False, so test identity).
            if value is not None and value is not False:
                base[f"{form.prefix}-{name}"] = value
    return client, reverse("attendance_grid", args=[conference.pk]), base, page.context["grid"]


# Up to four cells of the grid, as (row, field): typed anything. Rows count round the grid's 15.
GRID_CHANGES = st.dictionaries(
    st.tuples(
        st.integers(min_value=0, max_value=14),
        st.sampled_from(["party_members_expected", "party_members_attended", "non_members_attended", "others"]),
    ),
    TYPED,
    max_size=4,
)


# Each example posts the whole demo grid; the explicit ones pin both outcomes and the largest figure.
@EXAMPLES
@example(changes={(1, "others"): "2", (2, "party_members_attended"): "0"})  # both rows saved
@example(changes={(1, "others"): "2", (2, "others"): "-1"})  # one bad cell: neither row saved
@example(changes={(0, "party_members_expected"): "9" * 30})  # past any database's integer: refused, not a 500
@given(changes=GRID_CHANGES)
def test_the_attendance_grid_saves_all_rows_or_none(grid_page, changes):
    client, url, base, grid = grid_page
    prefixes = [form.prefix for _row, form in grid]
    posted = {**base, **{f"{prefixes[row % len(prefixes)]}-{field}": value for (row, field), value in changes.items()}}
    with transaction.atomic():
        before = rows(Attendance)
        response = client.post(url, posted)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert rows(Attendance) == before
        for attendance in Attendance.objects.all():
            assert attendance.party_members_attended <= attendance.party_members_expected
            assert attendance.non_members_attended <= attendance.non_members_expected
        transaction.set_rollback(True)


CELL = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=5_000),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=1e6),
    st.sampled_from(["", "12", " 1.234 ", "1,5", "x", "=SUM(A1:A2)", "-3", "٣"]),
    st.booleans(),
)


@EXAMPLES
@given(cells=st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=1, max_size=4))
def test_an_import_saves_every_row_or_none(demo, cells):
    campaign, committee = Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")
    codes = ["tam-duong-ban-bo", "tam-duong-ban-giang", "tam-duong-ban-hon", "tam-duong-binh-lu"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header in HEADERS])
    for code, figures in zip(codes, cells, strict=False):
        sheet.append([code, "", *figures])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    with transaction.atomic():
        before = rows(UnitResult)
        try:
            import_results(file=buffer, campaign=campaign, committee=committee)
        except ImportRejected as rejected:
            assert rejected.errors
            assert rows(UnitResult) == before
        else:
            for result in UnitResult.objects.filter(unit__code__in=codes):
                assert result.party_members_attended <= result.party_members_total
                assert result.people >= result.party_members_attended + result.non_members_attended
        transaction.set_rollback(True)
