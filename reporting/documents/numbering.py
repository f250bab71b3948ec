"""Document numbers: 190-BC/HU is the 190th report of the district committee this term.

Numbers run per issuing body and type through the committee's term, from 01,
are never reused, and never come out twice, even when two people issue at the
same moment: the counter moves in one UPDATE, which locks the register row
until the transaction ends, and the database refuses a second document with
the same sequence.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from accounts.models import User
from conferences.document_types import DocumentType
from conferences.models import Committee, Term
from reporting.models import IssuedNumber, NumberRegister


class NumberingError(Exception):
    """A number cannot be issued; the message says why, in Vietnamese."""


def format_number_label(sequence: int, document_type: str, abbreviation: str) -> str:
    """190, BC, HU -> '190-BC/HU'; below ten with a leading zero: '05-BC/HU'."""
    return f"{sequence:02d}-{document_type}/{abbreviation}"


def term_on(*, committee: Committee, day: datetime.date) -> Term:
    term = (
        Term.objects.filter(committee=committee, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on")
        .first()
    )
    if term is None:
        raise NumberingError(
            _("%(committee)s chưa khai báo nhiệm kỳ chứa ngày %(day)s nên chưa cấp được số văn bản.")
            % {"committee": committee, "day": day.strftime("%d/%m/%Y")}
        )
    return term


def issue_number(
    *, committee: Committee, document_type: str = DocumentType.REPORT, day: datetime.date, user: User | None
) -> IssuedNumber:
    if not committee.abbreviation:
        raise NumberingError(_("%s chưa có ký hiệu văn bản (ví dụ HU).") % committee)
    term = term_on(committee=committee, day=day)
    register = _register(committee=committee, document_type=document_type, term=term)
    with transaction.atomic():
        NumberRegister.objects.filter(pk=register.pk).update(last_sequence=F("last_sequence") + 1)
        sequence = NumberRegister.objects.values_list("last_sequence", flat=True).get(pk=register.pk)
        return IssuedNumber.objects.create(
            register=register,
            sequence=sequence,
            label=format_number_label(sequence, document_type, committee.abbreviation),
            issued_by=user,
        )


def next_label(*, committee: Committee, term: Term, document_type: str = DocumentType.REPORT) -> str:
    """The number the next document of ``document_type`` would get in ``term``: '58-BC/HU'; '' without the
    committee's abbreviation."""
    register = NumberRegister.objects.filter(committee=committee, document_type=document_type, term=term).first()
    last = register.last_sequence if register else 0
    return format_number_label(last + 1, document_type, committee.abbreviation) if committee.abbreviation else ""


@transaction.atomic
def register_continue(
    *, committee: Committee, document_type: str = DocumentType.REPORT, day: datetime.date, last: int
) -> NumberRegister:
    """The numbers a committee issued outside the system this term, up to ``last``: the next one goes on from
    there. Forward only: a number the register has given is never given again."""
    term = term_on(committee=committee, day=day)
    register = NumberRegister.objects.select_for_update().get(
        pk=_register(committee=committee, document_type=document_type, term=term).pk
    )
    if last < register.last_sequence:
        raise NumberingError(
            _("Sổ đã cấp đến số %(last)02d trong nhiệm kỳ %(term)s; không ghi lùi được, vì số đã cấp không dùng lại.")
            % {"last": register.last_sequence, "term": term.name}
        )
    register.last_sequence = last
    register.save(update_fields=["last_sequence"])
    return register


def _register(*, committee: Committee, document_type: str, term: Term) -> NumberRegister:
    lookup = {"committee": committee, "document_type": document_type, "term": term}
    try:
        with transaction.atomic():
            return NumberRegister.objects.get_or_create(**lookup)[0]
    except IntegrityError:
        return NumberRegister.objects.get(**lookup)  # created at the same moment by someone else
