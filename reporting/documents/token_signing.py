"""Signing with one's own token: the numbered PDF goes out, comes back signed, and is kept if it is the same.

Many leaders sign with a USB token through their own signing software. The
report is numbered and rendered once (``report_prepare``); the leader signs
that file elsewhere and uploads it (``report_accept_signed``). It is kept as
the issued document only if its first signature is sound, covers the whole
file, and the file is the prepared bytes followed by one revision that only
adds the signature (its field, widget, appearance, and the catalogue, page,
XMP and info entries that carry them). The signature's widget is the only
annotation that revision may add, and where it is visible it covers no word
of the report: a signing step cannot draw anything over what was approved.
"""

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pdfplumber
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from conferences.document_types import DocumentType
from conferences.upload_size import SIGNED_PDF_BYTES, too_large
from reporting.documents.exports import report_tables
from reporting.documents.keys import local_day
from reporting.documents.numbering import issue_number
from reporting.documents.signing import in_own_thread
from reporting.documents.workflow import STALE_SINCE_APPROVAL, ReportStateError, Status, is_current, report_document
from reporting.models import Report

STALE_SINCE_PREPARED = _lazy(
    "Số liệu đã thay đổi sau khi chuẩn bị văn bản để ký, nên văn bản đã ký không còn đúng; không nhận. Cán bộ "
    "tuyên giáo chuyển báo cáo về dự thảo, cập nhật rồi duyệt lại; sau đó chuẩn bị và ký lại."
)
# What a signature's revision may change in objects that were already there, by the object's type.
ALLOWED_CHANGES = {"/Page": {"/Annots"}, "/Catalog": {"/AcroForm", "/Perms", "/DSS", "/Extensions", "/Version"}}


@transaction.atomic
def report_prepare(*, report: Report, user, day=None) -> Report:
    """Number the approved report and render the file to sign (PDF/A); kept until it comes back signed."""
    from reporting.documents.pdf import render_report_pdf

    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.APPROVED:
        raise ReportStateError(_("Báo cáo phải được duyệt trước khi ký."))
    if not is_current(report):
        raise ReportStateError(str(STALE_SINCE_APPROVAL))
    if report.prepared_pdf is None:
        if report.number_id is None:
            day = day or timezone.localdate()
            report.number = issue_number(
                committee=report.committee, document_type=DocumentType.REPORT, day=day, user=user
            )
            report.issued_on = day
        report.prepared_pdf = render_report_pdf(report_document(report), archival=True)
        report.save(update_fields=["number", "issued_on", "prepared_pdf", "updated_at"])
    return report


@dataclass(frozen=True)
class TokenSignature:
    signer: str  # the certificate's subject, as the signing software wrote it
    signed_at: object


def checked_token_signature(prepared: bytes, signed: bytes) -> TokenSignature:
    """The signature on the prepared file, or ReportStateError saying why the upload is not it."""
    if len(signed) > SIGNED_PDF_BYTES:
        raise ReportStateError(too_large(SIGNED_PDF_BYTES))
    if not signed.startswith(prepared) or len(signed) == len(prepared):
        raise ReportStateError(
            _(
                "Tệp tải lên không phải văn bản đã đưa đi ký: nội dung đã khác hoặc chưa có chữ ký. "
                "Hãy ký đúng tệp đã tải về."
            )
        )
    try:
        reader = PdfFileReader(io.BytesIO(signed))
        signatures = reader.embedded_signatures
    except Exception:  # pyHanko raises many kinds of errors on a damaged file
        raise ReportStateError(_("Không đọc được tệp PDF đã ký.")) from None
    if len(signatures) != 1 or reader.xrefs.total_revisions != 2:
        raise ReportStateError(_("Tệp phải có đúng một chữ ký, thêm vào sau văn bản đã đưa đi ký."))
    signature = signatures[0]
    roots = token_trust_roots()
    try:
        # With no authorities named, whose authority issued the token is not judged: the signature's soundness is.
        context = ValidationContext(trust_roots=roots or [signature.signer_cert], allow_fetching=False)
        status = in_own_thread(validate_pdf_signature, signature, context, skip_diff=True)
        sound = status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    except Exception:
        sound = status = None
    if not sound:
        raise ReportStateError(_("Chữ ký số trong tệp không hợp lệ hoặc không phủ toàn bộ tệp."))
    if problem := _out_of_date(signature.signer_cert):
        raise ReportStateError(problem)
    if roots and not status.trusted:
        raise ReportStateError(
            _("Chứng thư số của thiết bị ký không do tổ chức chứng thực được công nhận cấp (cấp bởi: %(issuer)s).")
            % {"issuer": signature.signer_cert.issuer.human_friendly[:200]}
        )
    if problem := _changes_beyond_the_signature(reader) or _annotations_beyond_the_signature(reader, prepared):
        raise ReportStateError(problem)
    subject = signature.signer_cert.subject.human_friendly
    return TokenSignature(signer=subject[:300], signed_at=signature.self_reported_timestamp)


def _out_of_date(certificate: asn1_x509.Certificate) -> str:
    """Why the token's certificate cannot sign today (expired, or not yet valid), whoever issued it; or ''."""
    validity = certificate["tbs_certificate"]["validity"]
    first, last, now = validity["not_before"].native, validity["not_after"].native, timezone.now()
    if now > last:
        return _("Chứng thư số của thiết bị ký đã hết hạn ngày %s; không nhận.") % local_day(last)
    if now < first:
        return _("Chứng thư số của thiết bị ký chưa đến ngày dùng (từ ngày %s); không nhận.") % local_day(first)
    return ""


def token_trust_roots() -> list[asn1_x509.Certificate]:
    """The authorities named in REPORT_TOKEN_TRUST_ROOTS (a PEM file), whose certificates tokens may carry."""
    if not settings.REPORT_TOKEN_TRUST_ROOTS:
        return []
    data = Path(settings.REPORT_TOKEN_TRUST_ROOTS).read_bytes()
    return [asn1_x509.Certificate.load(der) for _kind, _headers, der in pem.unarmor(data, multiple=True)]


def _changes_beyond_the_signature(reader: PdfFileReader) -> str:
    """'' when the signature's revision changes nothing already there but what carries the signature."""
    before, after = reader.get_historical_resolver(0), reader.get_historical_resolver(1)
    info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
    for ref in reader.xrefs.explicit_refs_in_revision(1):
        try:
            old = before(ref)
        except Exception:
            continue  # a new object: the signature, its widget, appearance, fonts
        new = after(ref)
        if isinstance(info, generic.IndirectObject) and ref.idnum == info.idnum:
            continue  # the document information (producer, modification date)
        kind = old.get("/Type") if isinstance(old, generic.DictionaryObject) else None
        if kind == "/Metadata":
            continue  # the XMP the signing software rewrites
        if isinstance(old, generic.ArrayObject) and list(new)[: len(old)] == list(old):
            continue  # an annotation list that only grew
        if isinstance(old, generic.StreamObject) and (
            not isinstance(new, generic.StreamObject) or new.encoded_data != old.encoded_data
        ):
            pass  # a stream's bytes (what a page draws, a font) rewritten, whatever its dictionary says
        elif isinstance(old, generic.DictionaryObject) and isinstance(new, generic.DictionaryObject):
            changed = {key for key in set(old) | set(new) if old.get(key) != new.get(key)}
            if changed <= ALLOWED_CHANGES.get(kind, set()):
                continue
        return _("Tệp đã ký có thay đổi khác ngoài chữ ký (đối tượng %(ref)s của văn bản); không nhận.") % {
            "ref": f"{ref.idnum} {ref.generation}"
        }
    return ""


def _annotations_beyond_the_signature(reader: PdfFileReader, prepared: bytes) -> str:
    """'' when the one annotation the signature's revision adds is the signature's own widget, and its box (where
    the signing software draws the signature) covers no word of the report."""
    before = reader.get_historical_resolver(0)
    pages = enumerate(_pages(reader))
    # Two are already too many: a file listing a million is not read through.
    added = list(islice(((index, note) for index, page in pages for note in _new_annotations(page, before)), 2))
    if "/XFA" in _resolved(reader.root.get("/AcroForm", generic.DictionaryObject())):
        added.append((0, generic.DictionaryObject()))  # a form that would draw its own page
    if len(added) > 1 or any(not _is_signature_widget(annotation) for _index, annotation in added):
        return _("Tệp đã ký có thêm nội dung ngoài chữ ký (chú thích, ô nhập, hình vẽ); không nhận.")
    if added and _covers_words(prepared, *added[0]):
        return _("Chữ ký được đặt đè lên nội dung văn bản; hãy đặt chữ ký vào khoảng trống dành cho chữ ký rồi ký lại.")
    return ""


def _pages(reader: PdfFileReader):
    """The document's pages as the signed file has them, in order."""
    stack = [reader.root["/Pages"]]
    while stack:
        node = _resolved(stack.pop())
        if node.get("/Type") == "/Pages":
            stack.extend(reversed(list(node.get("/Kids", []))))
        else:
            yield node


def _new_annotations(page: generic.DictionaryObject, before) -> Iterator[generic.DictionaryObject]:
    """The page's annotations the signature's revision added: objects the prepared file does not have (and any
    written into the list itself, which the prepared file never does)."""
    for annotation in _resolved(page.get("/Annots", generic.ArrayObject())):
        if isinstance(annotation, generic.IndirectObject):
            try:
                before(annotation.reference)
                continue
            except Exception:  # not in the prepared file
                pass
        yield _resolved(annotation)


def _resolved(value):
    return value.get_object() if isinstance(value, generic.IndirectObject) else value


def _is_signature_widget(annotation: generic.DictionaryObject) -> bool:
    """A widget of a signature field (the field's type on the widget itself, or on its parent field)."""
    field = _resolved(annotation.get("/Parent", annotation))
    return annotation.get("/Subtype") == "/Widget" and annotation.get("/FT", field.get("/FT")) == "/Sig"


def _covers_words(prepared: bytes, index: int, widget: generic.DictionaryObject) -> bool:
    left, bottom, right, top = (float(value) for value in widget.get("/Rect", [0, 0, 0, 0]))
    if right - left <= 0 or top - bottom <= 0:
        return False  # an invisible signature
    with pdfplumber.open(io.BytesIO(prepared)) as document:
        if index >= len(document.pages):
            return True
        page = document.pages[index]
        height = float(page.height)
        return any(
            word["x0"] < right and word["x1"] > left and height - word["bottom"] < top and height - word["top"] > bottom
            for word in page.extract_words()
        )


@transaction.atomic
def report_accept_signed(*, report: Report, signed: bytes, user) -> Report:
    """Keep the uploaded file as the issued document if it is the prepared one, signed."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.APPROVED or report.prepared_pdf is None:
        raise ReportStateError(_("Chưa có văn bản đưa đi ký; bấm “Chuẩn bị văn bản để ký” trước."))
    token = checked_token_signature(bytes(report.prepared_pdf), signed)
    if not is_current(report):  # data saved while the file was out for signing
        raise ReportStateError(str(STALE_SINCE_PREPARED))
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(
        signed_pdf=signed,
        signed_xlsx=report_tables(report),
        signed_sha256=hashlib.sha256(signed).hexdigest(),
        signed_at=now,
        signed_by=user,
        signed_with_token=True,
        token_certificate=token.signer,
        status=Status.SIGNED,
        updated_at=now,
    )
    return Report.objects.select_related("number").get(pk=report.pk)
