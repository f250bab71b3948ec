"""The import_results command prints what the file would change, then writes it only as its flags allow.

Replacing a result staff already accepted needs ``--replace-accepted``;
figures with plausibility warnings need ``--accept-warnings``. Without them
the command prints every change and warning, exits with an error and changes
nothing. ``export_template --filled`` gives the template with the current
figures to correct.
"""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting.models import UnitResult
from tests import builders
from tests.workbooks import NOT_WHOLE, TEMPLATE_HEADERS, filled_template, row, snapshot, xlsx

pytestmark = pytest.mark.django_db

TA_LENG, BAN_BO = "tam-duong-ta-leng", "tam-duong-ban-bo"
TA_LENG_CHANGE = {TA_LENG: {"Đảng viên tham gia": 128, "Số người tham gia": 150}}
TA_LENG_LINES = [
    "Tệp có 23 dòng số liệu: 0 mới, 0 thay đổi, 1 thay kết quả đã tiếp nhận, 22 không đổi; 0 dòng trống bỏ qua.",
    "Thay kết quả đã tiếp nhận:",
    "  Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng)",
    "    Đảng viên tham gia: 129 → 128",
    "    Số người tham gia: 151 → 150",
]
REPLACE_REFUSED = (
    "1 đơn vị đã có kết quả được tiếp nhận sẽ bị thay (xem ở trên); chạy lại với --replace-accepted nếu đúng."
)
WARNINGS_REFUSED = (
    "1 đơn vị có số liệu khác thường (xem cảnh báo ở trên); chạy lại với --accept-warnings nếu số liệu đúng."
)


@pytest.fixture
def out() -> io.StringIO:
    return io.StringIO()


def run(tmp_path, file, out: io.StringIO, **flags) -> list[str]:
    """The command on ``file`` for campaign tw8-khoa-xiii of Tam Đường; the lines it printed."""
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(file.getvalue())
    out.seek(0)
    out.truncate()
    call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong", stdout=out, **flags)
    return printed(out)


def printed(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


def test_replacing_accepted_results_without_the_flag_prints_each_change_and_changes_nothing(demo, tmp_path, out):
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run(tmp_path, filled_template(changes=TA_LENG_CHANGE), out)

    assert printed(out) == TA_LENG_LINES
    assert str(refused.value).splitlines() == ["Chưa nhập gì:", REPLACE_REFUSED]
    assert snapshot() == before


def test_replacing_accepted_results_with_the_flag_writes_them_with_history(demo, tmp_path, out):
    before = {result["unit_id"]: result for result in snapshot()}

    lines = run(tmp_path, filled_template(changes=TA_LENG_CHANGE), out, replace_accepted=True)

    assert lines == [*TA_LENG_LINES, "Đã nhập 1 đơn vị: 0 mới, 1 cập nhật; 22 đơn vị không đổi, 0 dòng trống bỏ qua."]
    result = UnitResult.objects.get(unit__code=TA_LENG)
    assert (result.party_members_attended, result.people, result.status) == (128, 150, UnitResult.Status.ACCEPTED)
    assert result.version == before[result.unit_id]["version"] + 1
    latest = result.history.first()
    assert (latest.history_user, latest.history_change_reason) == (None, "Nhập từ tệp Excel")
    assert {unit_id: values for unit_id, values in before.items() if unit_id != result.unit_id} == {
        values["unit_id"]: values for values in snapshot() if values["unit_id"] != result.unit_id
    }


def test_figures_with_warnings_need_their_flag(demo, tmp_path, out):
    file = filled_template(changes={BAN_BO: {"Số người tham gia": 5000}})
    warnings = [
        "Cảnh báo:",
        "  Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo), cột “Số người tham gia”: "
        "Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (218 người).",
        "  Dòng 5 (tam-duong-ban-bo — Đảng ủy xã Bản Bo), cột “Số người tham gia”: "
        "Khác xa các đơn vị cùng cấp (thường khoảng 164 người).",
    ]
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run(tmp_path, file, out, replace_accepted=True)

    assert printed(out)[-3:] == warnings
    assert str(refused.value).splitlines() == ["Chưa nhập gì:", WARNINGS_REFUSED]
    assert snapshot() == before

    with pytest.raises(CommandError) as refused:
        run(tmp_path, file, out)
    assert str(refused.value).splitlines() == ["Chưa nhập gì:", REPLACE_REFUSED, WARNINGS_REFUSED]
    assert snapshot() == before

    lines = run(tmp_path, file, out, replace_accepted=True, accept_warnings=True)

    assert lines[-1] == "Đã nhập 1 đơn vị: 0 mới, 1 cập nhật; 22 đơn vị không đổi, 0 dòng trống bỏ qua."
    result = UnitResult.objects.get(unit__code=BAN_BO)
    assert result.people == 5000
    assert [warning["message"] for warning in result.confirmed_warnings] == [
        "Gấp hơn 3 lần tổng số đảng viên và CB-CC-VC-NLĐ của đơn vị (218 người).",
        "Khác xa các đơn vị cùng cấp (thường khoảng 164 người).",
    ]


def test_new_results_and_results_not_yet_accepted_need_no_flag(tmp_path, out):
    district, (sent, new) = builders.district("tam-duong", communes=2)
    campaign = builders.campaign(district, code="tw8-khoa-xiii")
    builders.result(campaign, sent, status=UnitResult.Status.SUBMITTED, **{"party_members_total": 140, "people": 140})
    file = xlsx(*(row(**{"Mã đơn vị": unit.code, "Tên đơn vị": unit.name}) for unit in (sent, new)))

    lines = run(tmp_path, file, out)

    assert lines == [
        "Tệp có 2 dòng số liệu: 1 mới, 1 thay đổi, 0 thay kết quả đã tiếp nhận, 0 không đổi; 0 dòng trống bỏ qua.",
        "Thay đổi:",
        "  Dòng 2 (tam-duong-xa-1 — Đảng ủy xã 1), đang: Đã gửi",
        "    Đảng viên tham gia: 0 → 129",
        "    CB-CC-VC-NLĐ chưa là đảng viên: 0 → 24",
        "    Số chưa là đảng viên tham gia: 0 → 22",
        "    Số hội nghị: 0 → 3",
        "    Số buổi sinh hoạt chi bộ: 0 → 8",
        "    Số người tham gia: 140 → 151",
        "    Hội nghị hình thức khác: 0 → 3",  # what the conferences are not told by kind
        "Kết quả mới:",
        "  Dòng 3 (tam-duong-xa-2 — Đảng ủy xã 2)",
        "Đã nhập 2 đơn vị: 1 mới, 1 cập nhật; 0 đơn vị không đổi, 0 dòng trống bỏ qua.",
    ]
    assert set(UnitResult.objects.values_list("status", flat=True)) == {UnitResult.Status.ACCEPTED}


def test_errors_name_their_row_and_unit_and_change_nothing(demo, tmp_path, out):
    file = xlsx(row(**{"Đảng viên tham gia": -5}), row(**{"Mã đơn vị": "khong-co"}))
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run(tmp_path, file, out, replace_accepted=True, accept_warnings=True)

    assert str(refused.value).splitlines() == [
        "Chưa nhập gì vì tệp có lỗi:",
        f"Dòng 2 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng), cột “Đảng viên tham gia”: {NOT_WHOLE}",
        "Dòng 3, cột “Mã đơn vị”: Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường.",
    ]
    assert snapshot() == before


def test_export_template_filled_writes_the_accepted_figures(demo, tmp_path, out):
    UnitResult.objects.filter(unit__code=BAN_BO).update(status=UnitResult.Status.SUBMITTED)
    output = tmp_path / "mau.xlsx"

    call_command(
        "export_template", campaign="tw8-khoa-xiii", committee="tam-duong", output=str(output), filled=True, stdout=out
    )

    assert out.getvalue().strip() == f"Đã ghi tệp mẫu “{output}”."
    header, *rows = openpyxl.load_workbook(output)["Kết quả"].iter_rows(values_only=True)
    assert list(header) == TEMPLATE_HEADERS
    by_code = {code: figures for code, _name, *figures in rows}
    assert by_code[TA_LENG][:17] == [140, 129, 24, 22, 3, 1, 1, 1, 8, 151, 8, 552, 0, 0, 0, 1, 1]
    assert by_code[BAN_BO] == [190, None, 28, *[None] * 24]  # not accepted: its registered head-counts only
    assert len(by_code) == 23
