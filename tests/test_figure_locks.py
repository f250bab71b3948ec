"""Figures a signed report counted stay as signed, by every path, until staff open a correction."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from conferences.models import Attendance, Committee, ConferenceSite
from reporting.documents.corrections import report_open_correction
from reporting.documents.workflow import (
    ReportStateError,
    report_blocks,
    report_regenerate,
    report_sign,
)
from reporting.models import OrganisationOutreach, Report, UnitResult
from reporting.models.locks import FiguresLocked
from reporting.results.committee_import import committee_import, committee_template
from reporting.results.import_reading import ImportRejected
from tests import builders
from tests.staff_pages import demo_conference, grid_url, messages_of
from tests.test_attendance_grid import cell, grid_sent_back
from tests.test_committee_import import upload, workbook
from tests.test_reports import pdf_text, user

pytestmark = pytest.mark.django_db

LOCKED = (
    "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; không sửa được nữa. "
    "Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
)
# What the unit's secretary reads: staff open a correction, so the unit asks them to.
LOCKED_FOR_THE_UNIT = (
    "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; không sửa được nữa. "
    "Nếu số liệu sai, báo cán bộ tuyên giáo để mở đính chính báo cáo đó."
)
TA_LENG = "tam-duong-ta-leng"


def results() -> list[dict]:
    return list(UnitResult.objects.order_by("pk").values()) + list(OrganisationOutreach.objects.order_by("pk").values())


def result_url(name: str) -> str:
    return reverse(name, args=["tw8-khoa-xiii", TA_LENG])


def test_a_direct_save_or_delete_is_refused(signed):
    result = UnitResult.objects.get(campaign=signed.campaign, unit__code=TA_LENG)
    result.people += 1
    with pytest.raises(FiguresLocked, match="báo cáo số 01-BC/HU đã ký"):
        result.save()
    with pytest.raises(FiguresLocked):
        result.delete()


def test_the_secretarys_form_is_refused(signed, client):
    before = results()
    client.force_login(user("bithu.taleng"))
    response = client.post(result_url("unit_result_submit"), {"version": "1", "people": "1"}, follow=True)
    assert messages_of(response) == [LOCKED_FOR_THE_UNIT]
    assert f'<div class="alert alert-warning" id="lock">{LOCKED_FOR_THE_UNIT}</div>' in response.content.decode()
    assert LOCKED not in response.content.decode()
    assert results() == before


def test_the_staff_review_is_refused_and_the_page_says_why(signed, client):
    before = results()
    client.force_login(user("tuyengiao"))
    response = client.post(result_url("unit_result_return"), {"reason": "Sai"}, follow=True)
    assert messages_of(response) == [LOCKED]
    assert results() == before
    page = client.get(reverse("unit_result", args=["tw8-khoa-xiii", TA_LENG])).content.decode()
    assert f'<div class="alert alert-warning" id="lock">{LOCKED}</div>' in page
    assert 'id="review-form"' not in page


def test_the_attendance_grid_is_refused(signed, client):
    before = list(Attendance.objects.order_by("pk").values())
    client.force_login(user("tuyengiao"))
    data = grid_sent_back(client.get(grid_url()))
    data[cell(TA_LENG, "party_members_attended")] = "34"
    response = client.post(grid_url(), data)
    assert messages_of(response) == [LOCKED]
    assert list(Attendance.objects.order_by("pk").values()) == before
    page = client.get(grid_url())  # says so before anyone types: every row is read-only, with no save button
    assert f'<div class="alert alert-secondary" id="locked">🔒 {LOCKED}</div>' in page.content.decode()
    assert "Lưu toàn bộ bảng</button>" not in page.content.decode()
    assert all(field.disabled for _row, form in page.context["grid"] for field in form.fields.values())


def test_a_row_saved_on_its_own_is_refused_the_same_way(signed, client):
    before = list(Attendance.objects.order_by("pk").values())
    client.force_login(user("tuyengiao"))
    data = grid_sent_back(client.get(grid_url()))
    data[cell(TA_LENG, "party_members_attended")] = "34"
    row = f"unit-{Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG).unit_id}"
    response = client.post(reverse("attendance_row", args=[demo_conference().pk, row]), data)
    assert (response.status_code, response.json()) == (409, {"state": "refused", "message": LOCKED})
    assert list(Attendance.objects.order_by("pk").values()) == before


def test_a_sites_line_test_and_incidents_are_refused_too(signed, client):
    sites = list(ConferenceSite.objects.order_by("pk").values())
    client.force_login(user("tuyengiao"))
    data = grid_sent_back(client.get(grid_url()))
    data[cell(TA_LENG, "line_test")] = ConferenceSite.LineTest.FAILED
    data[cell(TA_LENG, "sound_lost")] = "on"
    response = client.post(grid_url(), data)
    assert messages_of(response) == [LOCKED]
    assert list(ConferenceSite.objects.order_by("pk").values()) == sites


def test_the_admin_shows_it_read_only_and_refuses_a_bulk_delete(signed, client):
    client.force_login(get_user_model().objects.get(username="quantri"))
    result = UnitResult.objects.get(campaign=signed.campaign, unit__code=TA_LENG)
    change = reverse("admin:reporting_unitresult_change", args=[result.pk])
    page = client.get(change).content.decode()
    assert LOCKED in page and 'name="people"' not in page
    assert client.post(change, {"people": "1"}).status_code == 403
    attendance = Attendance.objects.get(conference=demo_conference(), unit__code=TA_LENG)
    assert client.post(reverse("admin:conferences_attendance_change", args=[attendance.pk]), {}).status_code == 403
    site = ConferenceSite.objects.get(conference=demo_conference(), site=attendance.site)
    assert client.post(reverse("admin:conferences_conferencesite_change", args=[site.pk]), {}).status_code == 403
    conference_page = client.get(reverse("admin:conferences_conference_change", args=[demo_conference().pk]))
    assert 'name="conference_sites-0-line_test"' not in conference_page.content.decode()
    before = results()
    bulk = {"action": "delete_selected", "_selected_action": [result.pk], "post": "yes"}
    assert client.post(reverse("admin:reporting_unitresult_changelist"), bulk).status_code == 403
    assert results() == before


def test_a_correction_unlocks_and_its_report_replaces_the_signed_one(signed, client):
    stored = bytes(signed.signed_pdf)
    client.force_login(user("tuyengiao"))
    page = reverse("report", args=["tw8-khoa-xiii"])
    refused = client.post(reverse("report_correction", args=["tw8-khoa-xiii"]), {"report": signed.pk, "reason": " "})
    assert refused.status_code == 302 and not Report.objects.filter(replaces=signed).exists()
    assert refused["Location"].endswith(f"#dinh-chinh-{signed.pk}")
    shown = client.get(refused["Location"]).content.decode()  # the section open again, the reason asked at its box
    assert f'<details class="small mt-1" id="dinh-chinh-{signed.pk}" open>' in shown
    assert "Nêu lý do đính chính." in shown.split(f'id="dinh-chinh-{signed.pk}"')[1].split("</details>")[0]
    assert f'id="dinh-chinh-{signed.pk}" open' not in client.get(page).content.decode()  # told once
    client.post(reverse("report_correction", args=["tw8-khoa-xiii"]), {"report": signed.pk, "reason": "Tả Lèng sai"})
    correction = Report.objects.get(replaces=signed)
    assert (correction.correction_reason, correction.correction_opened_by) == ("Tả Lèng sai", user("tuyengiao"))
    # It starts from the signed words: what staff wrote or kept stays so, nothing to review again.
    assert (correction.edits, correction.recipients) == (signed.edits, signed.recipients) and signed.edits
    assert not [block for block in report_blocks(correction) if block.awaits_review]
    assert "Đính chính báo cáo số 01-BC/HU, mở bởi" in client.get(page).content.decode()
    with pytest.raises(ReportStateError, match="đã được mở đính chính"):
        report_open_correction(signed=signed, user=user("tuyengiao"), reason="again")

    # Unlocked: staff return the result, the unit corrects it, staff accept it.
    client.post(result_url("unit_result_return"), {"reason": "Sai số người"})
    assert UnitResult.objects.get(unit__code=TA_LENG, campaign=signed.campaign).status == "returned"
    result = UnitResult.objects.get(unit__code=TA_LENG, campaign=signed.campaign)
    result.status, result.people = "accepted", result.people + 1
    result.save()
    report_regenerate(report=correction)  # the draft follows the corrected figures before approval

    day = signed.issued_on
    sentence = f"Báo cáo này thay thế Báo cáo số 01-BC/HU ngày {day.day}/{day.month}/{day.year}."
    assert report_blocks(correction)[0].text == sentence
    correction.signer_name = signed.signer_name
    builders.approve(report=correction, user=user("tuyengiao"))
    replacement = report_sign(report=Report.objects.get(pk=correction.pk), user=user("lanhdao"))
    assert replacement.number.label == "02-BC/HU"
    assert sentence in pdf_text(bytes(replacement.signed_pdf))
    signed.refresh_from_db()
    assert bytes(signed.signed_pdf) == stored
    # Signed again: locked again, now by the new number.
    result.refresh_from_db()
    with pytest.raises(FiguresLocked, match="02-BC/HU"):
        result.save()


UNITS_CHANGED = (
    "Thay đổi này làm thay đổi các đơn vị phải báo cáo trong báo cáo số 01-BC/HU đã ký; không lưu được. "
    "Đơn vị mới thành lập thì ghi ngày thành lập; nếu đã ghi sai, cán bộ tuyên giáo mở đính chính báo cáo đó "
    "(trang Báo cáo) rồi sửa."
)


def test_a_units_dates_may_not_take_it_out_of_the_units_a_signed_report_counted(signed):
    """The 8th Plenum ran 01/12/2023 to 31/01/2024: Tả Lèng merged before it would leave the report's units."""
    ta_leng = Committee.objects.get(code=TA_LENG)
    ta_leng.dissolved_on = datetime.date(2023, 11, 1)
    with pytest.raises(ValidationError) as refused:
        ta_leng.full_clean()  # what the admin's form asks
    assert refused.value.message_dict == {"dissolved_on": [UNITS_CHANGED]}
    template = committee_template(Committee.objects.get(code="tam-duong").subtree())[2]
    stored = list(load_workbook(io.BytesIO(template)).active.iter_rows(min_row=2, values_only=True))
    line = next(number for number, row in enumerate(stored, start=2) if row[0] == TA_LENG)

    def merged_on(day: str) -> SimpleUploadedFile:
        return upload(workbook(*([*row[:10], day] if row[0] == TA_LENG else list(row) for row in stored)))

    with pytest.raises(ImportRejected) as rejected:
        committee_import(merged_on("01/11/2023"), scope=None)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng {line} (Đảng ủy xã Tả Lèng), cột “Giải thể, sáp nhập từ ngày”: {UNITS_CHANGED}"
    ]
    assert Committee.objects.get(code=TA_LENG).dissolved_on is None
    # Merged after the campaign: it was still one of its units, and the report stands as signed.
    committee_import(merged_on("01/07/2025"), scope=None)
    assert Committee.objects.get(code=TA_LENG).dissolved_on == datetime.date(2025, 7, 1)


def test_no_unit_joins_the_units_a_signed_report_counted_by_being_added_or_moved(signed, client):
    """Tam Đường's report counted the communes directly under it: a commune added without a date, or moved there
    in the admin, would have been one of them; one set up after the campaign, or a unit further down, is not."""
    tam_duong, thi_tran = Committee.objects.get(code="tam-duong"), Committee.objects.get(code="tam-duong-thi-tran")
    commune = ["tam-duong-moi", "Đảng ủy xã Mới", "", "tam-duong", "Đảng bộ cơ sở", "xã", "", 100, 10]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(commune)), scope=tam_duong)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 (Đảng ủy xã Mới), cột “Thành lập từ ngày”: {UNITS_CHANGED}"
    ]
    cell = ["tam-duong-thi-tran-moi", "Chi bộ Mới", "", "tam-duong-thi-tran", "Chi bộ", "", "", 5, 0]
    committee_import(upload(workbook([*commune, "01/02/2024"], cell)), scope=tam_duong)
    assert Committee.objects.get(code="tam-duong-moi").established_on == datetime.date(2024, 2, 1)
    client.force_login(get_user_model().objects.get(username="quantri"))
    moved = Committee.objects.get(code="tam-duong-thi-tran-moi")
    change = reverse("admin:conferences_committee_change", args=[moved.pk])
    form = client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"treebeard_position": "first-child", "treebeard_ref_node": tam_duong.pk}
    page = client.post(change, data)
    assert page.status_code == 200 and UNITS_CHANGED in page.text
    assert Committee.objects.get(pk=moved.pk).parent_path == thi_tran.path
    staying = data | {"treebeard_ref_node": thi_tran.pk, "name": "Chi bộ Mới (đổi tên)"}
    assert client.post(change, staying).status_code == 302  # the same form, kept where it is: saved
    assert Committee.objects.get(pk=moved.pk).name == "Chi bộ Mới (đổi tên)"


MOVED = (
    "Chuyển đơn vị này làm thay đổi số liệu của báo cáo số 01-BC/HU đã ký; không chuyển được. Nếu đơn vị đặt sai "
    "chỗ, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi chuyển."
)


def test_the_admin_neither_drags_nor_deletes_what_a_signed_report_counted(signed, client):
    """Tả Lèng's results count in 01-BC/HU; so do those of the cells under a commune, two levels down."""
    client.force_login(get_user_model().objects.get(username="quantri"))
    move = reverse("admin:conferences_committee_changelist") + "move/"
    ta_leng, tay_son = Committee.objects.get(code=TA_LENG), Committee.objects.get(code="tay-son")
    before = list(Committee.objects.order_by("pk").values_list("pk", "path"))
    answer = client.post(move, {"node": ta_leng.pk, "target": tay_son.pk, "relation": "child"})
    assert answer.status_code == 400 and messages_of(answer) == [UNITS_CHANGED]
    counted = UnitResult.objects.filter(campaign=signed.campaign, unit__depth__gt=ta_leng.depth, status="accepted")
    cell = counted.select_related("unit").first().unit
    answer = client.post(move, {"node": cell.pk, "target": tay_son.pk, "relation": "child"})
    assert answer.status_code == 400 and messages_of(answer)[-1] == MOVED
    assert list(Committee.objects.order_by("pk").values_list("pk", "path")) == before
    delete = reverse("admin:conferences_committee_delete", args=[ta_leng.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # Where no signed report counted anything, a unit is dragged as before.
    tay_an, binh_hoa = Committee.objects.get(code="tay-son-tay-an"), Committee.objects.get(code="tay-son-binh-hoa")
    assert client.post(move, {"node": tay_an.pk, "target": binh_hoa.pk, "relation": "child"}).status_code == 200
    assert Committee.objects.get(pk=tay_an.pk).parent_path == binh_hoa.path


def test_the_admin_keeps_the_preparation_of_a_counted_conference_as_it_was(signed, client):
    """01-BC/HU counted the 8th Plenum's conference: its preparation steps are read-only in the admin too."""
    from conferences.models import PreparationStep

    client.force_login(get_user_model().objects.get(username="quantri"))
    step = PreparationStep.objects.get(conference=demo_conference(), step="invitations")
    before = list(PreparationStep.objects.order_by("pk").values())
    change = reverse("admin:conferences_preparationstep_change", args=[step.pk])
    data = {"conference": step.conference_id, "committee": step.committee_id, "step": step.step}
    assert client.post(change, {**data, "completed_on": "01/12/2023"}).status_code == 403
    delete = reverse("admin:conferences_preparationstep_delete", args=[step.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    step.delete()  # as if it had never been marked: adding it now is refused as well
    added = client.post(
        reverse("admin:conferences_preparationstep_add"), {**data, "completed_on": "01/12/2023", "note": ""}
    )
    assert added.status_code == 200 and "Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký" in added.text
    assert not PreparationStep.objects.filter(pk=step.pk).exists()
    assert len(before) - 1 == PreparationStep.objects.count()
