"""Staff keep how their committee issues its documents without the admin: its abbreviation and term number the
reports it signs. A new term restarts the numbers at 01: an administrator's step."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from conferences.models import Committee, Term
from tests.staff_pages import STAFF, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def first_of_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


VALUES = {
    "superior_line": "ĐẢNG BỘ TỈNH LAI CHÂU",
    "abbreviation": "HU",
    "place_name": "Tam Đường",
    "recipients": "- Ban Tuyên giáo Tỉnh ủy,\n- Lưu Văn phòng Huyện ủy.",
    "signing_authority": "T/M BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ",
    "signer_name": "Lò Văn Mướn",
    "term_name": "2020 - 2025",
    "term_starts_on": "2020-08-20",  # the demo's current term
}
NEW_TERM = {"term_name": "2025 - 2030", "term_starts_on": "2025-09-20"}


def url() -> str:
    return reverse("committee_issuing", args=["tam-duong"])


def snapshot() -> tuple[list, list]:
    return list(Committee.objects.order_by("pk").values()), list(Term.objects.order_by("pk").values())


def test_staff_set_the_signer_and_the_change_is_in_the_history(client, demo):
    sign_in(client, STAFF)

    response = client.post(url(), VALUES, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Đã lưu thông tin ban hành văn bản của Huyện ủy Tam Đường."
    ]
    district = Committee.objects.get(code="tam-duong")
    assert (district.abbreviation, district.signer_name, district.place_name) == ("HU", "Lò Văn Mướn", "Tam Đường")
    assert list(district.terms.values_list("name", "starts_on", "ends_on")) == [
        ("2020 - 2025", datetime.date(2020, 8, 20), None)
    ]
    latest = district.history.order_by("-history_id").first()  # the clock is set back: by order of saving
    assert (latest.history_user.username, latest.signer_name) == (STAFF, "Lò Văn Mướn")


def test_recipients_typed_in_a_browser_are_stored_one_a_line_and_unchanged_ones_write_nothing(client, demo):
    sign_in(client, STAFF)
    district = Committee.objects.get(code="tam-duong")
    as_sent = district.recipients.replace("\n", "\r\n")  # a browser's textarea
    history = district.history.count()

    client.post(
        url(),
        {
            **VALUES,
            "recipients": as_sent,
            "signer_name": district.signer_name,
            "superior_line": district.superior_line,
            "place_name": district.place_name,
            "signer_title": district.signer_title,
        },
    )

    district.refresh_from_db()
    assert "\r" not in district.recipients
    assert district.history.count() == history  # nothing changed, nothing recorded
    assert not Term.history.filter(committee=district).exclude(history_type="+").exists()


def test_an_administrator_starts_a_new_term_and_the_old_one_ends_the_day_before(client, demo):
    sign_in(client, "quantri")

    response = client.post(url(), {**VALUES, **NEW_TERM}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Đã lưu thông tin ban hành văn bản của Huyện ủy Tam Đường.",
        "Đã bắt đầu nhiệm kỳ 2025 - 2030 từ 20/09/2025: số văn bản chạy lại từ 01.",
    ]
    # Who started it, and who ended the old one, is kept (the tree import page lists it with the committees').
    started, ended = Term.history.order_by("-history_id")[:2]
    assert (ended.history_type, ended.name, ended.ends_on, ended.history_user.username) == (
        "~",
        "2020 - 2025",
        datetime.date(2025, 9, 19),
        "quantri",
    )
    assert (started.history_type, started.name, started.history_user.username) == ("+", "2025 - 2030", "quantri")
    terms = Committee.objects.get(code="tam-duong").terms.order_by("starts_on")
    assert list(terms.values_list("name", "starts_on", "ends_on")) == [
        ("2020 - 2025", datetime.date(2020, 8, 20), datetime.date(2025, 9, 19)),
        ("2025 - 2030", datetime.date(2025, 9, 20), None),
    ]


@pytest.mark.parametrize(
    ("who", "changes", "field", "message"),
    [
        (STAFF, {"abbreviation": ""}, "abbreviation", "Nhập ký hiệu văn bản của cấp ủy, ví dụ HU."),
        (
            STAFF,
            {"abbreviation": '"><svg>'},
            "abbreviation",
            "Ký hiệu chỉ gồm chữ cái và chữ số, có thể nối bằng gạch ngang, ví dụ HU, ĐU.",
        ),
        (
            STAFF,
            {"abbreviation": "HU/../"},
            "abbreviation",
            "Ký hiệu chỉ gồm chữ cái và chữ số, có thể nối bằng gạch ngang, ví dụ HU, ĐU.",
        ),
        (STAFF, {"recipients": "x" * 2001}, "recipients", "Nơi nhận quá dài: tối đa 2.000 ký tự, đã nhập 2001."),
        (
            "quantri",
            {"term_starts_on": "2027-01-01"},
            "term_starts_on",
            "Ngày bắt đầu nhiệm kỳ phải từ 03/02/1930 đến hôm nay (01/03/2026).",
        ),
        (
            "quantri",
            {"term_starts_on": "1900-01-01"},
            "term_starts_on",
            "Ngày bắt đầu nhiệm kỳ phải từ 03/02/1930 đến hôm nay (01/03/2026).",
        ),
        (
            "quantri",
            {"term_starts_on": "2026-02-01"},
            "term_name",
            "Đã có nhiệm kỳ 2020 - 2025; nhiệm kỳ mới ghi tên mới.",
        ),
        (
            "quantri",
            {**NEW_TERM, "term_starts_on": "2019-01-01"},
            "term_starts_on",
            "Nhiệm kỳ mới phải bắt đầu sau ngày 20/08/2020 của nhiệm kỳ 2020 - 2025.",
        ),
    ],
)
def test_a_wrong_value_is_told_at_its_field_and_nothing_changes(client, demo, who, changes, field, message):
    sign_in(client, who)
    before = snapshot()

    response = client.post(url(), {**VALUES, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert snapshot() == before


def test_staff_see_the_terms_start_but_only_an_administrator_starts_a_new_term(client, demo):
    # Numbers would start again at 01 within the term: the start date is shown to staff, not offered, and a
    # posted one starts nothing.
    sign_in(client, STAFF)
    assert client.get(url()).context["form"].fields["term_starts_on"].disabled
    client.post(url(), {**VALUES, "term_starts_on": NEW_TERM["term_starts_on"]})
    terms = Term.objects.filter(committee__code="tam-duong")
    assert list(terms.values_list("name", "starts_on")) == [("2020 - 2025", datetime.date(2020, 8, 20))]


def test_a_term_older_than_five_years_is_pointed_out_until_a_new_one_is_started(client, demo):
    notice = (
        "Nhiệm kỳ 2020 - 2025 bắt đầu từ 20/08/2020, đã hơn 5 năm. Nếu Đại hội đã bầu cấp ủy nhiệm kỳ mới, đề nghị "
        "quản trị hệ thống khai báo nhiệm kỳ mới trước khi ký, để số văn bản chạy lại từ 01; nếu chưa, ký bình thường."
    )
    sign_in(client, STAFF)
    assert f'<div class="alert alert-warning col-lg-6" id="notice">{notice}</div>' in client.get(url()).content.decode()
    sign_in(client, "quantri")
    client.post(url(), {**VALUES, **NEW_TERM})
    assert 'id="notice"' not in client.get(url()).content.decode()
