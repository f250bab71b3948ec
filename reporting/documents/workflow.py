"""Writes and reads for the report document: draft, edit, regenerate, approve, sign.

A report keeps the text last generated from the data (``draft``) apart from
what staff wrote (``edits``). Each edit remembers the generated text it
replaced, so regenerating keeps every edit and flags those whose underlying
text has since changed with the data.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from conferences.document_types import DocumentType
from conferences.models import Campaign, Committee
from conferences.versioning import EditConflict
from reporting.documents.document import Block, ReportDocument
from reporting.documents.drafting import draft_report
from reporting.documents.markup import FootnoteRefused, editor_numbers, seen_text, typed_text
from reporting.documents.numbering import issue_number
from reporting.documents.term_drafting import draft_term_report, period_of, request_of
from reporting.figures.formatting import format_place_and_date
from reporting.models import Report, UnitResult

Status = Report.Status


class ReportStateError(Exception):
    """The action does not fit the report's state; the message says why, in Vietnamese."""


# What a term report copies from the one it corrects: the request it answers.
REQUEST_FIELDS = ("request_number", "request_issued_on", "request_issuer", "request_subject")

# The key of the paragraph a correction opens with.
REPLACES = "replaces"


@dataclass(frozen=True)
class EditedBlock:
    key: str
    kind: str
    text: str  # what prints
    generated: str  # what the data says now
    edited: bool
    stale: bool  # edited over text the data has since changed
    suggested: bool = False  # usual wording, not the data's: staff edit or keep it before approval
    kept: bool = False  # a suggestion staff kept as it stands
    note: str = ""  # what to look at in this suggestion, where the usual note would mislead

    @property
    def unread_suggestion(self) -> bool:
        return self.suggested and not (self.edited or self.kept)

    @property
    def awaits_review(self) -> bool:
        """A suggestion nobody has edited or kept, or an edit the data has moved under: not approved as is."""
        return self.unread_suggestion or self.stale


def _generate(report: Report) -> dict:
    """The report's text as today's data writes it: on its campaign, or over its period."""
    if report.is_term_report:
        draft = draft_term_report(period=period_of(report), request=request_of(report))
    else:
        draft = draft_report(campaign=report.campaign, committee=report.committee)
    return {
        "summary": draft.summary,
        "blocks": [list(block) for block in draft.blocks],
        "footnotes": draft.footnotes,
        "suggested": draft.suggested,
        "notes": draft.notes,
        "generated_at": timezone.now().isoformat(),
    }


STALE = _lazy(
    "Số liệu đã thay đổi từ lúc lập dự thảo (có kết quả được tiếp nhận, trả lại hoặc sửa). Bấm “Cập nhật từ số "
    "liệu”, xem lại các đoạn đã sửa, rồi duyệt."
)


STALE_SINCE_APPROVAL = _lazy(
    "Số liệu đã thay đổi sau khi duyệt; cán bộ tuyên giáo chuyển báo cáo về dự thảo, cập nhật rồi duyệt lại."
)


def is_current(report: Report) -> bool:
    """Whether the draft still says what today's data says: a leader signs figures as they stand."""
    today = _generate(report)
    return all(report.draft.get(part) == today[part] for part in ("summary", "blocks", "footnotes"))


def open_report(*, campaign: Campaign, committee: Committee) -> Report | None:
    return Report.objects.exclude(status=Status.SIGNED).filter(campaign=campaign, committee=committee).first()


def subject_fields(report: Report) -> dict:
    """What a report is about: a committee's campaign, or a committee's period."""
    if report.is_term_report:
        return period_of(report).report_fields
    return {"committee": report.committee, "campaign": report.campaign}


def open_alike(report: Report) -> Report | None:
    """The report in the works by the same committee on the same campaign or period."""
    return Report.objects.exclude(status=Status.SIGNED).filter(**subject_fields(report)).first()


@transaction.atomic
def report_start(*, campaign: Campaign, committee: Committee, **correction) -> Report:
    """The open report, or a new draft from the data with the committee's recipients and signer."""
    report = open_report(campaign=campaign, committee=committee)
    if report is not None:
        return report
    return create_report(Report(**correction, campaign=campaign, committee=committee))


def with_committee_closing(report: Report) -> Report:
    """A new report takes the committee's recipients and signer, and its draft from the data."""
    committee = report.committee
    report.recipients = report.recipients or committee.recipients
    report.signing_authority = committee.signing_authority
    report.signer_title = committee.signer_title
    report.signer_name = committee.signer_name
    report.draft = _generate(report)
    report.drafted_at = timezone.now()
    return report


def create_report(report: Report) -> Report:
    """Store a new report, drafted from the data, with the committee's recipients and signer; when someone
    started the same report at the same moment (one open per campaign or period), theirs is the one."""
    report = with_committee_closing(report)
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError:
        started = open_alike(report)
        if started is None:
            raise
        return started
    return report


def _require_draft(report: Report) -> None:
    if report.status != Status.DRAFT:
        raise ReportStateError(_("Báo cáo đã duyệt hoặc đã ký; chuyển về dự thảo trước khi sửa."))


@transaction.atomic
def report_regenerate(*, report: Report) -> list[EditedBlock]:
    """Redraft from today's data; edits stay. Returns the edits the data moved under.

    The row stays locked while the draft is made, so an approval pressed at the
    same moment waits and then sees the new draft (or this one sees the approval).
    """
    _refresh_locked(report, "status", "edits")
    _require_draft(report)
    report.draft = _generate(report)
    report.drafted_at = timezone.now()
    report.save(update_fields=["draft", "drafted_at", "updated_at"])
    return [block for block in report_blocks(report) if block.stale]


def _refresh_locked(report: Report, *fields: str) -> None:
    """Reload ``fields`` from the stored row, locking it until the transaction ends."""
    stored = Report.objects.select_for_update().only(*fields).get(pk=report.pk)
    for field in fields:
        setattr(report, field, getattr(stored, field))


def _clean(text: str) -> str:
    return text.strip().replace("\r\n", "\n")


@transaction.atomic
def report_edit(*, report: Report, key: str, text: str, seen: str | None = None) -> None:
    """Staff's own wording for one paragraph (or footnote, key '^name'); '' leaves it out.

    ``seen`` is the paragraph as the editor was shown it: if someone changed it
    since, EditConflict, and this edit is not saved over theirs.
    """
    _refresh_locked(report, "status", "draft", "edits")
    _require_draft(report)
    generated = _generated_texts(report)
    if key not in generated:
        raise ReportStateError(_("Không tìm thấy đoạn cần sửa."))
    current = report.edits[key]["text"] if key in report.edits else generated[key]
    text = _clean(text)
    if seen is not None and _clean(seen) != current and text != current:
        raise EditConflict(
            _("Đoạn này vừa được người khác sửa nên chưa lưu nội dung của bạn. Nội dung bạn nhập: “%s”") % text
        )
    if text == generated[key] and key not in report.draft.get("suggested", []):
        report.edits.pop(key, None)
    else:
        report.edits[key] = {"text": text, "base": generated[key], "kept": text == generated[key]}
    report.save(update_fields=["edits", "updated_at"])


def report_edit_typed(*, report: Report, key: str, text: str, seen: str, order: list[str] | None) -> None:
    """A paragraph as typed in the editor, footnotes called by the numbers the page showed (``order``: their keys
    in that order; today's numbering when the page did not say); what cannot be stored, as ReportStateError."""
    blocks = report_blocks(report)
    order = order or list(editor_numbers(blocks))
    try:
        stored = typed_text(key, text, order, blocks)
    except FootnoteRefused as refused:
        raise ReportStateError(str(refused)) from None
    report_edit(report=report, key=key, text=stored, seen=seen_text(seen, order, blocks))


@transaction.atomic
def report_keep(*, report: Report, key: str) -> None:
    """Staff have read a paragraph that waited for them and keep it as it stands: a suggestion, or their own
    edit over text the data has since changed (which then stands over today's text)."""
    _refresh_locked(report, "status", "draft", "edits")
    _require_draft(report)
    generated = _generated_texts(report)
    edit = report.edits.get(key)
    if key not in generated or (edit is None and key not in report.draft.get("suggested", [])):
        raise ReportStateError(_("Không tìm thấy đoạn cần sửa."))
    if edit is None:
        report.edits[key] = {"text": generated[key], "base": generated[key], "kept": True}
    elif edit["base"] != generated[key]:
        edit["base"] = generated[key]
    else:
        return
    report.save(update_fields=["edits", "updated_at"])


@transaction.atomic
def report_update_closing(
    *, report: Report, recipients: str, authority: str, title: str, name: str, seen: dict[str, str] | None = None
) -> None:
    """The recipients and signature block; ``seen`` holds them as the form showed them."""
    _refresh_locked(report, "status", "recipients", "signing_authority", "signer_title", "signer_name")
    _require_draft(report)
    stored = {
        "recipients": report.recipients,
        "authority": report.signing_authority,
        "title": report.signer_title,
        "name": report.signer_name,
    }
    if seen is not None and {k: _clean(v) for k, v in seen.items()} != {k: _clean(v) for k, v in stored.items()}:
        raise EditConflict(_("Nơi nhận hoặc người ký vừa được người khác sửa nên chưa lưu; xem lại rồi lưu."))
    report.recipients = recipients.strip().replace("\r\n", "\n")
    report.signing_authority, report.signer_title, report.signer_name = authority, title, name
    report.save(update_fields=["recipients", "signing_authority", "signer_title", "signer_name", "updated_at"])


class ResultsPending(ReportStateError):
    """Units of the report's subtree sent results that nobody has reviewed yet."""

    def __init__(self, results: list[UnitResult]) -> None:
        names = ", ".join(str(result.unit) for result in results)
        super().__init__(
            _(
                "Chưa duyệt được: kết quả của %(count)d đơn vị chưa được xem xét (%(names)s). "
                "Tiếp nhận hoặc trả lại trước."
            )
            % {"count": len(results), "names": names}
        )
        self.results = results


def results_pending(report: Report) -> list[UnitResult]:
    """Results sent in under the report's committee that wait for review, by unit."""
    campaigns = period_of(report).campaigns() if report.is_term_report else [report.campaign]
    return list(
        UnitResult.objects.filter(
            campaign__in=campaigns,
            status=UnitResult.Status.SUBMITTED,
            unit__path__startswith=report.committee.path,
        )
        .select_related("unit", "campaign")
        .order_by("unit__path")
    )


@transaction.atomic
def report_approve(*, report: Report, user: User) -> None:
    """Approve the draft as it stands; refused while any result of the subtree waits for review."""
    _refresh_locked(report, "status", "signer_name", "draft", "edits")
    _require_draft(report)
    if not report.signer_name:
        raise ReportStateError(_("Chưa có họ tên người ký."))
    if pending := results_pending(report):
        raise ResultsPending(pending)
    if not is_current(report):
        raise ReportStateError(str(STALE))
    if unread := _unread(report_blocks(report)):
        raise ReportStateError(_("Chưa duyệt được: %s.") % "; ".join(unread))
    report.status, report.approved_at, report.approved_by = Status.APPROVED, timezone.now(), user
    report.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])


def _unread(blocks: list[EditedBlock]) -> list[str]:
    """What staff have still to read before approving, each said once: edits the data moved under, suggestions."""
    said = []
    if moved := [block for block in blocks if block.stale]:
        said.append(
            _(
                "số liệu đã thay đổi dưới %(count)d đoạn đã sửa tay (báo vàng): sửa lại theo số liệu mới, hoặc bấm "
                "“Giữ đoạn đã sửa” nếu vẫn đúng"
            )
            % {"count": len(moved)}
        )
    if unread := [block for block in blocks if block.unread_suggestion]:
        said.append(
            _("còn %(count)d đoạn gợi ý chưa được xem lại (đánh dấu “Gợi ý”): sửa hoặc giữ nguyên")
            % {"count": len(unread)}
        )
    return said


@transaction.atomic
def report_reopen(*, report: Report, returned_by: User | None = None, reason: str = "") -> None:
    """Back to draft, by staff or sent back by the leader (``returned_by``, saying why); read again under the
    row's lock, so a signing finished meanwhile is seen and refused."""
    _refresh_locked(report, "status")
    if report.status != Status.APPROVED:
        raise ReportStateError(_("Chỉ báo cáo đã duyệt mới chuyển về dự thảo được."))
    # A file prepared for a token no longer says what the report will; its number stays the report's.
    report.status, report.approved_at, report.approved_by, report.prepared_pdf = Status.DRAFT, None, None, None
    report.returned_by, report.returned_reason = returned_by, reason
    report.returned_at = timezone.now() if returned_by else None
    returned = ["returned_by", "returned_reason", "returned_at"]
    report.save(update_fields=["status", "approved_at", "approved_by", "prepared_pdf", *returned, "updated_at"])


def replacement_sentence(report: Report) -> str:
    """'Báo cáo này thay thế Báo cáo số 01-BC/HU ngày 20/3/2026.' for a correction; '' otherwise."""
    replaced = report.replaces
    if replaced is None:
        return ""
    day = replaced.issued_on
    return _("Báo cáo này thay thế Báo cáo số %(number)s ngày %(day)s.") % {
        "number": replaced.number.label,
        "day": f"{day.day}/{day.month}/{day.year}",
    }


def report_sign(*, report: Report, user: User, day: datetime.date | None = None) -> Report:
    """Number, render, sign and freeze: the stored bytes never change afterwards."""
    if report.status != Status.APPROVED:
        raise ReportStateError(_("Báo cáo phải được duyệt trước khi ký."))
    day = day or timezone.localdate()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.APPROVED:
            raise ReportStateError(_("Báo cáo đã được ký."))
        if report.number_id is None:  # else the number given when it was prepared for a token, kept
            report.number = issue_number(
                committee=report.committee, document_type=DocumentType.REPORT, day=day, user=user
            )
            report.issued_on = day
        signed = _signed_pdf(report, user)
        # Checked once the file is made, just before it is kept: data saved while it was rendered and signed
        # is seen, and the number goes back with the rest.
        if not is_current(report):
            raise ReportStateError(str(STALE_SINCE_APPROVAL))
        from reporting.documents.exports import report_tables  # it imports this module

        report.signed_pdf, report.signed_xlsx = signed, report_tables(report)
        report.signed_sha256 = hashlib.sha256(signed).hexdigest()
        report.signed_at, report.signed_by, report.status = timezone.now(), user, Status.SIGNED
        Report.objects.filter(pk=report.pk).update(
            number=report.number,
            issued_on=report.issued_on,
            signed_pdf=signed,
            signed_xlsx=report.signed_xlsx,
            signed_sha256=report.signed_sha256,
            signed_at=report.signed_at,
            signed_by=user,
            status=Status.SIGNED,
            updated_at=timezone.now(),
        )
    return report


def _signed_pdf(report: Report, user: User) -> bytes:
    """The numbered report rendered (or the file prepared for a token) and signed with the committee's key,
    its seal and the signer's signature."""
    from reporting.documents.keys import signer_for
    from reporting.documents.pdf import render_for_signing
    from reporting.documents.signing import SignatureRequest, sign_pdf
    from reporting.documents.stamp_images import stamp_images

    if report.prepared_pdf:
        pdf, place = bytes(report.prepared_pdf), None  # the file given out for a token: its box is searched
    else:
        pdf, place = render_for_signing(report_document(report))
    request = SignatureRequest(
        signer_name=report.signer_name,
        signer_title=report.signer_title,
        document_label=report.number.label,
        location=report.committee.place_name,
    )
    return sign_pdf(
        pdf,
        request,
        signer=signer_for(report.committee),
        images=stamp_images(committee=report.committee, signer=user),
        place=place,
    )


def _generated_texts(report: Report) -> dict[str, str]:
    texts = {key: text for key, _kind, text in report.draft.get("blocks", [])}
    texts.update({f"^{key}": text for key, text in report.draft.get("footnotes", {}).items()})
    return texts


def report_blocks(report: Report) -> list[EditedBlock]:
    """Every paragraph and footnote as it prints, with where staff's words stand against the data."""
    blocks = [(key, kind, text) for key, kind, text in report.draft.get("blocks", [])]
    blocks += [(f"^{key}", "footnote", text) for key, text in report.draft.get("footnotes", {}).items()]
    result = []
    if sentence := replacement_sentence(report):
        # Not the data's words nor staff's: the fact of the correction, first in the body.
        result.append(EditedBlock(REPLACES, "paragraph", sentence, sentence, edited=False, stale=False))
    suggested, notes = set(report.draft.get("suggested", [])), report.draft.get("notes", {})
    for key, kind, generated in blocks:
        edit = report.edits.get(key)
        kept = bool(edit and edit.get("kept"))
        result.append(
            EditedBlock(
                key=key,
                kind=kind,
                text=edit["text"] if edit else generated,
                generated=generated,
                edited=edit is not None and not kept,
                stale=edit is not None and edit["base"] != generated,
                suggested=key in suggested,
                kept=kept,
                note=notes.get(key, ""),
            )
        )
    return result


def report_document(report: Report) -> ReportDocument:
    committee = report.committee
    blocks = report_blocks(report)
    day = report.issued_on or timezone.localdate()
    return ReportDocument(
        superior_line=committee.superior_line,
        issuing_body=committee.printed_name,
        number_label=report.number.label if report.number_id else "",
        document_code=f"{DocumentType.REPORT}/{committee.abbreviation}",
        place_and_date=format_place_and_date(committee.place_name or committee.name, day),
        summary=list(report.draft.get("summary", [])),
        blocks=[Block(b.key, b.kind, b.text) for b in blocks if b.kind != "footnote" and b.text],
        footnotes={b.key[1:]: b.text for b in blocks if b.kind == "footnote"},
        recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
        authority=report.signing_authority,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
        is_draft=report.status != Status.SIGNED and not report.number_id,
        issued_on=day,
    )


def draft_document(*, campaign: Campaign, committee: Committee) -> ReportDocument:
    """The current draft, for the command line: the open report if any, else one drafted now and not kept."""
    report = open_report(campaign=campaign, committee=committee)
    return report_document(report or with_committee_closing(Report(campaign=campaign, committee=committee)))
