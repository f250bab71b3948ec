"""Three layout faults found on the Tây Sơn report, pinned on the PDF as pdfplumber reads it."""

import datetime
import io

import pdfplumber
import pytest

from conferences.models import Campaign, Committee
from reporting.documents.document import Block, ReportDocument
from reporting.documents.pdf import render_report_pdf
from reporting.documents.summary import summary_lines
from reporting.documents.term_reports import term_draft_document
from reporting.documents.workflow import draft_document
from reporting.figures.term import Period

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pdfs(module_demo, django_db_blocker):
    """Tây Sơn's term report and Tam Đường's report on the 8th Plenum, as drafted from the demo."""
    with django_db_blocker.unblock():
        tay_son = Committee.objects.get(code="tay-son")
        term = term_draft_document(Period(tay_son, datetime.date(2021, 3, 1), datetime.date(2023, 3, 31)))
        campaign = draft_document(
            campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=Committee.objects.get(code="tam-duong")
        )
        return [(document, render_report_pdf(document)) for document in (term, campaign)]


def lines_of(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def words_on_page_one(content: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return pdf.pages[0].extract_words()


def on_one_line(content: bytes, name: str) -> bool:
    """Whether every word of ``name`` in the header sits on the same line (their tops within a few points)."""
    words = name.split()
    found = [word for word in words_on_page_one(content) if word["text"] in words and word["top"] < 200]
    assert {word["text"] for word in found} == set(words), name
    tops = [word["top"] for word in found]
    return max(tops) - min(tops) < 4


def test_the_bodies_in_the_header_are_each_on_one_line(demo_pdfs):
    for document, content in demo_pdfs:
        assert on_one_line(content, document.superior_line)
        assert on_one_line(content, document.issuing_body)


def chau_duc(blocks: list[Block], footnotes: dict[str, str] | None = None) -> ReportDocument:
    """A short report of Châu Đức's, whose province has the longest name of the superior bodies."""
    return ReportDocument(
        superior_line="ĐẢNG BỘ TỈNH BÀ RỊA - VŨNG TÀU",
        issuing_body="HUYỆN ỦY CHÂU ĐỨC",
        document_code="BC/HU",
        place_and_date="Châu Đức, ngày 05 tháng 4 năm 2023",
        summary=["kết quả"],
        blocks=blocks,
        footnotes=footnotes or {},
    )


def test_a_name_too_long_for_the_column_is_printed_smaller_on_one_line():
    content = render_report_pdf(chau_duc([Block("p", "paragraph", "Nội dung.")]))
    assert on_one_line(content, "ĐẢNG BỘ TỈNH BÀ RỊA - VŨNG TÀU")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        left = [c for c in pdf.pages[0].chars if c["top"] < 120 and c["x1"] < 85 + 0.4 * 468]
        sizes = {round(c["size"]) for c in left if c["text"] == "V"}
    assert sizes and max(sizes) < 14


def test_the_summaries_break_where_the_seeds_break_them():
    assert summary_lines(
        "kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết Hội nghị lần thứ tám Ban Chấp hành "
        "Trung ương Đảng khóa XIII"
    ) == [
        "kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết",
        "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
    ]
    assert summary_lines(
        "kết quả nghiên cứu, học tập, quán triệt và tuyên truyền các nghị quyết, chỉ thị, kết luận khóa XIII của Đảng"
    ) == [
        "kết quả nghiên cứu, học tập, quán triệt và tuyên truyền",
        "các nghị quyết, chỉ thị, kết luận khóa XIII của Đảng",
    ]


def test_no_summary_leaves_the_term_alone_on_a_line():
    for name in (
        "Kết luận, Quy định của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII",
        "Nghị quyết Hội nghị lần thứ mười lăm Ban Chấp hành Trung ương Đảng khóa XIII về phát triển",
    ):
        lines = summary_lines(f"kết quả nghiên cứu, học tập, quán triệt, tuyên truyền {name}")
        assert all(len(line.split()) >= 3 for line in lines), lines
        assert not any(line.endswith("khóa") for line in lines), lines


def test_no_printed_line_starts_with_a_dash_unless_an_item_does(demo_pdfs):
    for document, content in demo_pdfs:
        items = [block.text[2:].split()[:3] for block in document.blocks if block.text.startswith("- ")]
        items += [recipient.split()[:3] for recipient in document.recipients]
        for line in lines_of(content):
            if line.startswith("-"):
                assert line.lstrip("- \u00a0").split()[:3] in items, line
    recipients = [line for line in lines_of(demo_pdfs[0][1]) if "xã hội huyện" in line]
    assert recipients == ["xã hội huyện,"] or all(not line.startswith("-") for line in recipients)


def test_a_footnote_too_long_for_the_rest_of_its_page_takes_its_call_along():
    long_note = "Kế hoạch số 227-KH/HU, ngày 08/12/2023 về nghiên cứu, học tập, quán triệt. " * 5
    paragraph = "Các chi, đảng bộ tổ chức học tập nghiêm túc, đầy đủ, đúng thời gian quy định của cấp trên. " * 3
    marks = "ABCDEFGHIKLM"  # one a paragraph: "Đoạn A", "Chú thích A"
    document = chau_duc(
        [Block(mark, "paragraph", f"{paragraph}Đoạn {mark}[^{mark}].") for mark in marks],
        {mark: f"Chú thích {mark}: {long_note}" for mark in marks},
    )
    with pdfplumber.open(io.BytesIO(render_report_pdf(document))) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    for mark in marks:
        [called] = [number for number, text in enumerate(pages) if f"Đoạn {mark}" in text]
        assert f"Chú thích {mark}:" in pages[called], f"footnote {mark} is not at the foot of page {called + 1}"
