"""A signed report: it reads like the seed, never changes, and anyone can verify it."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reporting.documents.corrections import report_open_correction
from reporting.documents.workflow import (
    ReportStateError,
    report_blocks,
    report_regenerate,
    report_sign,
    report_start,
)
from reporting.exports import XLSX_MIMETYPE
from reporting.figures.dashboard import DashboardExporter
from reporting.models import SignedReportError, UnitResult
from tests.test_reports import pdf_text, tam_duong, user

pytestmark = pytest.mark.django_db


def test_the_signed_pdf_reads_like_the_seed(signed):
    text = pdf_text(bytes(signed.signed_pdf))
    assert "Số 01-BC/HU" in text
    assert "HUYỆN ỦY TAM ĐƯỜNG" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert (
        "142 buổi sinh hoạt chi bộ cho 3.182 người; trong đó đảng viên 2.443/2.538 đạt 96,3%; cán bộ, công chức, "
        "viên chức, người lao động chưa là đảng viên 739/760 đạt 97,2%." in text
    )
    assert "11/13 xã, thị trấn; các chi bộ trực thuộc Đảng ủy thị trấn Tam Đường, xã Nà Tăm." in text
    assert "T/M BAN THƯỜNG VỤ" in text and "PHÓ BÍ THƯ" in text and "Cao Trang Trọng" in text
    assert "DỰ THẢO" not in text


def test_a_signed_report_never_changes(signed, client):
    stored = bytes(signed.signed_pdf)
    with pytest.raises(SignedReportError):
        signed.save()
    with pytest.raises(SignedReportError):
        signed.delete()
    # A correction is a new document, drafted from today's data once the figures are unlocked.
    correction = report_open_correction(signed=signed, user=user("tuyengiao"), reason="Bản Bo báo thiếu 14 người")
    result = UnitResult.objects.get(campaign=signed.campaign, unit__code="tam-duong-ban-bo")
    result.party_members_attended = 190
    result.people += 14
    result.save()
    report_regenerate(report=correction)

    signed.refresh_from_db()
    assert bytes(signed.signed_pdf) == stored
    assert correction.pk != signed.pk and correction.number is None
    assert any("2.457/2.538 đạt 96,8%" in block.text for block in report_blocks(correction))


def test_signing_needs_approval_first(demo):
    campaign, committee = tam_duong()
    report = report_start(campaign=campaign, committee=committee)
    with pytest.raises(ReportStateError, match="phải được duyệt trước khi ký"):
        report_sign(report=report, user=user("lanhdao"))
    assert report.number is None


def test_verification_tells_ours_intact_and_which_document(signed, client):
    client.force_login(user("lanhdao"))
    good = io.BytesIO(bytes(signed.signed_pdf))
    good.name = "bao-cao.pdf"
    content = client.post(reverse("verify"), {"file": good}).content.decode()
    assert "Hợp lệ: văn bản số 01-BC/HU của Huyện ủy Tam Đường, còn nguyên vẹn." in content
    assert '<div class="small text-break" id="checked-file">Tệp đã kiểm tra: bao-cao.pdf</div>' in content

    tampered = bytearray(bytes(signed.signed_pdf))
    position = tampered.index(b"/Title")
    tampered[position + 8] ^= 0x01
    bad = io.BytesIO(bytes(tampered))
    bad.name = "bao-cao <sửa>.pdf"
    content = client.post(reverse("verify"), {"file": bad}).content.decode()
    assert "Không hợp lệ." in content
    assert "Tệp đã kiểm tra: bao-cao &lt;sửa&gt;.pdf</div>" in content
    assert "Tệp đã bị sửa sau khi ký." in content


def test_the_files_check_code_is_given_for_a_signed_file_only(signed, client):
    client.force_login(user("lanhdao"))
    good = io.BytesIO(bytes(signed.signed_pdf))
    good.name = "bao-cao.pdf"
    content = client.post(reverse("verify"), {"file": good}).content.decode()
    assert f'<code class="text-break">{signed.signed_sha256}</code>' in content
    note = io.BytesIO(b"ghi chu")
    note.name = "ghi-chu.pdf"
    content = client.post(reverse("verify"), {"file": note}).content.decode()
    assert "Không đọc được tệp PDF." in content and "Tệp đã kiểm tra: ghi-chu.pdf" in content
    assert "Mã kiểm tra của tệp" not in content  # nothing archived to compare it with


def test_a_file_too_large_to_be_a_report_is_refused_at_its_field_unread(client, demo):
    client.force_login(user("bithu.taleng"))
    huge = io.BytesIO(b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024))
    huge.name = "bao-cao.pdf"
    response = client.post(reverse("verify"), {"file": huge})
    assert response.context["form"].errors == {"file": ["Tệp quá lớn: tối đa 20 MB."]}
    assert response.context["outcome"] is None


def test_verify_report_command(signed, tmp_path):
    path = tmp_path / "bc.pdf"
    path.write_bytes(bytes(signed.signed_pdf))
    out = io.StringIO()
    call_command("verify_report", str(path), stdout=out)
    assert "Hợp lệ: văn bản số 01-BC/HU của Huyện ủy Tam Đường" in out.getvalue()
    path.write_bytes(bytes(signed.signed_pdf) + b"\n% appended\n")
    with pytest.raises(CommandError, match="Không hợp lệ"):
        call_command("verify_report", str(path), stdout=io.StringIO())


def sheet_values(content: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_the_tables_kept_with_the_signed_file_stay_as_signed(signed, client):
    client.force_login(user("lanhdao"))
    page = client.get(reverse("report", args=[signed.campaign.code])).content.decode()
    url = reverse("signed_report_xlsx", args=[signed.pk])
    assert f'<a href="{url}">Bảng số liệu khi ký (.xlsx)</a>' in page
    home = client.get(reverse("home")).content.decode()  # the leader's recently signed, named and with both files
    assert f"Số 01-BC/HU</a>, {signed.issued_on:%d/%m/%Y} — {signed.campaign}" in home and f'href="{url}"' in home
    download = client.get(url)
    assert download["Content-Type"] == XLSX_MIMETYPE
    assert 'filename="bao-cao-01-BC-HU-bang-so-lieu.xlsx"' in download["Content-Disposition"]
    dashboard = DashboardExporter(campaign=signed.campaign, committee=signed.committee)
    assert sheet_values(download.content) == sheet_values(dashboard.render()[2])
    by_unit = {row[0]: row for row in sheet_values(download.content)["Theo đơn vị"]}
    assert by_unit["tam-duong-ban-bo"][6:8] == (176, 190)  # Bản Bo's party members attended, of its total

    correction = report_open_correction(signed=signed, user=user("tuyengiao"), reason="Bản Bo báo thiếu 14 người")
    result = UnitResult.objects.get(campaign=signed.campaign, unit__code="tam-duong-ban-bo")
    result.party_members_attended, result.people = 190, result.people + 14
    result.save()
    report_regenerate(report=correction)

    assert client.get(url).content == download.content
    assert {row[0]: row for row in sheet_values(dashboard.render()[2])["Theo đơn vị"]}["tam-duong-ban-bo"][6] == 190
