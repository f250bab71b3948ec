"""The similarity check behind 'sao chép nội dung của cấp trên': containment of word trigrams."""

import unicodedata

from conferences.similarity import COPIED_PERCENT, MAX_COMPARED_CHARS, containment, overlap_percent, shingles

DISTRICT_PLAN = (
    "Nhằm cụ thể hóa Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII, Ban Thường vụ "
    "Huyện ủy ban hành kế hoạch thực hiện với mục tiêu tiếp tục đổi mới, hoàn thiện thể chế, chính sách về quản lý "
    "và sử dụng đất đai; phát triển nông nghiệp, nông dân, nông thôn bền vững; đổi mới, phát triển và nâng cao hiệu "
    "quả kinh tế tập thể. Các cấp ủy, tổ chức đảng trong toàn Đảng bộ huyện tập trung rà soát quy hoạch, kế hoạch "
    "sử dụng đất, kiên quyết xử lý các trường hợp vi phạm pháp luật về đất đai; khuyến khích thành lập mới hợp tác "
    "xã, tổ hợp tác theo hướng liên kết chuỗi giá trị. Phấn đấu hằng năm kết nạp từ 230 đảng viên mới trở lên."
)
# The commune's: the district's with a few words changed, re-punctuated and in capitals here and there.
COPIED = (
    DISTRICT_PLAN.replace("Ban Thường vụ Huyện ủy", "BAN THƯỜNG VỤ ĐẢNG ỦY")
    .replace("toàn Đảng bộ huyện", "toàn Đảng bộ xã Bình Thuận")
    .replace("230", "12")
    .replace(";", ",")
)
INDEPENDENT = (
    "Đảng ủy xã Bình Thuận lãnh đạo đo đạc, cấp lại giấy chứng nhận quyền sử dụng đất cho 47 hộ ở thôn Mỹ Thuận "
    "còn vướng mắc từ nhiều năm. Tổ hợp tác nuôi cá được củng cố lại bộ máy, mở thêm dịch vụ cung ứng con giống và "
    "liên kết tiêu thụ cá nước ngọt. Chi bộ thôn Thuận Hạnh và thôn Phú Hòa rà soát quần chúng ưu tú, phấn đấu kết "
    "nạp 5 đảng viên mới mỗi năm, trong đó có đoàn viên thanh niên làm kinh tế giỏi."
)


def test_a_copy_with_a_few_words_changed_is_flagged():
    assert overlap_percent(COPIED, DISTRICT_PLAN) >= COPIED_PERCENT


def test_an_independently_written_plan_is_not():
    assert overlap_percent(INDEPENDENT, DISTRICT_PLAN) < COPIED_PERCENT // 2


def test_the_same_text_is_all_there_and_a_text_shorter_than_three_words_has_nothing_to_compare():
    assert overlap_percent(DISTRICT_PLAN, DISTRICT_PLAN) == 100
    assert overlap_percent("Kế hoạch", "Kế hoạch") == 0
    assert overlap_percent("", DISTRICT_PLAN) == 0


def test_composed_and_decomposed_vietnamese_are_the_same_words():
    decomposed = unicodedata.normalize("NFD", DISTRICT_PLAN)
    assert overlap_percent(decomposed, DISTRICT_PLAN) == 100


def test_containment_is_of_the_document_in_its_reference_not_the_other_way():
    # A short plan made of one paragraph of the district's is all copied, though it covers little of it.
    first_sentence = DISTRICT_PLAN.split(".")[0]
    assert overlap_percent(first_sentence, DISTRICT_PLAN) == 100
    assert overlap_percent(DISTRICT_PLAN, first_sentence) < COPIED_PERCENT


def test_shingles_computed_once_compare_as_the_texts_do():
    district = shingles(DISTRICT_PLAN)
    assert containment(shingles(COPIED), district) == overlap_percent(COPIED, DISTRICT_PLAN)
    assert containment(shingles(INDEPENDENT), district) == overlap_percent(INDEPENDENT, DISTRICT_PLAN)


def test_only_a_texts_first_pages_are_compared():
    # However much is pasted, what follows the first MAX_COMPARED_CHARS characters is not read.
    preamble = "Căn cứ Điều lệ Đảng. " * (MAX_COMPARED_CHARS // 20)
    assert overlap_percent(DISTRICT_PLAN, preamble + DISTRICT_PLAN) == 0
    assert overlap_percent(preamble + DISTRICT_PLAN, preamble) == 100
