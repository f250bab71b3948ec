"""An optional RFC 3161 time-stamping authority: the signature's time then rests on a third party's word."""

import io

import pytest
import weasyprint
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper, HTTPTimeStamper

from reporting.documents import signing
from tests.test_signing import REQUEST, SIGNATURE_BLOCK

pytestmark = pytest.mark.django_db


def local_tsa() -> DummyTimeStamper:
    """pyHanko's test authority, answering in process with a certificate made for time-stamping."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm")])
    certificate = signing.issued_certificate(
        name, key, days=30, extensions=[(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)]
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
    )


def test_with_an_authority_the_signature_carries_its_time_stamp(monkeypatch):
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    sample = weasyprint.HTML(string=SIGNATURE_BLOCK.format(font=font.as_uri())).write_pdf()
    monkeypatch.setattr(signing, "timestamper", local_tsa)
    signed = signing.sign_pdf(sample, REQUEST)
    signature = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    unsigned = [attribute["type"].native for attribute in signature.signer_info["unsigned_attrs"]]
    assert unsigned == ["signature_time_stamp_token"]
    assert signing.check_pdf(signed).intact


def test_the_authority_comes_from_the_environment(settings):
    settings.REPORT_TIMESTAMP_URL = ""
    assert signing.timestamper() is None
    settings.REPORT_TIMESTAMP_URL = "http://tsa.example.vn/tsr"
    stamper = signing.timestamper()
    assert isinstance(stamper, HTTPTimeStamper) and stamper.url == "http://tsa.example.vn/tsr"
