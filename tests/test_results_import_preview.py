"""An Excel upload first shows what it would do; nothing is written until staff confirm it.

Nguyễn Thị Hồng (tuyengiao) uploads Tam Đường's template: Tả Lèng's accepted
result would change, Bản Bo's too with a figure that looks wrong, Bình Lư's
sent result waits for review and Nà Tăm has none yet.
"""

import datetime
import html
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from conferences.models import Committee
from reporting.documents.workflow import report_sign, report_start
from reporting.models import ResultImport, UnitResult
from reporting.results import importing
from reporting.results.importing import ImportRejected, import_preview
from reporting.results.submissions import unit_result_return
from tests import builders
from tests.staff_pages import STAFF, messages_of
from tests.workbooks import filled_template, named, row, snapshot, tam_duong, xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = "/dot-hoc-tap/tw8-khoa-xiii/nhap-excel/?committee=tam-duong"
DASHBOARD_URL = "/dot-hoc-tap/tw8-khoa-xiii/tong-hop/?committee=tam-duong"
TA_LENG, BAN_BO, BINH_LU, NA_TAM = "tam-duong-ta-leng", "tam-duong-ban-bo", "tam-duong-binh-lu", "tam-duong-na-tam"
CHANGES = {
    TA_LENG: {"Đảng viên tham gia": 128, "Số người tham gia": 150},
    BAN_BO: {"Số người tham gia": 5000},
    BINH_LU: {"Số buổi sinh hoạt chi bộ": 9},
}
SUMMARY = "Tệp có 23 dòng số liệu: 1 mới, 1 thay đổi, 2 thay kết quả đã tiếp nhận, 19 không đổi; 0 dòng trống bỏ qua."
BAN_BO_WARNINGS = [
    "Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo), cột “Số người tham gia”: "
    "Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (218 người).",
    "Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo), cột “Số người tham gia”: "
    "Khác xa các đơn vị cùng cấp (thường khoảng 160 người).",
]
MOVED_ON = "Kết quả của đơn vị đã thay đổi sau khi xem trước; tải tệp lên lại để xem trước với số liệu mới nhất."
EXPIRED = "Bản xem trước đã quá 1 giờ nên không còn dùng được; chưa có gì được nhập. Tải tệp lên lại để xem trước."


@pytest.fixture
def the_file(demo):
    """Tam Đường's template as the export gives it, filled with the demo's figures and CHANGES; then Bình Lư's
    result is sent again and waits, and Nà Tăm's is gone, as if it never reported."""
    file = filled_template(changes=CHANGES)
    UnitResult.objects.filter(unit__code=BINH_LU).update(status=UnitResult.Status.SUBMITTED)
    UnitResult.objects.filter(unit__code=NA_TAM).delete()
    return file


@pytest.fixture
def staff(the_file, staff_client):
    staff_client.the_file = the_file
    return staff_client


def uploaded(client) -> ResultImport:
    response = client.post(IMPORT_URL, {"file": named(client.the_file.getvalue(), client.the_file.name)})
    kept = ResultImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("results_import_preview", args=["tw8-khoa-xiii", kept.pk])
    return kept


def confirm_url(kept: ResultImport) -> str:
    return reverse("results_import_confirm", args=["tw8-khoa-xiii", kept.pk])


def text_of(response, data_row: int) -> str:
    """The words of the preview's item for the file's row ``data_row``, as a person reads them."""
    items = re.findall(rf'<li[^>]*data-row="{data_row}"[^>]*>.*?\n</li>', response.content.decode(), re.S)
    assert len(items) == 1
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", items[0])).split())


def test_the_preview_tells_each_row_apart_with_its_figures_before_and_after(the_file):
    campaign, district = tam_duong()

    preview = import_preview(file=the_file, campaign=campaign, committee=district)

    assert preview.summary() == SUMMARY
    assert [(row.heading, [str(change) for change in row.changes]) for row in preview.replacing] == [
        ("Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo)", ["Số người tham gia: 202 → 5.000"]),
        (
            "Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng)",
            ["Đảng viên tham gia: 129 → 128", "Số người tham gia: 151 → 150"],
        ),
    ]
    assert [(row.heading, row.status_label, [str(c) for c in row.changes]) for row in preview.changed] == [
        ("Dòng 8 (tam-duong-binh-lu — Đảng ủy xã Bình Lư)", "Đã gửi", ["Số buổi sinh hoạt chi bộ: 12 → 9"])
    ]
    assert [row.heading for row in preview.new] == ["Dòng 12 (tam-duong-na-tam — Đảng ủy xã Nà Tăm)"]
    assert [line for row in preview.warned for line in row.warning_lines] == BAN_BO_WARNINGS


def test_an_upload_writes_nothing_and_the_preview_page_says_what_confirming_would_do(staff):
    before = snapshot()

    kept = uploaded(staff)
    response = staff.get(kept.get_absolute_url())

    assert snapshot() == before
    assert response.status_code == 200
    page = response.content.decode()
    assert SUMMARY in page
    assert "Chưa có gì được ghi. Xem lại rồi bấm “Xác nhận nhập”; bản xem trước này dùng được đến" in page
    assert text_of(response, 16) == (
        "Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng) Đảng viên tham gia: 129 → 128 Số người tham gia: 151 → 150 "
        "Thay kết quả đã tiếp nhận bằng số liệu trong tệp"
    )
    assert text_of(response, 5) == (
        "Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo) Số người tham gia: 202 → 5.000 "
        "⚠ Số người tham gia: Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (218 người). "
        "⚠ Số người tham gia: Khác xa các đơn vị cùng cấp (thường khoảng 160 người). "
        "Thay kết quả đã tiếp nhận bằng số liệu trong tệp"
    )
    assert text_of(response, 8) == (
        "Dòng 8 (tam-duong-binh-lu — Đảng ủy xã Bình Lư) đang: Đã gửi Số buổi sinh hoạt chi bộ: 12 → 9"
    )
    assert text_of(response, 12) == (
        "Dòng 12 (tam-duong-na-tam — Đảng ủy xã Nà Tăm) Tổng số đảng viên: 180 · Đảng viên tham gia: 174 · "
        "CB-CC-VC-NLĐ chưa là đảng viên: 27 · Số chưa là đảng viên tham gia: 26 · Số hội nghị: 3 · "
        "Trong đó: hội nghị trực tuyến: 1 · Trong đó: hội nghị trực tiếp: 1 · Trong đó: phát lại video: 1 · "
        "Số buổi sinh hoạt chi bộ: 9 · Số người tham gia: 200 · Buổi tuyên truyền do cấp ủy chỉ đạo: 7 · "
        "Lượt người được tuyên truyền: 530 · Tin phát thanh, truyền hình: 0 · Bài phát thanh, truyền hình: 0 · "
        "Thời lượng phát thanh, truyền hình (phút): 0 · Chương trình hành động: 1 · Kế hoạch thực hiện: 1 · "
        "Ủy ban Mặt trận Tổ quốc: buổi tuyên truyền: 1 · Ủy ban Mặt trận Tổ quốc: lượt người: 29 · "
        "Hội Nông dân: buổi tuyên truyền: 2 · Hội Nông dân: lượt người: 104 · Đoàn Thanh niên: buổi tuyên truyền: 14 · "
        "Đoàn Thanh niên: lượt người: 100"
    )
    replacing = page[page.index('id="import-replacing"') : page.index('id="import-changed"')]
    assert "Thay kết quả đã tiếp nhận" in replacing
    assert re.findall(r'name="replace" value="(\d+)"', page) == [
        str(Committee.objects.get(code=code).pk) for code in (BAN_BO, TA_LENG)
    ]
    assert (
        "Có 1 đơn vị có số liệu khác thường (⚠). Bấm “Xác nhận nhập” nghĩa là đã xem lại và các số liệu đó là đúng; "
        "cảnh báo được lưu kèm kết quả."
    ) in page


def test_confirming_writes_the_rows_with_history_and_replaces_only_the_accepted_results_ticked(staff):
    kept = uploaded(staff)
    ta_leng_before = UnitResult.objects.get(unit__code=TA_LENG)
    untouched = [row for row in snapshot() if row["unit_id"] not in units(TA_LENG, BAN_BO, BINH_LU)]

    # What no unit's key is ("²", thousands of digits) is passed over, never a server error.
    ticked = [Committee.objects.get(code=BAN_BO).pk, "²", "9" * 5000]
    response = staff.post(confirm_url(kept), {"replace": ticked})

    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL  # one kept unreplaced: an upload away, not on to the figures
    assert messages_of(response) == [
        "Đã nhập 3 đơn vị: 1 mới, 2 cập nhật; 19 đơn vị không đổi, 0 dòng trống bỏ qua. "
        "Giữ nguyên 1 kết quả đã tiếp nhận không được chọn thay; muốn thay, tải tệp lên lại và đánh dấu đơn vị đó."
    ]
    results = {result.unit.code: result for result in UnitResult.objects.select_related("unit")}
    assert (results[BAN_BO].people, results[BINH_LU].cell_meetings, results[NA_TAM].people) == (5000, 9, 200)
    assert {results[code].status for code in (BAN_BO, BINH_LU, NA_TAM)} == {UnitResult.Status.ACCEPTED}
    assert results[TA_LENG].version == ta_leng_before.version
    assert (results[TA_LENG].party_members_attended, results[TA_LENG].people) == (129, 151)
    assert [row for row in snapshot() if row["unit_id"] not in units(TA_LENG, BAN_BO, BINH_LU, NA_TAM)] == untouched
    for code in (BAN_BO, BINH_LU, NA_TAM):
        latest = results[code].history.first()
        assert (latest.history_user.username, latest.history_change_reason) == (STAFF, "Nhập từ tệp Excel")
    assert results[BAN_BO].confirmed_warnings == [
        {
            "field": "people",
            "label": "Số người tham gia",
            "message": "Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (218 người).",
        },
        {
            "field": "people",
            "label": "Số người tham gia",
            "message": "Khác xa các đơn vị cùng cấp (thường khoảng 160 người).",
        },
    ]
    assert results[NA_TAM].first_submitted_at == results[NA_TAM].submitted_at
    assert not ResultImport.objects.exists()


def units(*codes: str) -> set[int]:
    return set(Committee.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_a_result_changed_since_the_preview_refuses_the_whole_confirmation(staff, django_user_model):
    kept = uploaded(staff)
    unit_result_return(
        result=UnitResult.objects.get(unit__code=TA_LENG),
        user=django_user_model.objects.get(username=STAFF),
        reason="Xem lại số đảng viên tham gia",
    )
    before = snapshot()

    response = staff.post(confirm_url(kept), {"replace": list(units(TA_LENG, BAN_BO))})

    assert response.status_code == 409
    assert messages_of(response) == ["Chưa nhập gì: số liệu đã thay đổi sau khi xem trước. Xem các dòng dưới đây."]
    assert [str(error) for error in response.context["errors"]] == [
        f"Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng): {MOVED_ON}"
    ]
    assert snapshot() == before
    assert not ResultImport.objects.exists()


def test_figures_a_report_signed_since_the_preview_counted_are_refused_on_confirming(staff_client):
    staff_client.the_file = filled_template(changes={TA_LENG: CHANGES[TA_LENG]})
    kept = uploaded(staff_client)
    campaign, district = tam_duong()
    report = report_start(campaign=campaign, committee=district)
    builders.approve(report=report, user=get_user_model().objects.get(username=STAFF))
    report_sign(report=report, user=get_user_model().objects.get(username="lanhdao"))
    before = snapshot()

    response = staff_client.post(confirm_url(kept), {"replace": list(units(TA_LENG))})

    assert response.status_code == 409
    assert [str(error) for error in response.context["errors"]] == [
        "Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng): Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; "
        "không sửa được nữa. Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
    ]
    assert snapshot() == before


def test_an_expired_preview_is_refused_and_writes_nothing(staff):
    start = datetime.datetime(2024, 1, 10, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        kept = uploaded(staff)
    before = snapshot()

    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        assert staff.get(kept.get_absolute_url()).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        page = staff.get(kept.get_absolute_url(), follow=True)
        confirmed = staff.post(confirm_url(kept), {"replace": list(units(TA_LENG, BAN_BO))})

    assert page.redirect_chain == [(IMPORT_URL, 302)]
    assert EXPIRED in page.content.decode()
    assert (confirmed.status_code, confirmed["Location"]) == (302, IMPORT_URL)
    assert messages_of(confirmed) == [EXPIRED]
    assert snapshot() == before
    assert not ResultImport.objects.exists()


def test_another_persons_preview_is_not_found_and_stays_unconfirmed(staff, client, django_user_model):
    kept = uploaded(staff)
    before = snapshot()
    colleague = django_user_model.objects.create_user(
        "tuyengiao2", role="staff", committee=Committee.objects.get(code="tam-duong")
    )
    client.force_login(colleague)

    assert client.get(kept.get_absolute_url()).status_code == 404
    assert client.post(confirm_url(kept), {"replace": list(units(TA_LENG, BAN_BO))}).status_code == 404
    assert snapshot() == before
    assert ResultImport.objects.filter(pk=kept.pk).exists()


def test_a_preview_confirmed_again_says_it_is_used_up_and_leads_back_to_the_upload(staff):
    kept = uploaded(staff)
    assert staff.post(confirm_url(kept), {"replace": []}).status_code == 302
    after = snapshot()

    again = staff.post(confirm_url(kept), {"replace": []})  # the page reloaded, or a second tab

    assert again.status_code == 404 and "Bản xem trước này không còn" in again.text
    assert f'<a href="{reverse("results_import", args=["tw8-khoa-xiii"])}" id="back-to-import">' in again.text
    assert snapshot() == after


def test_of_two_presses_at_once_only_the_one_that_takes_the_preview_writes(staff, monkeypatch):
    kept = uploaded(staff)
    before = snapshot()
    read = importing.stored_preview

    def taken_meanwhile(result_import):
        """The other press uses the preview up between this one finding it and writing it."""
        ResultImport.objects.filter(pk=result_import.pk).delete()
        return read(result_import)

    monkeypatch.setattr(importing, "stored_preview", taken_meanwhile)
    answer = staff.post(confirm_url(kept), {"replace": list(units(TA_LENG, BAN_BO))})

    assert (answer.status_code, answer["Location"]) == (302, IMPORT_URL)
    assert messages_of(answer) == [
        "Bản xem trước này đã được xác nhận; chưa nhập thêm gì. Xem kết quả trên trang tổng hợp."
    ]
    assert snapshot() == before


def test_a_first_result_saved_elsewhere_while_confirming_is_told_not_a_server_error(staff, monkeypatch):
    kept = uploaded(staff)
    before = snapshot()

    def saved_meanwhile(*args):
        """Nà Tăm's secretary sends a first result just after the confirmation found none."""
        builders.result(tam_duong()[0], Committee.objects.get(code=NA_TAM), status="submitted")

    monkeypatch.setattr(importing, "_refuse_moved_on", saved_meanwhile)

    answer = staff.post(confirm_url(kept), {"replace": list(units(TA_LENG, BAN_BO))})

    assert answer.status_code == 409
    assert [str(error) for error in answer.context["errors"]] == [MOVED_ON]
    assert snapshot() == before
    assert not ResultImport.objects.exists()


def test_the_kinds_of_conference_a_smaller_number_leaves_are_shown_before_confirming(demo):
    campaign, district = tam_duong()
    ta_leng = UnitResult.objects.get(campaign=campaign, unit__code=TA_LENG)
    kinds = ("conferences_online", "conferences_in_person", "conferences_replay", "conferences_other")
    assert [getattr(ta_leng, kind) for kind in kinds] == [1, 1, 1, 0]
    fewer = xlsx(row(**{"Số hội nghị": 2}))  # a file of the 7 columns of old

    [preview] = import_preview(file=fewer, campaign=campaign, committee=district).rows

    assert [(change.label, change.before, change.after) for change in preview.changes] == [
        ("Số hội nghị", 3, 2),
        ("Trong đó: hội nghị trực tuyến", 1, 0),
        ("Trong đó: hội nghị trực tiếp", 1, 0),
        ("Trong đó: phát lại video", 1, 0),
        ("Hội nghị hình thức khác", 0, 2),
    ]


def test_confirming_is_a_post_of_its_own(staff):
    kept = uploaded(staff)

    assert staff.get(confirm_url(kept)).status_code == 405


def test_a_file_with_errors_is_never_kept(staff):
    response = staff.post(IMPORT_URL, {"file": xlsx(row(**{"Số hội nghị": -1}))})

    assert response.status_code == 200
    assert messages_of(response) == ["Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại."]
    assert [str(error) for error in response.context["errors"]] == [
        "Dòng 2 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng), cột “Số hội nghị”: Phải là số nguyên không âm."
    ]
    assert "<td>tam-duong-ta-leng — Đảng ủy xã Tả Lèng</td>" in response.content.decode()
    assert not ResultImport.objects.exists()


@pytest.mark.parametrize("communes", [10, 100])
def test_the_preview_takes_six_queries_whatever_its_units(communes, django_assert_num_queries):
    district, units_ = builders.district(communes=communes, party_members=150)
    campaign = builders.campaign(district)
    for unit in units_[::2]:
        builders.result(campaign, unit, party_members_total=140, party_members_attended=120)
    for unit in units_[1::4]:
        builders.result(campaign, unit, status=UnitResult.Status.SUBMITTED, party_members_total=140)
    file = xlsx(*(row(**{"Mã đơn vị": unit.code}) for unit in units_))

    # The units, their results, the organisations' rows of those, the locks, the previous campaign, the siblings.
    with django_assert_num_queries(6):
        preview = import_preview(file=file, campaign=campaign, committee=district)

    assert (len(preview.replacing), len(preview.changed), len(preview.new)) == (
        len(units_[::2]),
        len(units_[1::4]),
        communes - len(units_[::2]) - len(units_[1::4]),
    )


@pytest.mark.parametrize("communes", [10, 100])
def test_the_preview_page_takes_the_same_queries_whatever_its_units(communes, client, django_assert_num_queries):
    district, units_ = builders.district(communes=communes)
    campaign = builders.campaign(district)
    staff = get_user_model().objects.create_user("tuyengiao", role="staff", committee=district)
    client.force_login(staff)
    client.post(
        f"{reverse('results_import', args=[campaign.code])}?committee={district.code}",
        {"file": xlsx(*(row(**{"Mã đơn vị": unit.code}) for unit in units_))},
    )
    url = ResultImport.objects.get().get_absolute_url()

    # The session, its user with their committee, the preview with its campaign and committee, the waiting count.
    with django_assert_num_queries(4):
        response = client.get(url)

    assert response.content.decode().count('data-kind="new"') == communes


def test_a_file_whose_code_is_unknown_names_no_unit(demo):
    campaign, district = tam_duong()

    with pytest.raises(ImportRejected) as rejected:
        import_preview(file=xlsx(row(**{"Mã đơn vị": "khong-co"})), campaign=campaign, committee=district)

    assert [str(error) for error in rejected.value.errors] == [
        "Dòng 2, cột “Mã đơn vị”: Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường."
    ]
