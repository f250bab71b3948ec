"""A signed report is kept as PDF/A-2b with the metadata an archive reads; the preview stays plain PDF."""

import datetime
import io

import pytest
from pypdf import PdfReader

from conferences.models import Committee
from reporting.documents.pdf import render_report_pdf
from reporting.documents.term_reports import term_draft_document, term_report_start
from reporting.documents.verification import verify_report_pdf
from reporting.documents.workflow import report_sign
from reporting.figures.term import Period
from reporting.models import Report
from tests import builders
from tests.test_reports import user

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))
ISSUED = datetime.date(2023, 4, 5)


@pytest.fixture(scope="module")
def signed_190(module_demo, django_db_blocker) -> bytes:
    with django_db_blocker.unblock():
        report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), *PERIOD))
        builders.approve(report=report, user=user("tuyengiao.tayson"))
        signed = report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson"), day=ISSUED)
        return bytes(signed.signed_pdf)


def fonts_of(reader: PdfReader) -> list:
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            fonts.append(descendants[0].get_object() if descendants else font)
    return fonts


def test_the_signed_report_claims_pdfa_2b_with_its_metadata(signed_190):
    reader = PdfReader(io.BytesIO(signed_190))
    xmp = reader.xmp_metadata
    assert (str(xmp.pdfaid_part), xmp.pdfaid_conformance) == ("2", "B")
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent.get_object()
    assert reader.trailer["/Root"]["/Lang"] == "vi"
    metadata = reader.metadata
    assert metadata.title == (
        "Báo cáo số 190-BC/HU kết quả nghiên cứu, học tập, quán triệt và tuyên truyền các nghị quyết, chỉ thị, "
        "kết luận khóa XIII của Đảng"
    )
    assert metadata.author == "HUYỆN ỦY TÂY SƠN"
    assert metadata.creation_date.date() == ISSUED
    fonts = fonts_of(reader)
    assert fonts and all("/FontFile2" in font["/FontDescriptor"] for font in fonts)


def test_it_still_verifies_as_signed_by_tay_son(signed_190):
    outcome = verify_report_pdf(signed_190)
    assert outcome.valid and outcome.check.committee.code == "tay-son"


def test_a_preview_stays_plain_pdf(demo):
    preview = render_report_pdf(term_draft_document(Period(Committee.objects.get(code="tay-son"), *PERIOD)))
    reader = PdfReader(io.BytesIO(preview))
    assert "/OutputIntents" not in reader.trailer["/Root"]
    assert reader.metadata.title.startswith("Báo cáo kết quả nghiên cứu")
