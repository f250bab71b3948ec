"""A leader signs with their own USB token: the numbered file goes out and comes back only with a signature."""

import datetime
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
from cryptography.x509.oid import NameOID
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from conferences.models import Committee, Supervision
from reporting.documents.signing import (
    SignatureRequest,
    _stamp_box,
    issued_certificate,
    key_usage,
    make_self_signed_pkcs12,
)
from reporting.documents.term_reports import term_report_start
from reporting.documents.token_signing import report_accept_signed, report_prepare
from reporting.documents.verification import verify_report_pdf
from reporting.documents.workflow import ReportStateError, report_reopen
from reporting.figures.term import Period
from reporting.models import Report
from tests import builders
from tests.test_reports import pdf_text, user

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))


@pytest.fixture(scope="module")
def token():
    """The leader's own certificate, from an authority this installation does not know."""
    p12 = make_self_signed_pkcs12(common_name="Lê Bình Thành (token)", passphrase="pin")
    return signers.SimpleSigner.load_pkcs12_data(p12, [], passphrase=b"pin")


def signed_elsewhere(pdf: bytes, signer, *, tamper=None) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if tamper:
        tamper(writer)
    return signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ChuKy"), signer=signer).getvalue()


@pytest.fixture(scope="module")
def prepared_once(module_demo, django_db_blocker) -> int:
    with django_db_blocker.unblock():
        return report_prepare(report=approved(), user=user("lanhdao.tayson")).pk


@pytest.fixture
def prepared(prepared_once, demo) -> Report:
    """Tây Sơn's term report, approved, numbered 190-BC/HU and its file out for signing; made once for the
    module, what a test changes is rolled back after it."""
    return Report.objects.get(pk=prepared_once)


def approved() -> Report:
    report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), *PERIOD))
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    return Report.objects.get(pk=report.pk)


def test_the_prepared_file_signed_with_a_token_is_accepted_and_issued(demo, client, token):
    client.force_login(user("lanhdao.tayson"))
    report = approved()
    page = reverse("term_report", args=[report.pk])
    client.post(reverse("term_report_prepare", args=[report.pk]))
    download = client.get(reverse("term_report_prepared_pdf", args=[report.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-190-BC-HU-de-ky.pdf"'
    assert "Số 190-BC/HU" in pdf_text(download.content)
    upload = io.BytesIO(signed_elsewhere(download.content, token))
    upload.name = "da-ky.pdf"
    response = client.post(reverse("term_report_upload_signed", args=[report.pk]), {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == page
    assert "Đã nhận văn bản ký số, ban hành với số 190-BC/HU." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SIGNED and report.signed_with_token
    outcome = verify_report_pdf(bytes(report.signed_pdf))
    assert outcome.valid and outcome.own_token and outcome.problems == []
    assert "Lê Bình Thành (token)" in report.token_certificate
    # The term report's own tables are kept with it, as they stood when it was accepted.
    tables = client.get(reverse("signed_report_xlsx", args=[report.pk]))
    assert 'filename="bao-cao-190-BC-HU-bang-so-lieu.xlsx"' in tables["Content-Disposition"]
    assert tables.content == bytes(report.signed_xlsx) and tables.content.startswith(b"PK")
    assert f'href="{reverse("signed_report_xlsx", args=[report.pk])}"' in response.content.decode()


def test_a_file_signed_over_other_bytes_is_refused_with_the_reason(prepared, token):
    report = prepared
    other = bytearray(bytes(report.prepared_pdf))
    other[200] = ord(" ") if other[200] != ord(" ") else ord("x")
    with pytest.raises(ReportStateError, match="không phải văn bản đã đưa đi ký"):
        report_accept_signed(report=report, signed=signed_elsewhere(bytes(other), token), user=user("lanhdao.tayson"))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and not report.signed_pdf


def test_a_signature_revision_that_changes_the_page_is_refused(prepared, token):
    report = prepared

    def rotate(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Rotate"] = generic.NumberObject(90)
        writer.update_container(page)

    signed = signed_elsewhere(bytes(report.prepared_pdf), token, tamper=rotate)
    with pytest.raises(ReportStateError, match="có thay đổi khác ngoài chữ ký"):
        report_accept_signed(report=report, signed=signed, user=user("lanhdao.tayson"))


def test_a_signature_revision_that_redraws_a_page_under_the_same_dictionary_is_refused(prepared, token):
    """The page's content stream written again, its dictionary kept as it was (a figure changed in the text)."""
    report = prepared

    def redraw(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        contents = page["/Contents"]
        stream = (contents[0] if isinstance(contents, generic.ArrayObject) else contents).get_object()
        stream._encoded_data = stream.encoded_data[:-1] + bytes([stream.encoded_data[-1] ^ 1])
        writer.update_container(stream)

    signed = signed_elsewhere(bytes(report.prepared_pdf), token, tamper=redraw)
    with pytest.raises(ReportStateError, match="có thay đổi khác ngoài chữ ký"):
        report_accept_signed(report=report, signed=signed, user=user("lanhdao.tayson"))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and not report.signed_pdf


def test_a_token_whose_certificate_has_expired_is_refused_whoever_issued_it(prepared, token):
    import time_machine

    report = prepared
    signed = signed_elsewhere(bytes(report.prepared_pdf), token)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=11 * 366)
    with time_machine.travel(later, tick=False), pytest.raises(ReportStateError, match="đã hết hạn ngày"):
        report_accept_signed(report=report, signed=signed, user=user("lanhdao.tayson"))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and not report.signed_pdf


def test_an_unsigned_copy_is_refused(prepared):
    report = prepared
    with pytest.raises(ReportStateError, match="chưa có chữ ký"):
        report_accept_signed(report=report, signed=bytes(report.prepared_pdf), user=user("lanhdao.tayson"))


def test_the_number_given_for_a_token_stays_with_the_report(prepared):
    report = prepared
    report_reopen(report=Report.objects.get(pk=report.pk))
    report.refresh_from_db()
    assert report.number.label == "190-BC/HU" and report.prepared_pdf is None
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    from reporting.documents.workflow import report_sign

    signed = report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))
    assert signed.number.label == "190-BC/HU"  # not 191: a given number is never lost


def test_a_note_drawn_over_the_page_in_the_signatures_revision_is_refused(prepared, token):
    report = prepared

    def annotate(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        note = writer.add_object(
            generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Annot"),
                    generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                    generic.NameObject("/Rect"): generic.ArrayObject(map(generic.NumberObject, (60, 400, 500, 460))),
                    generic.NameObject("/Contents"): generic.TextStringObject("9.999 đại biểu"),
                    generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
                }
            )
        )
        page[generic.NameObject("/Annots")] = generic.ArrayObject([*page.get("/Annots", []), note])
        writer.update_container(page)

    signed = signed_elsewhere(bytes(report.prepared_pdf), token, tamper=annotate)
    with pytest.raises(ReportStateError, match="thêm nội dung ngoài chữ ký"):
        report_accept_signed(report=report, signed=signed, user=user("lanhdao.tayson"))
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED


def visibly_signed(pdf: bytes, signer, *, page: int, box: tuple[int, int, int, int]) -> bytes:
    return (
        signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name="ChuKy"),
            signer,
            new_field_spec=fields.SigFieldSpec(sig_field_name="ChuKy", on_page=page, box=box),
        )
        .sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)))
        .getvalue()
    )


def test_a_visible_signature_goes_in_the_room_left_for_it_not_over_the_text(prepared, token):
    report = prepared
    prepared = bytes(report.prepared_pdf)
    request = SignatureRequest(
        signer_name=report.signer_name, signer_title=report.signer_title, document_label="", location=""
    )
    page, room = _stamp_box(prepared, request)
    over_the_text = visibly_signed(prepared, token, page=0, box=(60, 380, 540, 480))
    with pytest.raises(ReportStateError, match="đặt đè lên nội dung văn bản"):
        report_accept_signed(report=report, signed=over_the_text, user=user("lanhdao.tayson"))
    accepted = report_accept_signed(
        report=report, signed=visibly_signed(prepared, token, page=page, box=room), user=user("lanhdao.tayson")
    )
    assert accepted.status == Report.Status.SIGNED and verify_report_pdf(bytes(accepted.signed_pdf)).valid


def authority_and_token(tmp_path) -> signers.SimpleSigner:
    """A certification authority written to tmp_path/roots.pem, and a token's signer whose certificate it issued."""

    def certificate(subject: str, key, issuer: str, issuer_key, *, authority: bool):
        allowed = ("key_cert_sign", "crl_sign") if authority else ("digital_signature", "content_commitment")
        return issued_certificate(
            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]),
            key,
            issuer=(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]), issuer_key),
            days=30,
            extensions=[
                (x509.BasicConstraints(ca=authority, path_length=None), True),
                (key_usage(*allowed), True),
            ],
        )

    root_key, token_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    root = certificate(
        "Tổ chức chứng thực thử nghiệm", root_key, "Tổ chức chứng thực thử nghiệm", root_key, authority=True
    )
    token_certificate = certificate(
        "Lê Bình Thành", token_key, "Tổ chức chứng thực thử nghiệm", root_key, authority=False
    )
    (tmp_path / "roots.pem").write_bytes(root.public_bytes(Encoding.PEM))
    p12 = pkcs12.serialize_key_and_certificates(
        b"token", token_key, token_certificate, [root], BestAvailableEncryption(b"pin")
    )
    return signers.SimpleSigner.load_pkcs12_data(p12, [], passphrase=b"pin")


def test_with_authorities_named_only_a_token_they_issued_is_accepted(prepared, token, tmp_path, settings):
    issued = authority_and_token(tmp_path)
    settings.REPORT_TOKEN_TRUST_ROOTS = str(tmp_path / "roots.pem")
    report = prepared
    prepared = bytes(report.prepared_pdf)
    with pytest.raises(ReportStateError, match="không do tổ chức chứng thực được công nhận cấp"):
        report_accept_signed(report=report, signed=signed_elsewhere(prepared, token), user=user("lanhdao.tayson"))
    accepted = report_accept_signed(
        report=report, signed=signed_elsewhere(prepared, issued), user=user("lanhdao.tayson")
    )
    assert accepted.status == Report.Status.SIGNED and "Lê Bình Thành" in accepted.token_certificate


def test_a_file_signed_after_the_data_changed_is_refused(prepared, token):
    report = prepared
    tay_son = Committee.objects.get(code="tay-son")
    Supervision.objects.create(  # a year the signed text does not name among those supervised
        committee=tay_son, unit=Committee.objects.get(code="tay-son-binh-hoa"), held_on="2023-02-10", subject="x"
    )
    signed = signed_elsewhere(bytes(report.prepared_pdf), token)
    with pytest.raises(ReportStateError, match="Số liệu đã thay đổi sau khi chuẩn bị văn bản để ký"):
        report_accept_signed(report=report, signed=signed, user=user("lanhdao.tayson"))
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED
