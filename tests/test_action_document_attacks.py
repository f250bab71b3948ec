"""Programmes and plans against a hostile secretary: what an outside attack on a live server found.

A 1.7 KB .docx packed with bzip2 that lied about its size took 14 s and 4.3 GB; a PDF of a thousand pages
sharing one content stream of 20,000 empty text operators kept a worker past its 60 s; sixty pasted plans of
100,000 characters made the district's next save compare them all for more than a minute. Each file here is
built by the test; nothing is read from outside.
"""

import bz2
import io
import lzma
import random
import struct
import time
import zipfile
import zlib

import pytest
import weasyprint
from django.conf import settings
from django.urls import reverse
from pypdf import PageObject
from pypdf import _page as pypdf_page

from conferences.action_documents import services, uploads
from conferences.action_documents.bounded import BoundExceeded, within_bounds
from conferences.action_documents.services import save_action_document
from conferences.action_documents.uploads import MAX_PDF_PAGES, plain_text, uploaded_text
from conferences.models import ActionDocument, Campaign, Committee
from conferences.similarity import MAX_COMPARED_CHARS
from tests.test_action_documents import DISTRICT_PLAN, OWN_PLAN, W, data, entered, uploaded

pytestmark = pytest.mark.django_db

UNREADABLE = "Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới."
TOO_MANY_PAGES = "Tệp có quá nhiều trang: tối đa 200 trang; hãy dán nội dung văn bản vào ô bên dưới."
NUL_REFUSED = "Văn bản có ký tự không hợp lệ (ký tự rỗng); hãy gõ lại phần đó."
CONTROL_REFUSED = "Văn bản có ký tự điều khiển không hợp lệ; hãy gõ lại phần đó."
TEXT_LINE = b"BT /F1 12 Tf 72 720 Td (Ke hoach thuc hien nghi quyet) Tj ET"
EMPTY_TEXT_OPERATORS = b"BT /F1 12 Tf " + b"() Tj " * 20_000 + b"ET"


def refused(client, name: str, content: bytes) -> list[str]:
    """The upload field's errors once ``content`` is posted as a new plan; nothing may have been saved."""
    response = client.post(reverse("action_document_new"), uploaded(name, content))
    assert not entered().exists()
    return response.context["form"].errors["upload"]


def declaring(archive: bytes, size: int, name: bytes = b"word/document.xml") -> bytes:
    """``archive`` with ``name``'s uncompressed size given as ``size`` in its local and central headers."""
    patched = bytearray(archive)
    for signature, name_length_at, size_at, name_at in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        at = patched.find(signature)
        while at != -1:
            (length,) = struct.unpack_from("<H", patched, at + name_length_at)
            if patched[at + name_at : at + name_at + length] == name:
                struct.pack_into("<I", patched, at + size_at, size)
            at = patched.find(signature, at + 4)
    return bytes(patched)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF holding ``objects`` (numbered from 1, the first its catalogue), with their cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf(pages: int, content: bytes, *, declared: int | None = None) -> bytes:
    """A PDF of ``pages`` pages drawing one shared content stream; its page tree declares ``declared`` pages
    (as many as it holds unless told)."""
    kids = b" ".join(b"%d 0 R" % (5 + page) for page in range(pages))
    packed = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>"
        % (kids, pages if declared is None else declared),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages,
    ]
    return pdf_file(objects)


@pytest.fixture
def pages_read(monkeypatch) -> list[PageObject]:
    """The pages whose text is extracted, in order."""
    read: list[PageObject] = []
    extract_text = PageObject.extract_text

    def spy(page, *args, **kwargs):
        read.append(page)
        return extract_text(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", spy)
    return read


# .docx


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_a_docx_packed_with_bzip2_or_lzma_is_refused_unopened(staff_client, monkeypatch, method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024), compress_type=method)
    bomb = declaring(buffer.getvalue(), 1000)

    def never(*args, **kwargs):
        raise AssertionError("Python unpacks this whole, whatever the archive declares")

    monkeypatch.setattr(bz2, "BZ2Decompressor", never)
    monkeypatch.setattr(lzma, "LZMADecompressor", never)
    assert refused(staff_client, "ke-hoach.docx", bomb) == [UNREADABLE]


def test_a_deflated_docx_that_lies_about_its_size_is_still_refused(staff_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    assert refused(staff_client, "ke-hoach.docx", declaring(buffer.getvalue(), 1000)) == [UNREADABLE]


@pytest.mark.parametrize(
    "body",
    [
        "<w:p>" * 5_000 + "<w:t>x</w:t>" + "</w:p>" * 5_000,
        "<w:p/>" * 100_001 + "<w:p><w:t>x</w:t></w:p>",
    ],
    ids=["nested-past-any-document", "more-paragraphs-than-characters"],
)
def test_a_docx_no_word_processor_writes_is_refused(body):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    with pytest.raises(uploads.UnreadableDocument, match=UNREADABLE):
        uploaded_text(io.BytesIO(buffer.getvalue()), "ke-hoach.docx")


def test_a_docx_of_more_elements_than_any_document_is_refused(monkeypatch):
    # Elements outside paragraphs stay in the parser's memory, a few bytes each once packed.
    monkeypatch.setattr(uploads, "MAX_DOCX_ELEMENTS", 1_000)
    body = "<w:x/>" * 1_000 + "<w:p><w:t>x</w:t></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    with pytest.raises(uploads.UnreadableDocument, match=UNREADABLE):
        uploads.docx_text(buffer.getvalue())
    monkeypatch.setattr(uploads, "MAX_DOCX_ELEMENTS", 1_010)
    assert uploads.docx_text(buffer.getvalue()) == "x"


# .pdf


def test_a_pdf_of_a_thousand_pages_is_refused_at_the_field_before_any_page_is_read(staff_client, pages_read):
    attack = pdf(1000, EMPTY_TEXT_OPERATORS)
    assert len(attack) < 100_000
    assert refused(staff_client, "ke-hoach.pdf", attack) == [TOO_MANY_PAGES]
    assert pages_read == []


@pytest.mark.parametrize(
    ("pages", "declared"), [(1_000, 1), (40_000, None)], ids=["declaring-one-page", "forty-thousand-empty-pages"]
)
def test_the_pages_counted_are_those_the_pdf_holds(staff_client, pages_read, pages, declared):
    assert refused(staff_client, "ke-hoach.pdf", pdf(pages, b"", declared=declared)) == [TOO_MANY_PAGES]
    assert pages_read == []


def test_a_pdf_of_as_many_pages_as_allowed_is_read_and_one_more_is_not(pages_read):
    text = uploaded_text(io.BytesIO(pdf(MAX_PDF_PAGES, TEXT_LINE)), "ke-hoach.pdf")
    assert text.count("Ke hoach thuc hien nghi quyet") == MAX_PDF_PAGES
    with pytest.raises(uploads.UnreadableDocument, match=TOO_MANY_PAGES):
        uploaded_text(io.BytesIO(pdf(MAX_PDF_PAGES + 1, TEXT_LINE)), "ke-hoach.pdf")


@pytest.mark.slow  # WeasyPrint writes thirty pages first: with the slow checks in .ci/run
def test_a_pdf_as_long_as_allowed_spends_under_half_of_what_reading_may_cost(monkeypatch):
    budgets: list[uploads._PdfBudget] = []

    class Watched(uploads._PdfBudget):
        def __init__(self):
            super().__init__()
            budgets.append(self)

    monkeypatch.setattr(uploads, "_PdfBudget", Watched)
    monkeypatch.setattr(uploads, "PDF_READ_SECONDS", 60.0)  # counts here, not this machine's speed
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    style = (
        f'<style>@font-face {{ font-family: "L"; src: url("{font.as_uri()}"); }} body {{ font-family: "L"; }}</style>'
    )
    paragraphs = "".join(f"<p>{OWN_PLAN}</p>" for _ in range(95_000 // len(OWN_PLAN)))
    # Read here rather than in the bounded child, to see what it spent.
    assert len(uploads.pdf_text(weasyprint.HTML(string=style + paragraphs).write_pdf())) > 90_000
    assert budgets[0].content_bytes > uploads.MAX_PDF_CONTENT_BYTES // 2
    assert budgets[0].operations > uploads.MAX_PDF_OPERATIONS // 2
    assert budgets[0].font_codes > uploads.MAX_PDF_FONT_CODES // 2


def test_reading_stops_once_the_operators_of_the_upload_are_spent(pages_read, monkeypatch):
    # Each page goes through 40,003 operators and operands: the second spends a budget of 50,000.
    monkeypatch.setattr(uploads, "MAX_PDF_OPERATIONS", 50_000)
    with pytest.raises(uploads.UnreadableDocument, match=UNREADABLE):  # here, where the pages read are seen
        uploads.pdf_text(pdf(20, EMPTY_TEXT_OPERATORS))
    assert len(pages_read) == 2


def test_reading_stops_once_the_page_content_of_the_upload_is_spent(staff_client, pages_read):
    # Page content pypdf parses in full, though it draws nothing: 20 pages of 150 KB pass the 2 MB allowed.
    blank = b"%" + b" " * 150_000 + b"\n" + TEXT_LINE
    assert refused(staff_client, "ke-hoach.pdf", pdf(20, blank)) == [UNREADABLE]  # as the uploader is told
    with pytest.raises(uploads.UnreadableDocument):
        uploads.pdf_text(pdf(20, blank))
    assert len(pages_read) == uploads.MAX_PDF_CONTENT_BYTES // len(blank)


def one_font_under_many_names(names: int) -> bytes:
    """One page whose resources give one font, mapping every 16-bit code in its ToUnicode, ``names`` names."""
    cmap = b"1 beginbfrange\n<0000> <FFFF> <0041>\nendbfrange"
    given = b" ".join(b"/F%d 5 0 R" % name for name in range(names))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << %s >> >> >>" % given,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(TEXT_LINE), TEXT_LINE),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    return pdf_file(objects)


def test_a_font_given_under_many_names_is_refused_before_any_map_is_built(staff_client, monkeypatch):
    # pypdf builds the 65,536-code map again for each name: a thousand names took a minute and gigabytes.
    built = []
    from_resource = pypdf_page.Font.from_font_resource
    monkeypatch.setattr(pypdf_page.Font, "from_font_resource", lambda font: built.append(font) or from_resource(font))
    assert refused(staff_client, "ke-hoach.pdf", one_font_under_many_names(1_000)) == [UNREADABLE]
    with pytest.raises(uploads.UnreadableDocument):
        uploads.pdf_text(one_font_under_many_names(1_000))
    assert built == []
    assert uploads.pdf_text(one_font_under_many_names(1)).strip() != ""  # one such name is read


def test_what_no_count_sees_is_stopped_by_the_childs_own_bounds():
    with pytest.raises(BoundExceeded):
        within_bounds(bytearray, 2 * 1024 * 1024 * 1024, seconds=30, memory=256 * 1024 * 1024)
    with pytest.raises(BoundExceeded):
        within_bounds(time.sleep, 30, seconds=0.5, memory=256 * 1024 * 1024)
    with pytest.raises(uploads.UnreadableDocument, match="Không đọc được"):  # its own refusals come back as they are
        within_bounds(uploads.pdf_text, b"%PDF-1.7 nothing else", seconds=30, memory=256 * 1024 * 1024)
    assert within_bounds(sum, [1, 2, 3], seconds=30, memory=256 * 1024 * 1024) == 6


def test_reading_stops_at_the_last_guard_whatever_the_counts(staff_client, monkeypatch):
    monkeypatch.setattr(uploads, "PDF_READ_SECONDS", -1.0)
    assert refused(staff_client, "ke-hoach.pdf", pdf(1, TEXT_LINE)) == [UNREADABLE]


# Text pasted or read.


def test_words_line_and_page_breaks_end_lines_and_other_control_characters_are_dropped_from_a_file(staff_client):
    content = b"BT /F1 12 Tf 72 720 Td (Ke hoach\\013thuc\\014hien\\000nghi\\007quyet) Tj ET"
    staff_client.post(reverse("action_document_new"), uploaded("ke-hoach.pdf", pdf(1, content)))
    assert entered().get().text == "Ke hoach\nthuc\nhiennghiquyet"
    assert plain_text("a\x0bb\x0cc\td\r\ne\x00f\x1bg\x7fh") == "a\nb\nc\td\r\nefgh"


def test_words_line_and_page_breaks_pasted_end_lines(staff_client):
    pasted = data(title="Kế hoạch thực hiện\x0bNghị quyết Trung ương 8", text="Phần một.\x0bPhần hai.\x0cPhần ba.")
    staff_client.post(reverse("action_document_new"), pasted)
    document = entered().get()
    assert (document.title, document.text) == (
        "Kế hoạch thực hiện\nNghị quyết Trung ương 8",
        "Phần một.\nPhần hai.\nPhần ba.",
    )


@pytest.mark.parametrize(("character", "message"), [("\x00", NUL_REFUSED), ("\x07", CONTROL_REFUSED)])
def test_a_nul_or_control_character_pasted_is_refused_in_vietnamese(staff_client, character, message):
    pasted = data(title=f"Kế hoạch{character}", text=f"Đảng ủy xã{character} Tả Lèng giao chi bộ các bản.")
    response = staff_client.post(reverse("action_document_new"), pasted)
    assert response.context["form"].errors == {"title": [message], "text": [message]}
    assert not entered().exists()


# Saving: the units below compared again, at a bounded cost.


DISTRICT_SEED = 1_000  # the communes' are 0 to 59


def long_text(seed: int, chars: int = 100_000) -> str:
    """A plan of ``chars`` characters of Vietnamese words in an order of its own."""
    syllables = DISTRICT_PLAN.split()
    chosen = random.Random(seed).choices(syllables, k=chars // 4)
    return " ".join(chosen)[:chars]


@pytest.fixture
def sixty_long_plans_below(demo) -> list[ActionDocument]:
    """Three communes of Tam Đường with twenty plans of 100,000 characters each, the last copying the district's."""
    campaign = Campaign.objects.get(code="tw8-khoa-xiii")
    communes = Committee.objects.filter(path__startswith=campaign.committee.path, depth=campaign.committee.depth + 1)
    documents = [
        ActionDocument(
            unit=unit,
            campaign=campaign,
            kind=ActionDocument.Kind.PLAN,
            issued_on="2023-12-15",
            title=f"Kế hoạch {number}",
            text=long_text(seed=index * 20 + number),
        )
        for index, unit in enumerate(communes.order_by("path")[:3])
        for number in range(20)
    ]
    documents[-1].text = long_text(seed=DISTRICT_SEED)
    return ActionDocument.objects.bulk_create(documents)


def test_a_districts_save_shingles_each_text_once_and_only_its_head(
    sixty_long_plans_below, monkeypatch, django_assert_num_queries
):
    shingled: list[int] = []
    shingles = services.shingles
    monkeypatch.setattr(services, "shingles", lambda text: shingled.append(len(text)) or shingles(text))
    campaign = sixty_long_plans_below[0].campaign
    plan = ActionDocument(
        unit=campaign.committee,
        campaign=campaign,
        kind=ActionDocument.Kind.PLAN,
        issued_on="2023-12-01",
        title="Kế hoạch của huyện",
        text=long_text(seed=DISTRICT_SEED),
    )
    # The province's plans; savepoint, the plan, its history, release; the signed periods over the district, the
    # plans below, the district's, their update.
    with django_assert_num_queries(9):
        save_action_document(document=plan, user=None)
    assert len(shingled) == 1 + 60
    assert max(shingled) == MAX_COMPARED_CHARS
    similarities = dict(ActionDocument.objects.filter(campaign=campaign).values_list("pk", "similarity"))
    copier, *others = reversed(sixty_long_plans_below)
    assert similarities[copier.pk] == 100
    assert max(similarities[document.pk] for document in others) < 60
