"""Each committee signs with its own certificate: added once by the administrator, kept sealed, used to sign.

A PKCS#12 file and its passphrase are sealed together (Fernet, AES with an
HMAC) under a key derived from ``settings.REPORT_KEYS_SECRET``: the database
alone does not give the key away. A committee without a certificate of its
own signs with the installation's (``REPORT_SIGNING_PKCS12``), which names no
committee.
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.sign import signers

from conferences.models import Committee
from conferences.upload_size import CERTIFICATE_BYTES, too_large
from reporting.models.signing_keys import SigningKey

# How many rounds a PKCS#12 file may stretch its password with: tools use 2,048 to a few hundred thousand. The
# file names the number itself, and 2^31 rounds held a worker for three minutes on a 2 KB file.
MAX_ROUNDS = 1_000_000


class KeyRefused(Exception):
    """The file or passphrase cannot become a committee's signing key; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class KnownCertificate:
    """A certificate reports of this installation are signed with: a committee's, or the installation's."""

    certificate: asn1_x509.Certificate
    committee: Committee | None


def _fernet() -> Fernet:
    secret = settings.REPORT_KEYS_SECRET
    if not secret:
        raise KeyRefused(_("Máy chủ chưa đặt REPORT_KEYS_SECRET nên chưa giữ được khóa ký của cấp ủy."))
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def seal(pkcs12_bytes: bytes, passphrase: str) -> bytes:
    payload = {"pkcs12": base64.b64encode(pkcs12_bytes).decode(), "passphrase": passphrase}
    return _fernet().encrypt(json.dumps(payload).encode())


def _unseal(sealed: bytes) -> tuple[bytes, str]:
    try:
        payload = json.loads(_fernet().decrypt(bytes(sealed)))
    except InvalidToken:
        raise KeyRefused(_("Không mở được khóa ký đã lưu: REPORT_KEYS_SECRET đã đổi so với lúc nạp.")) from None
    return base64.b64decode(payload["pkcs12"]), payload["passphrase"]


def read_pkcs12(pkcs12_bytes: bytes, passphrase: str):
    """The key and certificate of a PKCS#12 file, or KeyRefused with the reason."""
    if len(pkcs12_bytes) > CERTIFICATE_BYTES:
        raise KeyRefused(too_large(CERTIFICATE_BYTES))
    if rounds_declared(pkcs12_bytes) > MAX_ROUNDS:
        raise KeyRefused(
            _("Tệp đòi băm mật khẩu quá %(most)s lần; hãy xuất lại chứng thư bằng công cụ thông thường.")
            % {"most": "1.000.000"}
        )
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(pkcs12_bytes, passphrase.encode() or None)
    except ValueError:
        raise KeyRefused(_("Không mở được tệp: không phải tệp PKCS#12 (.p12, .pfx) hoặc sai mật khẩu.")) from None
    if key is None or certificate is None:
        raise KeyRefused(_("Tệp không có đủ khóa bí mật và chứng thư để ký."))
    if certificate.not_valid_after_utc <= datetime.now(UTC):
        raise KeyRefused(_("Chứng thư đã hết hạn ngày %s.") % f"{certificate.not_valid_after_utc:%d/%m/%Y}")
    if certificate.not_valid_before_utc > datetime.now(UTC):
        raise KeyRefused(
            _("Chứng thư chưa đến ngày dùng: có hiệu lực từ ngày %s.") % local_day(certificate.not_valid_before_utc)
        )
    if SigningKey.objects.filter(
        fingerprint=hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()
    ).exists():
        raise KeyRefused(_("Chứng thư này đã được nạp."))
    return certificate


def local_day(moment: datetime) -> str:
    """A certificate's moment as the day it is here: 01/12/2026."""
    return f"{timezone.localtime(moment):%d/%m/%Y}"


def rounds_declared(pkcs12_bytes: bytes) -> int:
    """The most rounds the file's MAC and its readable layers name, read before any is run (0 for a file that is not
    PKCS#12: the loader says so)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(pkcs12_bytes)
        rounds = [pfx["mac_data"]["iterations"].native] if pfx["mac_data"].native else []
        for info in pfx.authenticated_safe:
            if info["content_type"].native == "encrypted_data":
                algorithm = info["content"]["encrypted_content_info"]["content_encryption_algorithm"]
                rounds.append(algorithm.kdf_iterations)
            elif info["content_type"].native == "data":
                bags = asn1_pkcs12.SafeContents.load(info["content"].native)
                shrouded = (bag for bag in bags if bag["bag_id"].native == "pkcs8_shrouded_key_bag")
                rounds += [bag["bag_value"]["encryption_algorithm"].kdf_iterations for bag in shrouded]
        return max(rounds, default=0)
    except (ValueError, TypeError, KeyError, AttributeError):
        return 0


@transaction.atomic
def committee_key_add(*, committee: Committee, pkcs12_bytes: bytes, passphrase: str, user=None) -> SigningKey:
    """The committee's new signing key; the one it signed with before stays, to verify what it signed."""
    certificate = read_pkcs12(pkcs12_bytes, passphrase)
    der = certificate.public_bytes(Encoding.DER)
    fingerprint = hashlib.sha256(der).hexdigest()
    SigningKey.objects.filter(committee=committee, active=True).update(active=False)
    return SigningKey.objects.create(
        committee=committee,
        common_name=_common_name(asn1_x509.Certificate.load(der)),
        certificate=der,
        fingerprint=fingerprint,
        valid_until=certificate.not_valid_after_utc,
        sealed=seal(pkcs12_bytes, passphrase),
        added_by=user,
    )


def signer_for(committee: Committee) -> signers.SimpleSigner:
    """The committee's own signer, else the installation's."""
    key = SigningKey.objects.filter(committee=committee, active=True).first()
    if key is None:
        return installation_signer()
    from reporting.documents.signing import opened_pkcs12

    signer = opened_pkcs12(*_unseal(key.sealed))  # unsealed each time: a changed REPORT_KEYS_SECRET is refused
    if signer is None:
        raise KeyRefused(_("Không mở được khóa ký đã lưu của %s.") % committee)
    return signer


def installation_signer() -> signers.SimpleSigner:
    from reporting.documents.signing import configured_signer

    return configured_signer()


def known_certificates() -> dict[str, KnownCertificate]:
    """Every certificate reports here were signed with, by SHA-256 of its DER (one query)."""
    known = {}
    for key in SigningKey.objects.select_related("committee"):
        certificate = asn1_x509.Certificate.load(bytes(key.certificate))
        known[certificate.sha256.hex()] = KnownCertificate(certificate, key.committee)
    installation = installation_signer().signing_cert
    known.setdefault(installation.sha256.hex(), KnownCertificate(installation, None))
    return known


def _common_name(certificate: asn1_x509.Certificate) -> str:
    name = certificate.subject.native.get("common_name", "")
    return name if isinstance(name, str) else ", ".join(name)
