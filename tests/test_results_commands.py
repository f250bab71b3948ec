"""The export_template and import_results commands: the same template and import, from the shell."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conferences.models import Conference
from tests.workbooks import NOT_WHOLE, TEMPLATE_HEADERS, cell, filled_template, row, snapshot, xlsx

pytestmark = pytest.mark.django_db


def test_export_template_writes_the_template(demo, tmp_path):
    output = tmp_path / "mau.xlsx"
    out = io.StringIO()

    call_command("export_template", campaign="tw8-khoa-xiii", committee="tam-duong", output=str(output), stdout=out)

    assert out.getvalue().strip() == f"Đã ghi tệp mẫu “{output}”."
    sheet = openpyxl.load_workbook(output)["Kết quả"]
    assert [cell.value for cell in sheet[1]] == TEMPLATE_HEADERS
    assert sheet.max_row == 24


def test_export_template_names_the_file_after_campaign_and_committee(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    call_command("export_template", campaign="tw8-khoa-xiii", committee="tam-duong", stdout=io.StringIO())

    assert [path.name for path in Path(tmp_path).iterdir()] == ["mau-ket-qua-tw8-khoa-xiii-tam-duong.xlsx"]


@pytest.mark.parametrize("command", ["export_template", "import_results"])
@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ({"campaign": "khong-co"}, "Không tìm thấy đợt học tập có mã “khong-co”."),
        ({"committee": "khong-co"}, "Không tìm thấy cấp ủy có mã “khong-co”."),
    ],
)
def test_commands_refuse_unknown_codes(demo, tmp_path, command, codes, message):
    file = str(tmp_path / "ket-qua.xlsx")
    arguments = {"export_template": [f"--output={file}"], "import_results": [file]}[command]

    with pytest.raises(CommandError, match=re.escape(message)):
        call_command(command, *arguments, **{"campaign": "tw8-khoa-xiii", "committee": "tam-duong", **codes})


def test_import_results_prints_what_it_imported(demo, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(filled_template().getvalue())
    out = io.StringIO()

    call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong", stdout=out)

    assert out.getvalue().strip().splitlines()[-2:] == [
        "Tệp có 23 dòng số liệu: 0 mới, 0 thay đổi, 0 thay kết quả đã tiếp nhận, 23 không đổi; 0 dòng trống bỏ qua.",
        "Đã nhập 0 đơn vị: 0 mới, 0 cập nhật; 23 đơn vị không đổi, 0 dòng trống bỏ qua.",
    ]


def test_import_results_lists_every_error_and_changes_nothing(demo, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(xlsx(row(**{"Đảng viên tham gia": -5}), row(**{"Mã đơn vị": "khong-co"})).getvalue())
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong")

    assert str(refused.value).splitlines() == [
        "Chưa nhập gì vì tệp có lỗi:",
        f"Dòng 2 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng), cột “Đảng viên tham gia”: {NOT_WHOLE}",
        cell("Mã đơn vị", "Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường.", line=3),
    ]
    assert snapshot() == before


@pytest.mark.parametrize(
    "command, options",
    [
        ("import_results", {"campaign": "tw8-khoa-xiii", "committee": "tam-duong"}),
        ("import_committees", {}),
        ("import_accounts", {}),
        ("import_attendance", {"conference": "first"}),
        ("verify_report", {}),
    ],
)
def test_a_command_refuses_a_missing_file_in_vietnamese(demo, tmp_path, command, options):
    missing = tmp_path / "khong-co.xlsx"
    if options.get("conference") == "first":
        options = {"conference": Conference.objects.order_by("pk").first().pk}

    with pytest.raises(CommandError, match=re.escape(f"Không tìm thấy tệp “{missing}”.")):
        call_command(command, str(missing), **options)


def test_verify_report_reads_no_further_than_a_signed_report_and_tells_an_unreadable_file(tmp_path):
    large = tmp_path / "lon.pdf"
    with large.open("wb") as file:
        file.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is written, the size is what counts
    with pytest.raises(CommandError, match=re.escape("Tệp quá lớn: tối đa 20 MB.")):
        call_command("verify_report", str(large))
    folder_as_file = tmp_path / "thu-muc.pdf"
    folder_as_file.mkdir()
    with pytest.raises(CommandError, match=re.escape(f"Không tìm thấy tệp “{folder_as_file}”.")):
        call_command("verify_report", str(folder_as_file))
    with pytest.raises(CommandError, match=re.escape("Không đọc được tệp “/proc/self/mem”: Input/output error")):
        call_command("verify_report", "/proc/self/mem")  # a file the system refuses to read
