"""Each committee signs with its own certificate, kept sealed; the verify page names the committee that signed."""

import datetime
import io
import re

import pytest
from asn1crypto import pkcs12 as asn1_pkcs12
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm

from conferences.models import Committee
from reporting.documents import keys
from reporting.documents.keys import KeyRefused, committee_key_add, signer_for
from reporting.documents.signing import make_self_signed_pkcs12
from reporting.documents.term_reports import term_report_start
from reporting.documents.verification import verify_report_pdf
from reporting.documents.workflow import ReportStateError, report_sign
from reporting.figures.term import Period
from reporting.models import Report, SigningKey
from tests import builders
from tests.test_reports import user

pytestmark = pytest.mark.django_db

TAY_SON_PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))


def signed_term_report() -> Report:
    report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), *TAY_SON_PERIOD))
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    return report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))


def test_the_tay_son_report_verifies_as_signed_by_its_own_committee(demo, client):
    report = signed_term_report()
    outcome = verify_report_pdf(bytes(report.signed_pdf))
    assert outcome.valid and outcome.check.committee.code == "tay-son"
    assert outcome.check.signer == "Huyện ủy Tây Sơn (thử nghiệm)"
    client.force_login(user("lanhdao.tayson"))
    upload = io.BytesIO(bytes(report.signed_pdf))
    upload.name = "190.pdf"
    page = client.post(reverse("verify"), {"file": upload}).content.decode()
    assert "Hợp lệ: văn bản số 190-BC/HU của Huyện ủy Tây Sơn, còn nguyên vẹn." in page
    assert "Ký bằng chứng thư số của Huyện ủy Tây Sơn (thử nghiệm) lúc" in page


def test_a_server_signature_certifies_the_document_against_any_change(demo):
    report = signed_term_report()
    signature = PdfFileReader(io.BytesIO(bytes(report.signed_pdf))).embedded_signatures[0]
    assert signature.docmdp_level == MDPPerm.NO_CHANGES


def test_a_report_signed_with_another_committees_key_is_not_valid(demo, monkeypatch):
    tam_duong = signer_for(Committee.objects.get(code="tam-duong"))
    monkeypatch.setattr(keys, "signer_for", lambda committee: tam_duong)
    outcome = verify_report_pdf(bytes(signed_term_report().signed_pdf))
    assert not outcome.valid
    assert outcome.problems == [
        "Chữ ký là của Huyện ủy Tam Đường, không phải của cấp ủy ban hành văn bản (Huyện ủy Tây Sơn)."
    ]


def test_a_byte_changed_inside_the_signature_is_told_as_such(demo):
    signed = bytes(signed_term_report().signed_pdf)
    contents = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed).start(1)
    damaged = bytearray(signed)
    damaged[contents + 1200] = ord("1") if damaged[contents + 1200] != ord("1") else ord("2")
    outcome = verify_report_pdf(bytes(damaged))
    assert not outcome.valid
    assert outcome.problems == [
        "Không phải báo cáo đã ký hợp lệ: phần chữ ký số trong tệp đã bị hỏng hoặc bị sửa, nên không xác định được "
        "ai ký và văn bản có còn nguyên vẹn không."
    ]


def test_the_key_is_kept_sealed_and_useless_without_the_servers_secret(demo):
    key = SigningKey.objects.get(committee__code="tay-son", active=True)
    sealed = bytes(key.sealed)
    assert b"demo-ky-so" not in sealed and b"BEGIN" not in sealed and len(sealed) > 1000
    report = term_report_start(period=Period(key.committee, *TAY_SON_PERIOD))
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    with override_settings(REPORT_KEYS_SECRET="another-secret"), pytest.raises(KeyRefused, match="REPORT_KEYS_SECRET"):
        report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED  # nothing numbered, nothing signed


def test_a_new_certificate_retires_the_old_which_still_verifies_what_it_signed(demo):
    report = signed_term_report()
    committee = report.committee
    committee_key_add(
        committee=committee, pkcs12_bytes=make_self_signed_pkcs12(common_name="Mới", passphrase="x"), passphrase="x"
    )
    assert list(SigningKey.objects.filter(committee=committee, active=True).values_list("common_name", flat=True)) == [
        "Mới"
    ]
    assert verify_report_pdf(bytes(report.signed_pdf)).valid


@pytest.mark.parametrize(
    ("content", "passphrase", "message"),
    [
        (b"not a pkcs12", "x", "Không mở được tệp: không phải tệp PKCS#12 (.p12, .pfx) hoặc sai mật khẩu."),
        (None, "wrong", "Không mở được tệp: không phải tệp PKCS#12 (.p12, .pfx) hoặc sai mật khẩu."),
        (b"0" * (100 * 1024 + 1), "x", "Tệp quá lớn: tối đa 100 KB."),
        (
            "stretched",
            "pk12-bi-mat",
            "Tệp đòi băm mật khẩu quá 1.000.000 lần; hãy xuất lại chứng thư bằng công cụ thông thường.",
        ),
    ],
)
def test_the_administrator_adds_a_key_in_the_admin_and_bad_files_are_refused(
    demo, client, content, passphrase, message
):
    client.force_login(user("quantri"))
    good = make_self_signed_pkcs12(common_name="Huyện ủy Tây Sơn", passphrase="pk12-bi-mat")
    content = mac_rounds(good, keys.MAX_ROUNDS + 1) if content == "stretched" else content
    upload = io.BytesIO(content if content is not None else good)
    upload.name = "ky-so.p12"
    committee = Committee.objects.get(code="tay-son")
    before = SigningKey.objects.count()
    response = client.post(
        reverse("admin:reporting_signingkey_add"), {"committee": committee.pk, "file": upload, "passphrase": passphrase}
    )
    assert message in response.content.decode()
    assert SigningKey.objects.count() == before
    upload = io.BytesIO(good)
    upload.name = "ky-so.p12"
    added = client.post(
        reverse("admin:reporting_signingkey_add"),
        {"committee": committee.pk, "file": upload, "passphrase": "pk12-bi-mat"},
    )
    assert added.status_code == 302
    key = SigningKey.objects.get(committee=committee, active=True)
    assert key.common_name == "Huyện ủy Tây Sơn" and key.added_by.username == "quantri"
    page = client.get(reverse("admin:reporting_signingkey_change", args=[key.pk])).content.decode()
    assert 'type="file"' not in page and "pk12-bi-mat" not in page


def mac_rounds(pkcs12_bytes: bytes, rounds: int) -> bytes:
    """The file as it is but for the rounds its MAC names (which no longer match, and need not)."""
    pfx = asn1_pkcs12.Pfx.load(pkcs12_bytes)
    pfx["mac_data"]["iterations"] = rounds
    return pfx.dump(force=True)


def test_the_rounds_a_file_names_are_read_before_any_is_run():
    """2^31 rounds in a 2 KB file kept a worker for three minutes: each layer's count is read first."""
    good = make_self_signed_pkcs12(common_name="Huyện ủy Tây Sơn", passphrase="pk12-bi-mat")
    assert keys.rounds_declared(good) == 20_000
    assert keys.rounds_declared(mac_rounds(good, 2**31 - 1)) == 2**31 - 1
    with pytest.raises(KeyRefused, match=r"Tệp đòi băm mật khẩu quá 1\.000\.000 lần"):
        keys.read_pkcs12(mac_rounds(good, 2**31 - 1), "pk12-bi-mat")
    assert keys.rounds_declared(b"not a pkcs12") == 0


def test_the_command_gives_a_committee_a_test_certificate(demo):
    committee = Committee.objects.get(code="tay-son-binh-hoa")
    call_command("make_signing_certificate", committee=committee.code, stdout=io.StringIO())
    assert SigningKey.objects.get(committee=committee, active=True).common_name == "Đảng ủy xã Bình Hòa (thử nghiệm)"
    with pytest.raises(CommandError, match="Chọn một"):
        call_command("make_signing_certificate", stdout=io.StringIO())


def test_signing_refused_for_a_broken_key_changes_nothing(demo, monkeypatch):
    def broken(committee):
        raise KeyRefused("Không mở được khóa ký đã lưu của Huyện ủy Tây Sơn.")

    monkeypatch.setattr(keys, "signer_for", broken)
    report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), *TAY_SON_PERIOD))
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    with pytest.raises((KeyRefused, ReportStateError)):
        report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and report.number_id is None


def test_a_certificate_is_refused_before_its_first_day_and_after_its_last():
    import time_machine

    made = make_self_signed_pkcs12(common_name="Huyện ủy Tây Sơn", passphrase="pin", years=1)
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now - datetime.timedelta(days=1), tick=False), pytest.raises(KeyRefused) as early:
        keys.read_pkcs12(made, "pin")
    assert str(early.value).startswith("Chứng thư chưa đến ngày dùng: có hiệu lực từ ngày ")
    with time_machine.travel(now + datetime.timedelta(days=400), tick=False), pytest.raises(KeyRefused) as late:
        keys.read_pkcs12(made, "pin")
    assert str(late.value).startswith("Chứng thư đã hết hạn ngày ")
