"""Organisations a unit adds by name are its own: others never see them, and a unit adds a limited number."""

import re
import unicodedata

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from reporting.figures.selectors import campaign_figures
from reporting.models import Organisation, OrganisationOutreach, UnitResult
from reporting.models.organisations import MAX_ADDED_PER_UNIT
from tests.test_unit_results import FIGURES, district, page, post  # noqa: F401 (district is a fixture)

pytestmark = pytest.mark.django_db


def test_a_name_one_unit_adds_is_not_offered_to_another(client, district):  # noqa: F811
    _, commune, other, campaign, users = district
    data = {**FIGURES, "other-0-name": "Hội Người cao tuổi", "other-0-sessions": "2", "other-0-people": "60"}
    post(client, users["secretary"], page(campaign, commune), action="save", **data)
    assert Organisation.objects.get(name="Hội Người cao tuổi").added_by == commune
    # A name typed before its figures stays, as the unit's own row.
    post(
        client,
        users["secretary"],
        page(campaign, commune),
        action="save",
        **{**data, "other-0-name": "Hội Chữ thập đỏ", "other-0-sessions": "", "other-0-people": ""},
    )
    assert "Hội Chữ thập đỏ" in client.get(page(campaign, commune)).content.decode()

    neighbour = User.objects.create_user("bithu.xa2", role=User.Role.UNIT_SECRETARY, committee=other)
    client.force_login(neighbour)
    response = client.get(page(campaign, other))
    assert response.status_code == 200
    assert "Hội Người cao tuổi" not in response.content.decode()
    assert 'name="other-0-name"' in response.content.decode()
    client.force_login(users["secretary"])
    assert "Hội Người cao tuổi" in client.get(page(campaign, commune)).content.decode()


def test_a_unit_adds_at_most_ten_names(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    for n in range(MAX_ADDED_PER_UNIT):
        Organisation.objects.create(code=f"to-chuc-{n}", name=f"Tổ chức {n}", order=90, added_by=commune)
    client.force_login(users["secretary"])
    content = client.get(page(campaign, commune)).content.decode()
    assert 'name="other-0-name"' not in content
    data = {**FIGURES, "other-0-name": "Tổ chức mới", "other-0-sessions": "1", "other-0-people": "5"}
    post(client, users["secretary"], page(campaign, commune), action="save", **data)
    assert not Organisation.objects.filter(name="Tổ chức mới").exists()


def test_a_wrong_figure_in_the_organisations_table_is_outlined_at_its_box(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-mttq-sessions": "-1", "org-mttq-people": "28"}
    response = post(client, users["secretary"], page(campaign, commune), action="save", **data)
    content = response.content.decode()
    box = (
        content.split('name="org-mttq-sessions"')[0].rsplit("<input", 1)[1]
        + content.split('name="org-mttq-sessions"')[1].split(">", 1)[0]
    )
    assert "is-invalid" in box and 'aria-invalid="true"' in box and 'aria-label="Số buổi, ' in box
    assert 'data-error-for="org-mttq-sessions"' in content
    assert "js/form_errors.js" in content  # opens the form at its first error


@pytest.mark.parametrize(
    "case",
    [
        ("0", "900000", "sessions", "Có lượt người tham gia thì phải có số buổi tuyên truyền."),
        ("3", "0", "people", "Mỗi buổi phải có ít nhất một lượt người tham gia."),
        ("3", "2", "people", "Mỗi buổi phải có ít nhất một lượt người tham gia."),
    ],
    ids=["people-without-a-session", "sessions-without-people", "fewer-people-than-sessions"],
)
def test_organisation_figures_that_cannot_be_are_refused_at_their_box(client, district, case):  # noqa: F811
    sessions, people, field, message = case
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-mttq-sessions": sessions, "org-mttq-people": people}
    response = post(client, users["secretary"], page(campaign, commune), action="submit", **data)
    [row] = [form for form in response.context["organisations"] if form.errors]
    assert row.errors == {field: [message]}
    assert not OrganisationOutreach.objects.exists() and not UnitResult.objects.exists()


def test_the_database_refuses_people_without_a_session(district):  # noqa: F811
    _, commune, _, campaign, _ = district
    result = UnitResult.objects.create(campaign=campaign, unit=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationOutreach.objects.create(result=result, organisation=Organisation.objects.first(), people=900_000)


PER_SESSION = "Bình quân hơn 5.000 lượt người một buổi; kiểm tra lại số buổi và lượt người."


def test_thousands_a_session_are_sent_once_confirmed_and_the_reviewer_sees_why(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-mttq-sessions": "2", "org-mttq-people": "10001"}
    asked = post(client, users["secretary"], page(campaign, commune), action="submit", **data)
    [row] = [form for form in asked.context["organisations"] if form.warning]
    assert row.warning.message == PER_SESSION and f"⚠ {PER_SESSION}" in asked.content.decode()
    assert "confirm_warnings" in asked.context["form"].errors and not UnitResult.objects.exists()
    post(client, users["secretary"], page(campaign, commune), action="submit", confirm_warnings="on", **data)
    sent = UnitResult.objects.get()
    assert sent.status == UnitResult.Status.SUBMITTED
    assert {"label": "Ủy ban Mặt trận Tổ quốc — Lượt người", "message": PER_SESSION} in [
        {key: warning[key] for key in ("label", "message")} for warning in sent.confirmed_warnings
    ]


@pytest.mark.parametrize("people", ["2", "10000"])  # one a session, and the most that needs no confirming
def test_the_bounds_themselves_are_plain_figures(client, district, people):  # noqa: F811
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-mttq-sessions": "2", "org-mttq-people": people}
    post(client, users["secretary"], page(campaign, commune), action="submit", **data)
    assert UnitResult.objects.get().status == UnitResult.Status.SUBMITTED
    assert OrganisationOutreach.objects.get(organisation__code="mttq").people == int(people)


def listed(name: str) -> dict[str, list[str]]:
    return {"name": [f"“{name}” đã có dòng riêng ở trên; ghi số liệu vào dòng đó."]}


def name_errors(client, district, data: dict) -> dict:  # noqa: F811
    """The errors of the one organisation row the secretary's draft was refused at."""
    _, commune, _, campaign, users = district
    response = post(client, users["secretary"], page(campaign, commune), action="save", **data)
    [row] = [form for form in response.context["organisations"] if form.errors]
    return row.errors


def test_another_organisation_named_as_one_listed_is_refused_and_keeps_its_figures(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-hoi-nong-dan-sessions": "2", "org-hoi-nong-dan-people": "20"}
    post(client, users["secretary"], page(campaign, commune), action="save", **data)
    again = {**data, "other-0-name": " hội  nông dân ", "other-0-sessions": "0", "other-0-people": "0"}
    assert name_errors(client, district, again) == listed("hội nông dân")
    # The same name with its accents typed apart (as some keyboards send them), and figures: one message only.
    decomposed = unicodedata.normalize("NFD", "Hội Nông Dân")
    again = {**again, "other-0-name": decomposed, "other-0-sessions": "1", "other-0-people": "5"}
    assert name_errors(client, district, again) == listed("Hội Nông Dân")
    kept = OrganisationOutreach.objects.get(organisation__code="hoi-nong-dan")
    assert (kept.sessions, kept.people) == (2, 20)


def test_a_look_alike_name_never_reaches_a_listed_organisations_figures(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    data = {**FIGURES, "org-doan-thanh-nien-sessions": "5", "org-doan-thanh-nien-people": "100"}
    post(client, users["secretary"], page(campaign, commune), action="save", **data)
    hidden = {**data, "other-0-name": "Đoàn Thanh\u200b niên", "other-0-sessions": "1", "other-0-people": "1"}
    assert name_errors(client, district, hidden) == listed("Đoàn Thanh niên")  # an invisible space is no disguise
    dotless = {**data, "other-0-name": "Đoàn Thanh nıên", "other-0-sessions": "0", "other-0-people": "0"}
    post(client, users["secretary"], page(campaign, commune), action="save", **dotless)
    kept = OrganisationOutreach.objects.get(organisation__code="doan-thanh-nien")
    assert (kept.sessions, kept.people) == (5, 100)  # another name to the form is another name to the save


def test_a_letter_of_another_alphabet_in_a_name_is_refused_and_adds_no_organisation(client, district):  # noqa: F811
    organisations = set(Organisation.objects.values_list("pk", flat=True))
    cyrillic = {**FIGURES, "other-0-name": "Đ\u043eàn Thanh niên", "other-0-sessions": "1", "other-0-people": "9"}
    message = (
        "Tên tổ chức viết bằng chữ tiếng Việt; “\u043e” là chữ của bảng chữ cái khác (thường do dán từ nơi khác), "
        "hãy gõ lại tên."
    )
    assert name_errors(client, district, cyrillic) == {"name": [message]}
    assert set(Organisation.objects.values_list("pk", flat=True)) == organisations
    assert not OrganisationOutreach.objects.exists()


def test_each_listed_organisation_is_asked_for_before_sending_and_a_zero_typed_is_kept(client, district):  # noqa: F811
    root, commune, _, campaign, users = district
    client.force_login(users["secretary"])
    blank = client.get(page(campaign, commune)).content.decode()
    box = blank.split('name="org-hoi-phu-nu-people"')[1].split(">", 1)[0]
    assert "data-required-to-send" in box and "value=" not in box  # empty, not a 0 nobody typed
    left_empty = {key: value for key, value in FIGURES.items() if not key.startswith("org-hoi-phu-nu-")}
    refused = post(client, users["secretary"], page(campaign, commune), action="submit", **left_empty)
    [row] = [form for form in refused.context["organisations"] if form.errors]
    asked = ["Nhập số liệu này trước khi gửi (nhập 0 nếu không có)."]
    assert (row.prefix, row.errors) == ("org-hoi-phu-nu", {"sessions": asked, "people": asked})
    assert not UnitResult.objects.exists()  # nothing sent, nothing saved
    post(client, users["secretary"], page(campaign, commune), action="submit", **FIGURES)
    result = UnitResult.objects.get()
    none_held = result.outreach.get(organisation__code="hoi-phu-nu")
    assert (result.status, none_held.sessions, none_held.people) == (UnitResult.Status.SUBMITTED, 0, 0)
    sent = client.get(page(campaign, commune)).content.decode()
    assert "Hội Liên hiệp Phụ nữ</th><td>0 buổi, 0 lượt người</td>" in sent
    # Once counted, only organisations that held sessions are in the figures.
    post(client, users["staff"], page(campaign, commune), action="accept")
    listed = [row.organisation for row in campaign_figures(campaign=campaign, committee=root).outreach]
    assert listed == ["Ủy ban Mặt trận Tổ quốc", "Đoàn Thanh niên"]


def test_a_name_the_unit_added_can_be_taken_off_its_list_instead_of_given_figures(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    named = {**FIGURES, "other-0-name": "Hội Chữ thập đỏ", "other-0-sessions": "", "other-0-people": ""}
    post(client, users["secretary"], page(campaign, commune), action="save", **named)
    added = Organisation.objects.get(name="Hội Chữ thập đỏ")
    form = client.get(page(campaign, commune)).content.decode()
    assert f'name="org-{added.code}-remove"' in form and "Bỏ tên này" in form
    assert 'name="org-hoi-phu-nu-remove"' not in form  # the usual organisations stay

    refused = post(client, users["secretary"], page(campaign, commune), action="submit", **FIGURES)
    [row] = [form for form in refused.context["organisations"] if form.errors]
    assert row.prefix == f"org-{added.code}"  # sending asks for its figures, or for it to go
    taken_off = {**FIGURES, f"org-{added.code}-remove": "on", f"org-{added.code}-sessions": "x"}
    post(client, users["secretary"], page(campaign, commune), action="submit", **taken_off)
    assert UnitResult.objects.get().status == UnitResult.Status.SUBMITTED
    assert not Organisation.objects.filter(pk=added.pk).exists()
    assert "Hội Chữ thập đỏ" not in client.get(page(campaign, commune)).content.decode()


def test_a_name_two_units_add_gets_codes_that_tell_nothing_of_the_other(client, district):  # noqa: F811
    _, commune, other, campaign, users = district
    neighbour = User.objects.create_user("bithu.xa2", role=User.Role.UNIT_SECRETARY, committee=other)
    named = {**FIGURES, "other-0-name": "Chi đoàn thôn Sin Chải", "other-0-sessions": "1", "other-0-people": "30"}
    post(client, users["secretary"], page(campaign, commune), action="save", **named)
    post(client, neighbour, page(campaign, other), action="save", **named)
    codes = list(Organisation.objects.filter(name="Chi đoàn thôn Sin Chải").values_list("code", flat=True))
    assert len(codes) == 2 and all(re.fullmatch(r"chi-doan-thon-sin-chai-[0-9a-f]{8}", code) for code in codes)


def test_sessions_without_their_people_ask_for_the_people_not_one_person_a_session(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    half = {**FIGURES, "org-hoi-nong-dan-sessions": "2", "org-hoi-nong-dan-people": ""}
    response = post(client, users["secretary"], page(campaign, commune), action="save", **half)
    [row] = [form for form in response.context["organisations"] if form.errors]
    assert (row.prefix, row.errors) == (
        "org-hoi-nong-dan",
        {"people": ["Nhập cả số lượt người của các buổi này (không có thì ghi 0 ở cả hai ô)."]},
    )
    assert 'name="org-hoi-nong-dan-sessions" value="2"' in response.content.decode()  # kept as typed
    assert not UnitResult.objects.exists()


def test_the_history_staff_read_lists_an_organisations_changes_under_its_name(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    post(
        client, users["secretary"], url, action="save", **{**FIGURES, "org-mttq-sessions": "2", "org-mttq-people": "90"}
    )
    post(
        client,
        users["secretary"],
        url,
        action="save",
        **{**FIGURES, "org-mttq-sessions": "2", "org-mttq-people": "120"},
    )

    client.force_login(users["staff"])
    history = client.get(url).content.decode().split("Lịch sử thay đổi")[1]
    rows = re.findall(r'data-label="Bản ghi">([^<]*)</td>\s*<td data-label="Thay đổi">(.*?)</td>', history, re.S)
    front = [change for record, change in rows if record == "Ủy ban Mặt trận Tổ quốc"]
    assert front == ['<div><span class="text-muted">lượt người:</span> 90 → 120</div>', "Tạo mới"]
    # The other organisations' figures, saved again unchanged, are listed once: when they were entered.
    assert [change for record, change in rows if record == "Hội Nông dân"] == ["Tạo mới"]


def test_the_history_keeps_the_figures_of_a_name_the_unit_took_off_its_list(client, district):  # noqa: F811
    _, commune, _, campaign, users = district
    url = page(campaign, commune)
    named = {**FIGURES, "other-0-name": "Câu lạc bộ Thơ", "other-0-sessions": "3", "other-0-people": "60"}
    post(client, users["secretary"], url, action="save", **named)
    added = Organisation.objects.get(name="Câu lạc bộ Thơ")
    post(client, users["secretary"], url, action="save", **FIGURES, **{f"org-{added.code}-remove": "on"})
    assert not Organisation.objects.filter(pk=added.pk).exists()

    client.force_login(users["staff"])
    response = client.get(url)
    assert response.status_code == 200
    history = response.content.decode().split("Lịch sử thay đổi")[1]
    rows = re.findall(r'data-label="Bản ghi">([^<]*)</td>\s*<td data-label="Thay đổi">(.*?)</td>', history, re.S)
    assert [change for record, change in rows if record == "tổ chức đơn vị đã bỏ khỏi danh sách"] == ["Xóa", "Tạo mới"]
