"""Staff keep how their committee issues its documents without the admin: its abbreviation and term number the
reports it signs."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from conferences.models import Committee, Term
from tests.staff_pages import STAFF, sign_in

pytestmark = pytest.mark.django_db

VALUES = {
    "superior_line": "ĐẢNG BỘ TỈNH LAI CHÂU",
    "abbreviation": "HU",
    "place_name": "Tam Đường",
    "recipients": "- Ban Tuyên giáo Tỉnh ủy,\n- Lưu Văn phòng Huyện ủy.",
    "signing_authority": "T/M BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ",
    "signer_name": "Lò Văn Mướn",
    "term_name": "2025 - 2030",
    "term_starts_on": "2025-09-20",
}


def url() -> str:
    return reverse("committee_issuing", args=["tam-duong"])


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_staff_set_the_abbreviation_and_start_a_new_term(client, demo):
    sign_in(client, STAFF)

    response = client.post(url(), VALUES, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Đã lưu thông tin ban hành văn bản của Huyện ủy Tam Đường."
    ]
    district = Committee.objects.get(code="tam-duong")
    assert (district.abbreviation, district.signer_name, district.place_name) == ("HU", "Lò Văn Mướn", "Tam Đường")
    term = Term.objects.get(committee=district, starts_on=datetime.date(2025, 9, 20))
    assert term.name == "2025 - 2030"
    latest = district.history.order_by("-history_id").first()  # the clock is set back: by order of saving
    assert (latest.history_user.username, latest.signer_name) == (STAFF, "Lò Văn Mướn")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("abbreviation", "", "Nhập ký hiệu văn bản của cấp ủy, ví dụ HU."),
        ("term_starts_on", "2027-01-01", "Ngày bắt đầu nhiệm kỳ phải từ 03/02/1930 đến hôm nay (01/03/2026)."),
        ("term_starts_on", "1900-01-01", "Ngày bắt đầu nhiệm kỳ phải từ 03/02/1930 đến hôm nay (01/03/2026)."),
    ],
)
@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_a_wrong_value_is_told_at_its_field_and_nothing_changes(client, demo, field, value, message):
    sign_in(client, STAFF)
    before = (list(Committee.objects.values()), list(Term.objects.values()))

    response = client.post(url(), {**VALUES, field: value})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert (list(Committee.objects.values()), list(Term.objects.values())) == before
