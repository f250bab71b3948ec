"""Figures a signed report counted are never changed by an import: the row is an error naming the report.

Tam Đường's report 01-BC/HU is signed once for the module; what a test
changes is rolled back after it.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting.models import ResultImport
from reporting.results.importing import ImportRejected, import_preview
from tests.staff_pages import messages_of
from tests.workbooks import filled_template, named, snapshot, tam_duong

pytestmark = pytest.mark.django_db

LOCKED = (
    "Dòng 16 (tam-duong-ta-leng — Đảng ủy xã Tả Lèng): Số liệu đã được dùng trong báo cáo số 01-BC/HU đã ký; "
    "không sửa được nữa. Nếu số liệu sai, cán bộ tuyên giáo mở đính chính báo cáo đó (trang Báo cáo) rồi sửa."
)
CHANGED = {"tam-duong-ta-leng": {"Đảng viên tham gia": 128, "Số người tham gia": 150}}


def test_a_row_changing_locked_figures_refuses_the_file(signed):
    campaign, district = tam_duong()

    with pytest.raises(ImportRejected) as rejected:
        import_preview(file=filled_template(changes=CHANGED), campaign=campaign, committee=district)

    assert [str(error) for error in rejected.value.errors] == [LOCKED]


def test_rows_leaving_locked_figures_as_they_are_pass(signed):
    campaign, district = tam_duong()

    preview = import_preview(file=filled_template(), campaign=campaign, committee=district)

    assert preview.summary() == (
        "Tệp có 23 dòng số liệu: 0 mới, 0 thay đổi, 0 thay kết quả đã tiếp nhận, 23 không đổi; 0 dòng trống bỏ qua."
    )


def test_the_upload_page_names_the_report_and_keeps_nothing(signed, staff_client):
    before = snapshot()
    file = filled_template(changes=CHANGED)

    response = staff_client.post(
        "/dot-hoc-tap/tw8-khoa-xiii/nhap-excel/?committee=tam-duong", {"file": named(file.getvalue(), file.name)}
    )

    assert response.status_code == 200
    assert messages_of(response) == ["Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại."]
    assert [str(error) for error in response.context["errors"]] == [LOCKED]
    assert "báo cáo số 01-BC/HU đã ký" in response.content.decode()
    assert not ResultImport.objects.exists()
    assert snapshot() == before


def test_the_command_names_the_report_and_changes_nothing(signed, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(filled_template(changes=CHANGED).getvalue())
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command(
            "import_results",
            str(path),
            campaign="tw8-khoa-xiii",
            committee="tam-duong",
            replace_accepted=True,
            accept_warnings=True,
            stdout=io.StringIO(),
        )

    assert str(refused.value).splitlines() == ["Chưa nhập gì vì tệp có lỗi:", LOCKED]
    assert snapshot() == before
