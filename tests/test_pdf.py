"""The printed report, checked on the PDF the way a reader would check the page.

The sample is the Tam Đường report on Nghị quyết Trung ương 8
(../shared/seeds/bc-hu-tam-duong-tw8-2024.txt).
"""

import dataclasses
import io
import logging
import re
import shutil
import subprocess

import pdfplumber
import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reporting.documents.document import Block, ReportDocument
from reporting.documents.pdf import render_report_html, render_report_pdf

MM = 72 / 25.4
TOP_MARGIN = 20 * MM
BOTTOM_MARGIN = 20 * MM
LEFT_MARGIN = 30 * MM
RIGHT_MARGIN = 15 * MM
A4 = (595.28, 841.89)
# The report's fonts (the password slips add a monospace face of their own).
FONT_FILES = sorted((settings.BASE_DIR / "static" / "fonts").glob("LiberationSerif-*.ttf"))
ARTIFACTS = settings.BASE_DIR / "test-artifacts" / "pdf"

RESULT_SENTENCE = (
    "Kết quả chung: 100% các chi, đảng bộ đã triển khai học tập, quán triệt Nghị quyết Trung ương 8 với "
    "42 hội nghị, 142 buổi sinh hoạt chi bộ cho 3.182 người; trong đó đảng viên 2.443/2.538 đạt 96,3%"
)
OPENING_SENTENCE = (
    "Thực hiện Kế hoạch số 216-KH/TU, ngày 28/11/2023 của Ban Thường vụ Tỉnh ủy về nghiên cứu, học tập, "
    "quán triệt, tuyên truyền và triển khai thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương "
    "Đảng khóa XIII (gọi tắt là Nghị quyết Trung ương 8), Ban Thường vụ Huyện ủy Tam Đường báo cáo kết quả "
    "như sau:"
)
NQ_42_TO_45 = (
    "Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, "
    "nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc trong giai "
    "đoạn mới. Nghị quyết số 43-NQ/TW về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc. "
    "Nghị quyết số 44-NQ/TW về chiến lược bảo vệ Tổ quốc trong tình hình mới. Nghị quyết số 45-NQ/TW về tiếp "
    "tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và bền "
    "vững trong giai đoạn mới."
)


def tam_duong_document() -> ReportDocument:
    paragraphs = [
        ("section", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
        (
            "paragraph",
            "Bám sát sự chỉ đạo của Tỉnh ủy, Ban Thường vụ Huyện ủy đã kịp thời ban hành kế hoạch, văn bản chỉ "
            "đạo[^plans] tổ chức học tập, quán triệt, tuyên truyền và triển khai thực hiện Nghị quyết Hội nghị "
            "lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII[^resolutions] kịp thời, phù hợp với đặc điểm, "
            "tình hình thực tiễn của huyện.",
        ),
        (
            "paragraph",
            "Chỉ đạo các chi, đảng bộ cơ sở xây dựng kế hoạch, tổ chức học tập, quán triệt cho cán bộ, đảng "
            "viên theo tinh thần đổi mới, nghiêm túc, thiết thực, hiệu quả. Chỉ đạo MTTQ và các đoàn thể chính "
            "trị - xã hội, Trung tâm Văn hóa, Thể thao và Truyền thông huyện đổi mới phương pháp, hình thức "
            "tuyên truyền phù hợp; quan tâm biên dịch, tuyên truyền bằng tiếng dân tộc Mông trên hệ thống "
            "truyền thanh cơ sở, đưa nghị quyết sớm đi vào cuộc sống.",
        ),
        (
            "paragraph",
            "Chỉ đạo Ban Tuyên giáo Huyện ủy theo dõi, nắm tình hình, đôn đốc và tổng hợp, báo cáo kết quả tổ "
            "chức nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết Trung ương 8 đảm bảo yêu cầu quy định.",
        ),
        ("section", "II. KẾT QUẢ TRIỂN KHAI"),
        ("subsection", "1. Công tác tổ chức nghiên cứu, học tập, quán triệt Nghị quyết"),
        ("item", "a) Cấp huyện"),
        (
            "paragraph",
            "Kết nối học tập các nghị quyết Hội nghị Trung ương 8 theo hình thức trực tuyến từ Trung ương ngày "
            "04/12/2023 với 97 người tham dự tại điểm cầu Trung tâm huyện. Thành phần gồm các đồng chí cán bộ "
            "chủ chốt, lãnh đạo các cơ quan, đơn vị, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội "
            "huyện; đảng viên, công chức các cơ quan khối Đảng, Đoàn thể.",
        ),
        ("item", "b) Cấp cơ sở"),
        (
            "paragraph",
            "- 14 điểm cầu các xã, thị trấn, Trung tâm Y tế huyện kết nối học tập tại hội nghị trực tuyến từ "
            "Trung ương với 640 người tham gia. Thành phần gồm các đồng chí ủy viên Ban Chấp hành Đảng bộ; Bí "
            "thư các chi bộ trực thuộc Đảng ủy; cán bộ, công chức cấp xã; một số xã triệu tập đảng viên nông "
            "thôn tham gia học.",
        ),
        (
            "paragraph",
            "- Đảng ủy các xã, thị trấn tiếp tục tổ chức hội nghị tập trung quán triệt cho cán bộ, đảng viên "
            "chưa tham gia học[^communes] bằng hình thức phát lại video ghi hình hội nghị Trung ương.",
        ),
        (
            "paragraph",
            "- Các chi bộ cơ sở phổ biến, quán triệt lồng ghép trong các buổi sinh hoạt chi bộ, cơ quan tháng "
            "12/2023, tháng 01/2024.",
        ),
        (
            "paragraph",
            f"{RESULT_SENTENCE}; cán bộ, công chức, viên chức, người lao động chưa là đảng viên 739/760 đạt 97,2%.",
        ),
        ("subsection", "2. Công tác tuyên truyền"),
        (
            "paragraph",
            "- Mặt trận Tổ quốc, đoàn thể chính trị - xã hội huyện xây dựng kế hoạch; chỉ đạo tổ chức đoàn thể "
            "ở cơ sở triển khai tuyên truyền cho trường ban công tác mặt trận, bí thư chi đoàn, chi hội trưởng, "
            "hội viên của tổ chức mình. Kết quả được 214 buổi cho 2.691 lượt người[^fronts].",
        ),
        (
            "paragraph",
            "- Đài Truyền thanh - Truyền hình huyện đưa tin phản ánh công tác quán triệt học tập, tuyên truyền "
            "Nghị quyết Trung ương 8 do các cấp triển khai; đăng tải kế hoạch nghiên cứu, học tập, quán triệt, "
            "tuyên truyền nghị quyết Trung ương 8 trên trang thông tin điện tử huyện; tuyên truyền trên hệ thống "
            "truyền thanh, truyền hình 7 tin, 2 bài với thời lượng 20 phút.",
        ),
        (
            "paragraph",
            "- Đảng ủy các xã, thị trấn chỉ đạo Ủy ban MTTQ và các tổ chức đoàn thể chính trị - xã hội, đội ngũ "
            "báo cáo viên, tuyên truyền viên, bộ phận văn hóa - thông tin xã tập trung tuyên truyền những nội "
            "dung cốt lõi của Nghị quyết số 42-NQ/TW, Nghị quyết số 43-NQ/TW tới đoàn viên, hội viên, quần chúng "
            "nhân dân trên địa bàn. Kết quả, tuyên truyền được 102 buổi cho 6.912 lượt người (*hiện tại một số "
            "Đảng ủy xã đang tiếp tục triển khai tuyên truyền*).",
        ),
        ("section", "III. HẠN CHẾ VÀ NGUYÊN NHÂN"),
        ("subsection", "1. Hạn chế"),
        (
            "paragraph",
            "- Một số cấp ủy cơ sở chưa quan tâm tổ chức hội nghị quán triệt cho cán bộ, đảng viên sau khi học "
            "trực tuyến từ Trung ương (*Đảng ủy xã Hồ Thâu, Bình Lưu*). Tỷ lệ đảng viên được nghiên cứu, học "
            "tập, quán triệt ở một số đơn vị chưa cao (*Đảng ủy xã Tả Lèng, Khun Há, Bản Bo*).",
        ),
        (
            "paragraph",
            "- Ủy ban MTTQ và đoàn thể cấp huyện, cơ sở chưa quan tâm phối hợp tổ chức hội nghị tuyên truyền tới "
            "đoàn viên, hội viên ở cơ sở, chất lượng, hiệu quả tuyên truyền chưa cao.",
        ),
        (
            "paragraph",
            "- Một số chi, đảng bộ chưa chấp hành nghiêm chế độ báo cáo, chất lượng tổng hợp, báo cáo kết quả về "
            "huyện còn hạn chế (*Chi bộ Hội liên hiệp Phụ nữ huyện, các chi bộ cơ quan khối chính quyền*).",
        ),
        ("subsection", "2. Nguyên nhân"),
        (
            "paragraph",
            "- Một số cấp ủy, tổ chức đảng cơ sở chưa chủ động, linh hoạt trong triển khai thực hiện; công tác "
            "theo dõi, kiểm tra, giám sát, đôn đốc chưa được quan tâm; chưa chú trọng đổi mới, nâng cao chất "
            "lượng, hiệu quả việc học tập, quán triệt, tuyên truyền nghị quyết ở địa phương, cơ quan, đơn vị.",
        ),
        (
            "paragraph",
            "- Năng lực của một số cán bộ, đảng viên tổng hợp, xây dựng báo cáo kết quả học tập còn hạn chế; chưa "
            "chủ động, sát sao, thiếu tinh thần trách nhiệm.",
        ),
    ]
    return ReportDocument(
        superior_line="ĐẢNG BỘ TỈNH LAI CHÂU",
        issuing_body="HUYỆN ỦY TAM ĐƯỜNG",
        number_label="190-BC/HU",
        document_code="BC/HU",
        place_and_date="Tam Đường, ngày 15 tháng 01 năm 2024",
        summary=[
            "kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết",
            "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
        ],
        blocks=[
            Block(key="opening", kind="paragraph", text=OPENING_SENTENCE),
            *(Block(key=f"b{index}", kind=kind, text=text) for index, (kind, text) in enumerate(paragraphs)),
        ],
        footnotes={
            "plans": (
                "Kế hoạch số 227-KH/HU, ngày 08/12/2023 về nghiên cứu, học tập, quán triệt, tuyên truyền và triển "
                "khai thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII. Công văn "
                "số 1101-CV/HU, ngày 01/12/2023 về mời dự Hội nghị trực tuyến toàn quốc nghiên cứu, học tập, quán "
                "triệt Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII."
            ),
            "resolutions": NQ_42_TO_45,
            "communes": "11/13 xã, thị trấn; các chi bộ trường học trực thuộc Đảng ủy thị trấn, xã Nà Tăm.",
            "fronts": (
                "Ủy ban MTTQ các xã, thị trấn lồng ghép tuyên truyền 13 buổi với 360 lượt người. Hội Nông dân cơ "
                "sở tuyên truyền 20 buổi cho 981 lượt người. Huyện đoàn lồng ghép tuyên truyền 01 hội nghị/50 cán "
                "bộ đoàn, đoàn viên thanh niên; tổ chức đoàn cơ sở tuyên truyền lồng ghép 180 buổi với 1.300 lượt "
                "đoàn viên thanh niên."
            ),
        },
        recipients=["Ban Tuyên giáo Tỉnh ủy,", "Thường trực Huyện ủy,", "Các chi, đảng bộ cơ sở,", "Lưu."],
        authority="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Cao Trang Trọng",
        is_draft=False,
    )


def draft_document() -> ReportDocument:
    """The same report while it is drafted, with text a careless or hostile hand might type."""
    issued = tam_duong_document()
    return dataclasses.replace(
        issued,
        document_code="BC/HU",
        is_draft=True,
        blocks=[
            Block(key="s", kind="section", text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
            Block(key="x", kind="paragraph", text='Mẫu <script>alert("x")</script> & <b>đậm</b> in nguyên văn.'),
            Block(key="m", kind="paragraph", text="Chú thích không có nội dung[^missing] thì bỏ qua."),
            *issued.blocks[2:3],
        ],
    )


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(page: pdfplumber.page.Page, *, min_size: float = 0, max_size: float = 100) -> str:
    """Text inside the margins, of characters whose size is in range (body 14 pt, footnotes 12 pt)."""
    content = page.within_bbox((0, TOP_MARGIN, page.width, page.height - BOTTOM_MARGIN))
    chars = content.filter(lambda obj: obj["object_type"] != "char" or min_size <= obj["size"] <= max_size)
    return normalised(chars.extract_text() or "")


def page_of(pdf: pdfplumber.PDF, phrase: str, **sizes: float) -> int:
    found = [number for number, page in enumerate(pdf.pages, 1) if phrase in text_of(page, **sizes)]
    assert found, f"{phrase!r} is not printed"
    return found[0]


def chars_of(page: pdfplumber.page.Page, phrase: str) -> list[dict]:
    """The characters of the first line that holds ``phrase``."""
    for line in page.extract_text_lines():
        start = line["text"].find(phrase)
        if start >= 0:
            printed = [char for char in line["chars"] if not char["text"].isspace()]
            offset = len(line["text"][:start].replace(" ", ""))
            return printed[offset : offset + len(phrase.replace(" ", ""))]
    raise AssertionError(f"{phrase!r} is not on the page")


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    return render_report_pdf(tam_duong_document())


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return render_report_pdf(draft_document())


@pytest.fixture(scope="module")
def issued(issued_pdf: bytes):
    with pdfplumber.open(io.BytesIO(issued_pdf)) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def draft(draft_pdf: bytes):
    with pdfplumber.open(io.BytesIO(draft_pdf)) as pdf:
        yield pdf


def test_sentences_print_as_written(issued):
    body = " ".join(text_of(page, min_size=13) for page in issued.pages)
    for sentence in (
        OPENING_SENTENCE,
        RESULT_SENTENCE + "; cán bộ, công chức, viên chức, người lao động chưa là đảng viên 739/760 đạt 97,2%.",
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "a) Cấp huyện",
        "(hiện tại một số Đảng ủy xã đang tiếp tục triển khai tuyên truyền).",
        "BÁO CÁO kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết Hội nghị lần thứ tám",
    ):
        assert sentence in body


def test_header_on_page_one(issued):
    page = issued.pages[0]
    text = normalised(page.extract_text())
    for line in ("ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY TAM ĐƯỜNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 190-BC/HU"):
        assert line in text
    number = chars_of(page, "Số 190-BC/HU")
    assert all(not re.search("Bold|Italic", char["fontname"]) for char in number), "the number is upright"
    assert all("Italic" in char["fontname"] for char in chars_of(page, "Tam Đường, ngày 15 tháng 01 năm 2024"))
    assert all(char["fontname"].endswith("Bold") for char in chars_of(page, "HUYỆN ỦY TAM ĐƯỜNG"))

    party = chars_of(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert all(char["fontname"].endswith("Bold") and round(char["size"]) == 15 for char in party)
    left, right, bottom = party[0]["x0"], party[-1]["x1"], party[0]["bottom"]
    rules = [edge for edge in page.horizontal_edges if 0 < edge["top"] - bottom < 8]
    assert any(abs(rule["x0"] - left) < 2 and abs(rule["x1"] - right) < 2 for rule in rules), "rule as long as text"

    superior, issuing = chars_of(page, "ĐẢNG BỘ TỈNH LAI CHÂU"), chars_of(page, "HUYỆN ỦY TAM ĐƯỜNG")
    assert superior[0]["top"] == pytest.approx(party[0]["top"], abs=3), "superior body level with the party name"
    assert issuing[-1]["x1"] < party[0]["x0"], "left column, then right column"


def test_footnotes_at_the_foot_of_the_page_that_calls_them(issued):
    calls = {
        "văn bản chỉ đạo": "Kế hoạch số 227-KH/HU, ngày 08/12/2023 về nghiên cứu",
        "Đảng khóa XIII": NQ_42_TO_45[:60],
        "chưa tham gia học": "11/13 xã, thị trấn; các chi bộ trường học trực thuộc Đảng ủy thị trấn, xã Nà Tăm.",
        "lượt người": "Ủy ban MTTQ các xã, thị trấn lồng ghép tuyên truyền 13 buổi",
    }
    for number, (called_after, note) in enumerate(calls.items(), 1):
        page = issued.pages[page_of(issued, note, max_size=12.5) - 1]
        assert called_after in text_of(page, min_size=13)
        marks = [char for char in page.chars if char["text"] == str(number) and char["size"] < 10]
        assert len(marks) == 2, f"footnote {number}: a superscript call and its marker"
        note_chars = chars_of(page, note[:20])
        assert all(round(char["size"]) == 12 for char in note_chars)
        assert note_chars[0]["top"] > max(char["bottom"] for char in page.chars if char["size"] > 13)


def test_pages_are_a4_numbered_from_page_two(issued):
    assert len(issued.pages) >= 2
    for page in issued.pages:
        assert (page.width, page.height) == pytest.approx(A4, abs=1)

    assert not issued.pages[0].crop((0, 0, issued.pages[0].width, TOP_MARGIN)).extract_words()
    centre = (LEFT_MARGIN + A4[0] - RIGHT_MARGIN) / 2
    for number, page in enumerate(issued.pages[1:], 2):
        [word] = page.crop((0, 0, page.width, TOP_MARGIN)).extract_words(extra_attrs=["size"])
        assert word["text"] == str(number)
        assert round(word["size"]) == 14
        assert (word["x0"] + word["x1"]) / 2 == pytest.approx(centre, abs=2)


def test_body_keeps_the_margins(issued):
    page = issued.pages[1]
    lines = [line for line in page.extract_text_lines() if line["chars"][0]["size"] > 13]
    assert min(line["x0"] for line in lines) == pytest.approx(LEFT_MARGIN, abs=1)
    assert max(line["x1"] for line in lines) == pytest.approx(A4[0] - RIGHT_MARGIN, abs=2), "justified"
    indents = {round(line["x0"] - LEFT_MARGIN) for line in lines}
    assert round(10 * MM) in indents, "first lines indented 10 mm"


def test_closing_block_on_one_page(issued):
    page = issued.pages[-1]
    label, authority = chars_of(page, "Nơi nhận:"), chars_of(page, "T/M BAN THƯỜNG VỤ")
    title, name = chars_of(page, "PHÓ BÍ THƯ"), chars_of(page, "Cao Trang Trọng")
    assert label[0]["top"] == pytest.approx(authority[0]["top"], abs=2), "Nơi nhận level with the authority"
    assert label[0]["x0"] == pytest.approx(LEFT_MARGIN, abs=1)
    assert authority[0]["x0"] > A4[0] / 2 - 10
    assert all(char["fontname"].endswith("Bold") for char in authority + title + name)
    assert 28 * MM < name[0]["top"] - title[0]["bottom"] < 36 * MM, "room for signature and seal"
    assert "- Lưu." in normalised(page.extract_text())
    assert any(
        abs(edge["x0"] - label[0]["x0"]) < 1
        and abs(edge["x1"] - label[-1]["x1"]) < 1
        and label[0]["top"] < edge["top"] < label[0]["bottom"] + 2
        for edge in page.horizontal_edges
    ), "Nơi nhận underlined"


def test_only_the_shipped_fonts_are_embedded(issued_pdf):
    shipped = {TTFont(path)["name"].getDebugName(6): TTFont(path)["name"].getDebugName(5) for path in FONT_FILES}
    names = set()
    for page in PdfReader(io.BytesIO(issued_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(font["/BaseFont"].split("+")[-1])
            [descendant] = font["/DescendantFonts"]
            embedded = TTFont(io.BytesIO(descendant.get_object()["/FontDescriptor"]["/FontFile2"].get_data()))
            # The files in static/fonts, not a system Liberation Serif 1.x of the same name.
            postscript_name = embedded["name"].getDebugName(6)
            assert shipped[postscript_name] == embedded["name"].getDebugName(5) == "Version 2.1.5"
    assert names == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_shipped_fonts_cover_every_character_printed():
    document = tam_duong_document()
    printed = "".join(
        [
            document.superior_line,
            document.issuing_body,
            document.number,
            document.place_and_date,
            document.document_type,
            *document.summary,
            *(block.text for block in document.blocks),
            *document.footnotes.values(),
            *document.recipients,
            document.authority,
            document.signer_title,
            document.signer_name,
            "ĐẢNG CỘNG SẢN VIỆT NAM DỰ THẢO Nơi nhận:",
        ]
    )
    vietnamese = "ạảãấầẩẫậắằẳẵặẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹđơưăâêô"
    characters = set(printed + vietnamese + vietnamese.upper()) - {" "}
    assert [path.name for path in FONT_FILES] == [
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-BoldItalic.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-Regular.ttf",
    ]
    for path in FONT_FILES:
        cmap = TTFont(path).getBestCmap()
        assert sorted(char for char in characters if ord(char) not in cmap) == [], path.name


def test_metadata(issued_pdf):
    metadata = PdfReader(io.BytesIO(issued_pdf)).metadata
    assert metadata.title == (
        "Báo cáo số 190-BC/HU kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết "
        "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII"
    )
    assert metadata.subject == "Số 190-BC/HU"
    assert metadata.author == "HUYỆN ỦY TAM ĐƯỜNG"


def test_draft_mark_only_on_a_draft(issued, draft):
    assert all("DỰ THẢO" not in page.extract_text() for page in issued.pages)
    [mark] = [line for line in draft.pages[0].extract_text_lines() if line["text"] == "DỰ THẢO"]
    assert mark["bottom"] < TOP_MARGIN
    assert A4[0] - RIGHT_MARGIN - 12 < mark["x1"] <= A4[0] - RIGHT_MARGIN, "top right"
    assert all("DỰ THẢO" not in page.extract_text() for page in draft.pages[1:])


def test_typed_markup_prints_literally(draft):
    text = normalised(draft.pages[0].extract_text())
    assert 'Mẫu <script>alert("x")</script> & <b>đậm</b> in nguyên văn.' in text
    assert "Chú thích không có nội dung thì bỏ qua." in text


def test_html_escapes_text_and_marks_italics_and_footnotes(caplog):
    document = dataclasses.replace(
        draft_document(),
        blocks=[
            Block(key="a", kind="paragraph", text="<i>x</i> *nghiêng* a[^second] b[^first] c[^second] d[^nope]"),
        ],
        footnotes={"first": "Thứ *nhất*", "second": "Thứ hai <b>"},
    )
    with caplog.at_level(logging.WARNING, logger="reporting.documents.pdf"):
        page = render_report_html(document)
    assert "<i>x</i>" not in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert "<em>nghiêng</em>" in page
    assert '<span class="footnote" data-number="1">Thứ hai &lt;b&gt;</span>' in page
    assert '<span class="footnote" data-number="2">Thứ <em>nhất</em></span>' in page
    assert '<sup class="footnote-ref">1</sup>' in page
    assert "[^" not in page
    assert "nope" in caplog.text
    assert "DỰ THẢO" in page
    assert "DỰ THẢO" not in render_report_html(tam_duong_document())


def test_first_pages_open_as_pictures(issued_pdf, draft_pdf):
    """Page 1 of each sample as PNG in test-artifacts/pdf/, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, content in (("tam-duong", issued_pdf), ("tam-duong-draft", draft_pdf)):
        assert content.startswith(b"%PDF-")
        (ARTIFACTS / f"{name}.pdf").write_bytes(content)
        if shutil.which("pdftoppm"):  # poppler-utils, installed by `make browser`
            command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
            subprocess.run([*command, ARTIFACTS / f"{name}.pdf", ARTIFACTS / name], check=True)
            assert (ARTIFACTS / f"{name}.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("extra_lines", range(6))
def test_signature_never_stands_alone_on_a_page(extra_lines):
    """Whatever the length, the last page carries body text above Nơi nhận and the signature."""
    document = tam_duong_document()
    line = Block(key="extra", kind="paragraph", text="- Một số cán bộ, đảng viên chưa tự giác học tập.")
    document = dataclasses.replace(document, blocks=[*document.blocks, *[line] * extra_lines])
    with pdfplumber.open(io.BytesIO(render_report_pdf(document))) as pdf:
        page = pdf.pages[-1]
        label, name = chars_of(page, "Nơi nhận:"), chars_of(page, "Cao Trang Trọng")
        body = [char for char in page.chars if char["size"] > 13 and TOP_MARGIN < char["bottom"] < label[0]["top"]]
    assert body, "some body text comes with the closing block"
    assert name[0]["top"] > label[0]["top"]
