import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
import time_machine
import weasyprint
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pyhanko.sign import signers
from pypdf import PdfWriter
from pypdf.annotations import FreeText

from reporting.documents import signing
from reporting.documents.signing import SignatureRequest, check_pdf, make_self_signed_pkcs12, sign_pdf

pytestmark = pytest.mark.django_db

DEMO_CERTIFICATE = settings.BASE_DIR / "fixtures" / "signing" / "demo-signer.p12"
DEMO_PASSPHRASE = "demo-ky-so"  # as fixtures/signing/README.md says
REQUEST = SignatureRequest(
    signer_name="Cao Trang Trọng", signer_title="Phó Bí thư", document_label="190-BC/HU", location="Tam Đường"
)
SIGNATURE_BLOCK = """
<style>
  @font-face {{ font-family: "Liberation Serif"; src: url("{font}"); }}
  @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
  body {{ font-family: "Liberation Serif"; font-size: 14pt; }}
  .signature {{ margin-left: 50%; text-align: center; font-weight: bold; }}
</style>
<p>Ban Thường vụ Huyện ủy báo cáo kết quả học tập, quán triệt nghị quyết.</p>
<div class="signature">
  <p>T/M BAN THƯỜNG VỤ<br>PHÓ BÍ THƯ</p>
  <div style="height: 30mm"></div>
  <p>Cao Trang Trọng</p>
</div>
"""


@pytest.fixture(scope="module", autouse=True)
def demo_certificate():
    with override_settings(REPORT_SIGNING_PKCS12=DEMO_CERTIFICATE, REPORT_SIGNING_PASSPHRASE=DEMO_PASSPHRASE):
        yield


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    return weasyprint.HTML(string=SIGNATURE_BLOCK.format(font=font.as_uri())).write_pdf()


@pytest.fixture(scope="module")
def signed_pdf(sample_pdf) -> bytes:
    # Frozen so the stamp's minute and the signature's time cannot fall either side of a minute.
    with time_machine.travel(datetime.now(UTC).replace(microsecond=0), tick=False):
        return sign_pdf(sample_pdf, REQUEST)


def stamp_text(pdf: bytes) -> str:
    """The text drawn in the signature widget's appearance on the last page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        (widget,) = document.pages[-1].annots  # the sample has no other annotation
        appearance = resolve1(resolve1(widget["data"]["AP"])["N"])
        attrs = {"MediaBox": appearance["BBox"], "Resources": appearance.get("Resources"), "Contents": appearance}
        page = PDFPage(document.doc, "stamp", attrs, None)
        return pdfplumber.page.Page(document, page, page_number=0).extract_text()


def test_signed_report_checks_out(signed_pdf):
    check = check_pdf(signed_pdf)

    assert (check.signed, check.intact, check.ours, check.valid) == (True, True, True, True)
    assert check.problems == []
    assert check.signer == "Văn phòng Huyện ủy Tam Đường (thử nghiệm)"
    assert check.document_label == "190-BC/HU"
    assert abs(check.signed_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert len(check.sha256) == 64


def test_signature_is_pades(signed_pdf):
    assert b"/SubFilter /ETSI.CAdES.detached" in signed_pdf


def test_stamp_shows_signer_and_time_between_title_and_name(signed_pdf):
    check = check_pdf(signed_pdf)
    local_time = check.signed_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y %H:%M")
    assert stamp_text(signed_pdf).splitlines() == [
        "Ký bởi: Cao Trang Trọng",
        "Chức vụ: Phó Bí thư",
        f"Thời gian: {local_time}",
    ]

    with pdfplumber.open(io.BytesIO(signed_pdf)) as document:
        page = document.pages[-1]
        (title,) = page.search("PHÓ BÍ THƯ")
        (name,) = page.search("Cao Trang Trọng")
        (widget,) = page.annots
    assert title["bottom"] <= widget["top"] < widget["bottom"] <= name["top"]
    assert widget["x0"] < title["x0"] and widget["x1"] > title["x1"]


def test_changed_byte_is_reported(signed_pdf):
    tampered = bytearray(signed_pdf)
    tampered[10] ^= 0x01  # in the binary comment on line 2: signed, yet the file still reads
    check = check_pdf(bytes(tampered))

    assert check.signed and not check.intact and not check.valid
    assert check.problems == ["Tệp đã bị sửa sau khi ký."]


def test_bytes_appended_after_signing_are_reported(signed_pdf):
    check = check_pdf(signed_pdf + b"\n% added later\n")

    assert not check.intact and not check.valid
    assert check.problems == ["Tệp đã bị sửa sau khi ký."]


def test_text_added_in_an_incremental_update_is_reported(signed_pdf):
    writer = PdfWriter(io.BytesIO(signed_pdf), incremental=True)
    writer.add_annotation(page_number=0, annotation=FreeText(text="Đã sửa số liệu", rect=(50, 50, 250, 80)))
    output = io.BytesIO()
    writer.write(output)
    updated = output.getvalue()
    assert updated.startswith(signed_pdf)  # the signed revision is untouched

    check = check_pdf(updated)
    assert not check.intact and not check.valid
    assert check.problems == ["Tệp đã bị sửa sau khi ký."]


def test_signature_with_another_certificate_is_not_ours(sample_pdf, tmp_path):
    other = tmp_path / "other.p12"
    other.write_bytes(make_self_signed_pkcs12(common_name="Cơ quan khác", passphrase="khac"))
    with override_settings(REPORT_SIGNING_PKCS12=other, REPORT_SIGNING_PASSPHRASE="khac"):
        foreign = sign_pdf(sample_pdf, REQUEST)

    check = check_pdf(foreign)
    assert check.signed and check.intact and not check.ours and not check.valid
    assert check.signer == "Cơ quan khác"
    assert check.problems == ["Chữ ký không phải của cơ quan này."]


def test_unsigned_pdf(sample_pdf):
    check = check_pdf(sample_pdf)

    assert not check.signed and not check.valid
    assert check.problems == ["Tệp chưa được ký số."]


@pytest.mark.parametrize("content", [b"", b"not a pdf at all", bytes(range(256)) * 8, b"%PDF-1.7\n1 0 obj\n<<"])
def test_unreadable_file(content):
    check = check_pdf(content)

    assert not check.signed and not check.valid
    assert check.problems == ["Không đọc được tệp PDF."]


def test_truncated_signed_file(signed_pdf):
    check = check_pdf(signed_pdf[: len(signed_pdf) // 2])

    assert not check.signed and not check.valid
    assert check.problems == ["Không đọc được tệp PDF."]


def test_command_writes_a_loadable_certificate(tmp_path):
    output = tmp_path / "signer.p12"
    call_command(
        "make_signing_certificate",
        output=str(output),
        passphrase="bi-mat",
        name="Văn phòng Huyện ủy Tam Đường (thử nghiệm)",
        stdout=io.StringIO(),
    )

    key, certificate, _ = pkcs12.load_key_and_certificates(output.read_bytes(), b"bi-mat")
    assert key.key_size == 2048
    assert certificate.subject == certificate.issuer
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment  # content_commitment is nonRepudiation
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days >= 3650


def test_stamp_falls_back_to_the_bottom_right_when_the_title_is_not_on_the_page(sample_pdf):
    request = SignatureRequest(
        signer_name="Cao Trang Trọng", signer_title="Chánh Văn phòng", document_label="190-BC/HU", location="Tam Đường"
    )
    signed = sign_pdf(sample_pdf, request)

    assert check_pdf(signed).valid
    with pdfplumber.open(io.BytesIO(signed)) as document:
        page = document.pages[-1]
        (widget,) = page.annots
    bottom_margin = 20 * 72 / 25.4
    assert widget["bottom"] == pytest.approx(page.height - bottom_margin, abs=1)
    assert widget["x1"] == pytest.approx(page.width - 15 * 72 / 25.4, abs=1)


def test_the_key_is_read_once_and_signs_as_pyhankos_own_signer_would(sample_pdf, monkeypatch):
    pkcs12_bytes = DEMO_CERTIFICATE.read_bytes()
    ours = signing.opened_pkcs12(pkcs12_bytes, DEMO_PASSPHRASE)
    theirs = signers.SimpleSigner.load_pkcs12_data(pkcs12_bytes, other_certs=[], passphrase=DEMO_PASSPHRASE.encode())
    digest = b"\x01" * 32
    assert ours.sign_raw(digest, "sha256") == theirs.sign_raw(digest, "sha256")  # PKCS #1 v1.5: the same bytes

    reads = []
    read = signing.load_der_private_key
    monkeypatch.setattr(
        signing, "load_der_private_key", lambda *args, **kwargs: reads.append(1) or read(*args, **kwargs)
    )
    signing.opened_pkcs12.cache_clear()
    for _ in range(2):  # two signatures a PDF: one sizes the room for the other
        assert check_pdf(sign_pdf(sample_pdf, REQUEST)).valid
    assert len(reads) == 1
