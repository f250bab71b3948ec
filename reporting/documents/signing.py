"""Digital signatures on issued reports (ký số): sign a PDF, check a PDF.

A signed report is final: a correction is a new document with its own
number. So a signature is only good while it covers every byte of the file,
and a check reports anything added after signing as a change.

Each committee signs with its own certificate (``keys``), or the
installation's, named in ``settings.REPORT_SIGNING_PKCS12``. They are
self-made or issued to the committee's office, so ``check_pdf`` trusts those
certificates and nothing else, and needs no revocation data. A server's
signature certifies the document (DocMDP, no changes allowed), so any reader
flags a later edit.
"""

import functools
import hashlib
import inspect
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pdfplumber
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, load_der_private_key, pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from reporting.documents.stamp_images import StampImages, composed
from reporting.documents.stylesheet import page_geometry

VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
REASON_PREFIX = "Ký ban hành văn bản "
FIELD_NAME = "Signature"
SEAL_RED = (0.8, 0.0, 0.0)  # Party seals are red
MIN_GAP = 18  # points between the title and the name for the stamp to fit there
STAMP_FONT_SIZE = 10
Result = TypeVar("Result")
STAMP_TEXT = "Ký bởi: %(signer_name)s\nChức vụ: %(signer_title)s\nThời gian: %(time)s"


@dataclass(frozen=True)
class SignatureRequest:
    signer_name: str  # "Cao Trang Trọng"
    signer_title: str  # "PHÓ BÍ THƯ" or "Phó Bí thư": printed on the stamp as given, found on the page in any case
    document_label: str  # "190-BC/HU"
    location: str  # "Tam Đường"


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool  # digest matches and the signature covers the whole file
    ours: bool  # signed with the certificate in settings
    signer: str  # certificate subject common name
    signed_at: datetime | None
    document_label: str
    sha256: str  # of the whole file
    problems: list[str] = field(default_factory=list)
    committee: object = None  # the committee whose own certificate signed it, if any

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.ours


def make_self_signed_pkcs12(*, common_name: str, passphrase: str, years: int = 10) -> bytes:
    """A self-signed RSA 2048 signing certificate and its key, as a PKCS#12 file."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    )
    certificate = issued_certificate(
        name,
        key,
        days=365 * years + years // 4,
        extensions=[
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (key_usage("digital_signature", "content_commitment"), True),  # content_commitment: nonRepudiation
            (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False),
        ],
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, certificate, None, BestAvailableEncryption(passphrase.encode())
    )


def key_usage(*allowed: str) -> x509.KeyUsage:
    """A key that may do what ``allowed`` names (KeyUsage's keywords: "digital_signature", …) and nothing else."""
    return x509.KeyUsage(**{name: name in allowed for name in inspect.signature(x509.KeyUsage).parameters})


def issued_certificate(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    *,
    days: int,
    extensions: Sequence[tuple[x509.ExtensionType, bool]],
    issuer: tuple[x509.Name, rsa.RSAPrivateKey] | None = None,
) -> x509.Certificate:
    """``key``'s certificate for ``subject``, valid from five minutes ago for ``days``, with ``extensions``
    (each with whether it is critical); issued by ``issuer`` (its name and key), or by itself."""
    issuer_name, issuer_key = issuer or (subject, key)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(issuer_key, hashes.SHA256())


def sign_pdf(
    pdf: bytes,
    request: SignatureRequest,
    *,
    signer: signers.Signer | None = None,
    images: StampImages | None = None,
    place: tuple[int, tuple[int, int, int, int]] | None = None,
) -> bytes:
    """Certify the PDF (PAdES, SHA-256, no changes allowed) with a visible stamp on its last page; by ``signer``,
    else the installation's. With ``images`` the stamp is the signature and the seal; without, a red box naming
    the signer (their name, title and time stay in the signature's properties either way). ``place``: the page
    and box for the stamp, as the layout left it; else found on the last page."""
    signer = signer or configured_signer()
    page_index, box = place or _stamp_box(pdf, request)
    signed_at = datetime.now(VIETNAM_TIME)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON_PREFIX + request.document_label,
        location=request.location,
        name=request.signer_name,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper(),
        stamp_style=_image_stamp_style(images, box) if images else _stamp_style(),
        new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page_index, box=box),
    )
    output = in_own_thread(
        pdf_signer.sign_pdf,
        IncrementalPdfFileWriter(BytesIO(pdf)),
        appearance_text_params={
            "signer_name": request.signer_name,
            "signer_title": request.signer_title,
            "time": signed_at.strftime("%d/%m/%Y %H:%M"),
        },
    )
    return output.getvalue()


def check_pdf(pdf: bytes) -> SignatureCheck:
    """What a reader needs to know about a PDF's signature; never raises on a bad file."""
    unsigned = SignatureCheck(
        signed=False,
        intact=False,
        ours=False,
        signer="",
        signed_at=None,
        document_label="",
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    try:
        signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
    except Exception:  # pyHanko raises many kinds of errors on a damaged file
        return replace(unsigned, problems=[_("Không đọc được tệp PDF.")])
    if not signatures:
        return replace(unsigned, problems=[_("Tệp chưa được ký số.")])

    from reporting.documents.keys import known_certificates

    known = known_certificates()
    # Our own signature comes first; any later signature is a change after signing.
    embedded = signatures[0]
    try:
        certificate = embedded.signer_cert
        reason = str(embedded.sig_object.get("/Reason", ""))
        signed_at = embedded.self_reported_timestamp
    except Exception:  # the signature's own bytes are damaged: nothing in it can be trusted
        return replace(unsigned, signed=True, problems=[str(DAMAGED)])
    unchanged, sound = _validated(embedded, [k.certificate for k in known.values()])
    intact = unchanged and sound
    signer = known.get(certificate.sha256.hex())
    problems = []
    if not unchanged:
        problems.append(_("Tệp đã bị sửa sau khi ký."))
    elif not sound:
        problems.append(str(DAMAGED))
    if signer is None:
        problems.append(_("Chữ ký không phải của cơ quan này."))
    return SignatureCheck(
        signed=True,
        intact=intact,
        ours=signer is not None,
        committee=signer.committee if signer else None,
        signer=_common_name(certificate),
        signed_at=signed_at,
        document_label=reason.removeprefix(REASON_PREFIX) if reason.startswith(REASON_PREFIX) else "",
        sha256=unsigned.sha256,
        problems=problems,
    )


def _validated(embedded, trusted: list) -> tuple[bool, bool]:
    """(the file is as signed, to its last byte; the signature's own bytes verify)."""
    try:
        context = ValidationContext(trust_roots=trusted, allow_fetching=False)
        status = in_own_thread(validate_pdf_signature, embedded, context, skip_diff=True)
    except Exception:  # a damaged signature cannot be checked, so it is not intact
        return False, False
    return status.intact and status.coverage == SignatureCoverageLevel.ENTIRE_FILE, status.valid


def in_own_thread(function: Callable[..., Result], *args, **kwargs) -> Result:
    """Call a blocking pyHanko function in a thread of its own.

    It runs its own event loop (``asyncio.run``), which fails in a thread that
    already runs one: an async view's, or Playwright's in the browser tests.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


DAMAGED = _lazy(
    "Không phải báo cáo đã ký hợp lệ: phần chữ ký số trong tệp đã bị hỏng hoặc bị sửa, nên không xác định được ai ký "
    "và văn bản có còn nguyên vẹn không."
)


def timestamper() -> TimeStamper | None:
    """The RFC 3161 time-stamping authority in ``REPORT_TIMESTAMP_URL``, if one is set: the signing time then
    rests on a third party's word, not the server's clock."""
    url = settings.REPORT_TIMESTAMP_URL
    return HTTPTimeStamper(url, timeout=10) if url else None


@functools.lru_cache(maxsize=64)
def opened_pkcs12(pkcs12_bytes: bytes, passphrase: str) -> signers.SimpleSigner | None:
    """The signer in a PKCS#12 file, opened once per process and file: deriving its key from the passphrase
    costs tens of milliseconds, and each signature and verification needs it."""
    loaded = signers.SimpleSigner.load_pkcs12_data(pkcs12_bytes, other_certs=[], passphrase=passphrase.encode())
    if loaded is None:
        return None
    return KeyReadOnceSigner(
        signing_cert=loaded.signing_cert, signing_key=loaded.signing_key, cert_registry=loaded.cert_registry
    )


class KeyReadOnceSigner(signers.SimpleSigner):
    """pyHanko's signer, its RSA key read once: pyHanko reads and checks the key again for each signature (tens of
    milliseconds), and signing a PDF takes two, the first to size the room the signature needs."""

    @functools.cached_property
    def _private_key(self) -> rsa.RSAPrivateKey:
        return load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism["algorithm"].native != "sha256_rsa" or not isinstance(self._private_key, rsa.RSAPrivateKey):
            return super().sign_raw(data, digest_algorithm)
        return self._private_key.sign(data, PKCS1v15(), hashes.SHA256())


def configured_signer() -> signers.SimpleSigner:
    path = Path(settings.REPORT_SIGNING_PKCS12)
    signer = opened_pkcs12(path.read_bytes(), settings.REPORT_SIGNING_PASSPHRASE)
    if signer is None:
        raise ImproperlyConfigured(
            f"Cannot load the signing certificate {path}: check REPORT_SIGNING_PKCS12 and REPORT_SIGNING_PASSPHRASE."
        )
    return signer


def _common_name(certificate: asn1_x509.Certificate) -> str:
    name = certificate.subject.native.get("common_name", "")
    return name if isinstance(name, str) else ", ".join(name)


def _image_stamp_style(images: StampImages, box: tuple[int, int, int, int]) -> TextStampStyle:
    """The signature and the seal, drawn into the stamp's box, with no frame and no text."""
    picture = composed(images, box[2] - box[0], box[3] - box[1])
    return TextStampStyle(
        stamp_text="",
        border_width=0,
        background=PdfImage(picture),
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(0, 0, 0, 0),
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,
        ),
    )


def _stamp_style() -> TextStampStyle:
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    # Both sizes must agree, or lines after the first drift sideways.
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(
            font=_StampFont(font_file=str(font), font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,
            text_color=SEAL_RED,
        ),
        border_width=1,
        border_color=SEAL_RED,
    )


class _StampFont(GlyphAccumulatorFactory):
    """The stamp font, rescaled to 1000 units per em.

    pyHanko 0.38 writes glyph widths in the font's own units where PDF expects
    thousandths of an em, so a TrueType font (2048 units per em, like Liberation
    Serif) prints with its letters spread apart; at 1000 units the two agree.
    """

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(_font_in_thousandths(self.font_file)),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


@functools.cache
def _font_in_thousandths(path: str) -> bytes:
    font = TTFont(path)
    scale_upem(font, 1000)
    if "FFTM" in font:
        del font["FFTM"]  # FontForge's timestamp: the subsetter cannot keep it and warns on every signature
    output = BytesIO()
    font.save(output)
    return output.getvalue()


def _stamp_box(pdf: bytes, request: SignatureRequest) -> tuple[int, tuple[int, int, int, int]]:
    """The last page's index and the box (PDF points, origin bottom left) for the stamp.

    The box is the blank room left for the signature and seal between the
    signer's title and name; it spans the right column, centred on the title.
    Where they are not found, the right half of the page above its bottom
    margin. Margins and the room's height are the stylesheet's.
    """
    margins = page_geometry()
    with pdfplumber.open(BytesIO(pdf)) as document:
        page = document.pages[-1]
        index, width, height = len(document.pages) - 1, float(page.width), float(page.height)
        titles = _find(page, request.signer_title)
        title = titles[-1] if titles else None
        names = [match for match in _find(page, request.signer_name) if title and match["top"] >= title["bottom"]]
    if title and names and names[0]["top"] - title["bottom"] >= MIN_GAP:
        centre = (title["x0"] + title["x1"]) / 2
        half = max(min(centre - width / 2, width - margins.right - centre), (title["x1"] - title["x0"]) / 2)
        top, bottom = title["bottom"] + 2, names[0]["top"] - 2
        box = (centre - half, height - bottom, centre + half, height - top)
    else:
        box = (width / 2, margins.bottom, width - margins.right, margins.bottom + margins.signature_height)
    return index, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def _find(page: pdfplumber.page.Page, text: str) -> list[dict]:
    if not text.strip():
        return []
    return page.search(re.escape(text.strip()), regex=True, case=False, return_chars=False)
