"""The report: drafted from the data, edited, numbered, approved, signed, verified."""

import datetime
import html
import io
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from conferences.models import Campaign, Committee, DirectingDocument, Term
from reporting.documents.drafting import draft_report
from reporting.documents.names import join_names
from reporting.documents.numbering import NumberingError, issue_number
from reporting.documents.term_reports import term_report_start
from reporting.documents.workflow import (
    report_blocks,
    report_edit,
    report_regenerate,
    report_start,
)
from reporting.figures.formatting import format_place_and_date
from reporting.figures.term import Period
from reporting.models import Organisation, Report, UnitResult
from tests import builders
from tests.staff_pages import messages_of

pytestmark = pytest.mark.django_db

SEED_SENTENCES = [
    "Thực hiện Kế hoạch số 216-KH/TU, ngày 28/11/2023 của Ban Thường vụ Tỉnh ủy về nghiên cứu, học tập, quán triệt, "
    "tuyên truyền và triển khai thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII "
    "(gọi tắt là Nghị quyết Trung ương 8), Ban Thường vụ Huyện ủy Tam Đường báo cáo kết quả như sau:",
    "Kết nối học tập các nghị quyết Hội nghị Trung ương 8 theo hình thức trực tuyến từ Trung ương ngày 04/12/2023 "
    "với 97 người tham dự tại điểm cầu Trung tâm huyện.",
    "- 14 điểm cầu các xã, thị trấn, Trung tâm Y tế huyện kết nối học tập tại hội nghị trực tuyến từ Trung ương với "
    "640 người tham gia.",
    "- Các chi bộ cơ sở phổ biến, quán triệt lồng ghép trong các buổi sinh hoạt chi bộ, cơ quan tháng 12/2023, "
    "tháng 01/2024.",
    "Kết quả chung: 100% các chi, đảng bộ đã triển khai học tập, quán triệt Nghị quyết Trung ương 8 với 42 hội nghị, "
    "142 buổi sinh hoạt chi bộ cho 3.182 người; trong đó đảng viên 2.443/2.538 đạt 96,3%; cán bộ, công chức, viên "
    "chức, người lao động chưa là đảng viên 739/760 đạt 97,2%.",
    "Kết quả được 214 buổi cho 2.691 lượt người[^outreach].",
    "tuyên truyền trên hệ thống truyền thanh, truyền hình 7 tin, 2 bài với thời lượng 20 phút.",
    "Kết quả, tuyên truyền được 102 buổi cho 6.912 lượt người.",
    "(*Đảng ủy xã Bình Lư, Hồ Thầu*)",
    "(*Đảng ủy xã Tả Lèng, Khun Há, Bản Bo*)",
    # A name with a comma of its own: semicolons part the names.
    "(*Chi bộ Hội Liên hiệp Phụ nữ huyện; Văn phòng HĐND - UBND huyện; Trung tâm Văn hóa, Thể thao và Truyền thông "
    "huyện; Phòng Nông nghiệp và Phát triển nông thôn*)",
]
SEED_FOOTNOTES = {
    "own_documents": "Kế hoạch số 227-KH/HU, ngày 08/12/2023 về nghiên cứu, học tập, quán triệt, tuyên truyền và "
    "triển khai thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII. Công văn số "
    "1101-CV/HU, ngày 01/12/2023 về mời dự Hội nghị trực tuyến toàn quốc nghiên cứu, học tập, quán triệt Nghị quyết "
    "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII.",
    "replays": "11/13 xã, thị trấn; các chi bộ trực thuộc Đảng ủy thị trấn Tam Đường, xã Nà Tăm.",
    "outreach": "Ủy ban Mặt trận Tổ quốc cơ sở tuyên truyền 13 buổi với 360 lượt người. Hội Nông dân cơ sở tuyên "
    "truyền 20 buổi với 981 lượt người. Đoàn Thanh niên cấp huyện tuyên truyền 1 buổi với 50 lượt người; cơ sở "
    "tuyên truyền 180 buổi với 1.300 lượt người.",
}


def tam_duong():
    return Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")


def user(username):
    return get_user_model().objects.get(username=username)


def whole_text(draft) -> str:
    return "\n".join(text for _key, _kind, text in draft.blocks)


def test_the_demo_draft_prints_the_seed_sentences(demo):
    campaign, committee = tam_duong()
    draft = draft_report(campaign=campaign, committee=committee)
    text = whole_text(draft)
    for sentence in SEED_SENTENCES:
        assert sentence in text
    for key, footnote in SEED_FOOTNOTES.items():
        assert draft.footnotes[key] == footnote
    assert draft.footnotes["resolutions"].startswith(
        "Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới"
    )
    assert draft.summary == [  # where the seed breaks it
        "kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết",
        "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
    ]


@pytest.mark.parametrize("communes", [3, 30])
def test_drafting_costs_the_same_number_of_queries_at_any_size(communes, django_assert_num_queries):
    district, units = builders.district(communes=communes, locality=Committee.Locality.COMMUNE)
    campaign = builders.campaign(district)
    conference = builders.online_conference(campaign)
    builders.attend(conference, district, party_members_expected=90, party_members_attended=85)
    for unit in units:
        builders.result(
            campaign,
            unit,
            party_members_total=10,
            party_members_attended=9,
            conferences_online=1,
            conferences_replay=1,
            cell_meetings=2,
            outreach={"mttq": (1, 20)},
            propaganda_sessions=1,
            propaganda_people=30,
        )
        builders.attend(conference, unit, party_members_expected=10, party_members_attended=9)
    # figures 4, unit rows 2, completeness 1, documents, resolutions, parent, the conference,
    # its own sites, the conferences it held, the sites below and their audience, replay cells, outreach by level
    with django_assert_num_queries(17):
        draft_report(campaign=campaign, committee=district)


def test_names_sharing_their_first_words_are_written_once():
    assert join_names(["Đảng ủy xã Tả Lèng", "Đảng ủy xã Khun Há"]) == "Đảng ủy xã Tả Lèng, Khun Há"
    assert join_names(["Chi bộ A", "Đảng ủy xã B"]) == "Chi bộ A, Đảng ủy xã B"
    assert join_names(["Đảng ủy xã Bản Bo"]) == "Đảng ủy xã Bản Bo"
    bình = ["Đảng ủy xã Bình Hòa", "Đảng ủy xã Bình Thành", "Đảng ủy xã Bình Tân"]
    assert join_names(bình) == "Đảng ủy xã Bình Hòa, Bình Thành, Bình Tân"  # a proper name is never split
    assert join_names(["Chi bộ Hội Nông dân", "Chi bộ Hội Phụ nữ"]) == "Chi bộ Hội Nông dân, Hội Phụ nữ"
    mixed = ["Đảng ủy xã Bình Lư", "Đảng ủy xã Giang Ma", "Chi bộ Hội Phụ nữ huyện", "Chi bộ Văn phòng"]
    assert join_names(mixed) == "Đảng ủy xã Bình Lư, Giang Ma, Chi bộ Hội Phụ nữ huyện, Văn phòng"
    assert join_names(["Đảng ủy thị trấn Tam Đường", "Đảng ủy xã Nà Tăm"]) == "Đảng ủy thị trấn Tam Đường, xã Nà Tăm"
    assert join_names(["Đảng ủy xã Bản Bo", "Đảng bộ Quân sự huyện"]) == "Đảng ủy xã Bản Bo, Đảng bộ Quân sự huyện"
    with_a_comma = ["Chi bộ Văn phòng", "Chi bộ Trung tâm Văn hóa, Thể thao huyện", "Phòng Nông nghiệp"]
    assert join_names(with_a_comma) == "Chi bộ Văn phòng; Trung tâm Văn hóa, Thể thao huyện; Phòng Nông nghiệp"


def test_the_date_line_follows_the_format():
    import datetime

    assert format_place_and_date("Tây Sơn", datetime.date(2023, 4, 5)) == "Tây Sơn, ngày 05 tháng 4 năm 2023"
    assert format_place_and_date("Tam Đường", datetime.date(2026, 1, 9)) == "Tam Đường, ngày 09 tháng 01 năm 2026"
    assert format_place_and_date("Tam Đường", datetime.date(2024, 12, 25)) == "Tam Đường, ngày 25 tháng 12 năm 2024"


def test_edits_survive_a_regenerated_draft_and_stale_ones_are_flagged(demo):
    campaign, committee = tam_duong()
    report = report_start(campaign=campaign, committee=committee)
    report_edit(report=report, key="I.2", text="Chỉ đạo sát sao các chi, đảng bộ cơ sở.")
    report_edit(report=report, key="II.1.c", text="Kết quả chung: đã sửa tay.")

    assert report_regenerate(report=report) == []

    ta_leng = UnitResult.objects.get(campaign=campaign, unit__code="tam-duong-ta-leng")
    ta_leng.party_members_attended = 139
    ta_leng.people += 10
    ta_leng.save()
    stale = report_regenerate(report=report)

    assert [block.key for block in stale] == ["II.1.c"]
    assert "2.453/2.538 đạt 96,7%" in stale[0].generated
    blocks = {block.key: block for block in report_blocks(report)}
    assert blocks["I.2"].text == "Chỉ đạo sát sao các chi, đảng bộ cơ sở."
    assert blocks["II.1.c"].text == "Kết quả chung: đã sửa tay."
    assert "Tả Lèng" not in blocks["III.1.1"].text  # its rate is no longer low


def test_numbers_run_per_body_type_and_term_from_01(demo):
    import datetime

    committee = Committee.objects.get(code="tam-duong")
    day = datetime.date(2024, 1, 20)
    labels = [issue_number(committee=committee, document_type="BC", day=day, user=None).label for _ in range(3)]
    assert labels == ["01-BC/HU", "02-BC/HU", "03-BC/HU"]
    assert issue_number(committee=committee, document_type="KH", day=day, user=None).label == "01-KH/HU"
    Term.objects.create(committee=committee, name="2025 - 2030", starts_on=datetime.date(2025, 6, 1))
    assert issue_number(committee=committee, document_type="BC", day=datetime.date(2025, 7, 1), user=None).label == (
        "01-BC/HU"
    )
    assert issue_number(committee=committee, document_type="BC", day=day, user=None).label == "04-BC/HU"
    with pytest.raises(NumberingError, match="chưa khai báo nhiệm kỳ chứa ngày 01/01/2019"):
        issue_number(committee=committee, document_type="BC", day=datetime.date(2019, 1, 1), user=None)


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_browser_workflow_and_who_may_download_what(demo, client):
    campaign, committee = tam_duong()
    page = reverse("report", args=[campaign.code])

    def act(action: str) -> str:
        return reverse(f"report_{action}", args=[campaign.code])

    client.force_login(user("tuyengiao"))
    client.post(act("start"))
    report = Report.objects.get(campaign=campaign, committee=committee)
    shown = dict((key, text) for key, _kind, text in report.draft["blocks"])["I.2"]
    unseen = client.post(act("edit"), {"key": "I.2", "text": "Chỉ đạo sát sao."}, follow=True)
    assert messages_of(unseen)[-1] == "Không rõ đoạn văn bạn đã xem: tải lại trang rồi sửa lại."
    client.post(act("edit"), {"key": "I.2", "text": "Chỉ đạo sát sao.", "seen": shown})
    assert "Chỉ đạo sát sao." in client.get(page).content.decode()
    preview = client.get(reverse("report_preview", args=[campaign.code]))
    assert preview["Content-Type"] == "application/pdf"
    # Read on the screen, not saved: the browser shows it in place.
    assert preview["Content-Disposition"].startswith("inline; filename=")
    assert "DỰ THẢO" in pdf_text(preview.content)
    assert "Số -BC/HU" in pdf_text(preview.content)
    assert client.post(act("sign")).status_code == 403  # staff do not sign
    # Suggested paragraphs (usual wording, not the data's) must be read first: edited (I.2 above) or kept.
    assert '<button class="btn btn-sm btn-party" id="approve-button">' in client.get(page).content.decode()
    refused = client.post(act("approve"), follow=True).content.decode()
    assert "Chưa duyệt được: còn 4 đoạn gợi ý chưa được xem lại (đánh dấu “Gợi ý”): sửa hoặc giữ nguyên." in refused
    assert refused.count("Giữ nguyên đoạn này") == 4
    for key in ("III.2.1", "III.2.2", "IV.1", "IV.2"):
        client.post(act("keep"), {"key": key})
    assert 'id="approve-button" data-confirm="Duyệt báo cáo này?' in client.get(page).content.decode()
    client.post(act("approve"))

    client.force_login(user("lanhdao"))
    # The leader reads what they are about to sign.
    leader_page = client.get(page).content.decode()
    assert "Xem trước văn bản sẽ ký (PDF)" in leader_page
    # Who the document will name as its signer, beside the button.
    assert "Văn bản in người ký: T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ Cao Trang Trọng." in leader_page
    # The number would run on in a term older than a congress's five years: said before signing.
    assert 'id="term-notice">Nhiệm kỳ 2020 - 2025 bắt đầu từ 20/08/2020, đã hơn 5 năm.' in leader_page
    # The preview is still a draft's: what signing changes on it, said beside it.
    assert (
        'id="preview-before-number">Bản xem trước còn dấu “DỰ THẢO” và chưa có số; văn bản ký mang số 01-BC/HU, '
        "không còn dấu dự thảo.</p>"
    ) in leader_page
    leader_preview = client.get(reverse("report_preview", args=[campaign.code]))
    assert leader_preview["Content-Type"] == "application/pdf" and "DỰ THẢO" in pdf_text(leader_preview.content)
    assert client.get(reverse("report_xlsx", args=[campaign.code])).status_code == 403
    assert client.post(act("edit"), {"key": "I.2", "text": "x"}).status_code == 403
    client.post(act("sign"))
    report.refresh_from_db()
    assert (report.status, report.number.label) == (Report.Status.SIGNED, "01-BC/HU")
    download = client.get(reverse("signed_report_pdf", args=[report.pk]))
    assert download.content == bytes(report.signed_pdf)
    assert 'filename="bao-cao-01-BC-HU.pdf"' in download["Content-Disposition"]
    after = client.get(page).content.decode()
    # The leader has no correction button: the page says who opens one.
    assert "Báo cáo đã ký thì không sửa được. Nếu số liệu hay nội dung cần sửa, đề nghị cán bộ tuyên giáo mở" in after
    assert "Lập dự thảo từ số liệu" not in after
    client.force_login(user("tuyengiao"))
    refused = client.post(act("start"), follow=True)
    assert "Báo cáo đã ký; muốn sửa, hãy mở đính chính báo cáo đã ký." in refused.content.decode()
    assert Report.objects.filter(campaign=campaign, committee=committee).count() == 1

    client.force_login(user("bithu.taleng"))
    assert client.get(reverse("signed_report_pdf", args=[report.pk])).status_code == 403
    assert client.get(page).status_code == 403


def test_build_report_writes_the_current_draft_without_a_number(demo, tmp_path):
    pdf, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    call_command(
        "build_report",
        committee="tam-duong",
        campaign="tw8-khoa-xiii",
        format="pdf",
        output=str(pdf),
        stdout=io.StringIO(),
    )
    text = pdf_text(pdf.read_bytes())
    assert "Số -BC/HU" in text and "DỰ THẢO" in text
    assert "2.443/2.538 đạt 96,3%" in text
    assert not Report.objects.exists()  # nothing kept
    call_command(
        "build_report",
        committee="tam-duong",
        campaign="tw8-khoa-xiii",
        format="xlsx",
        output=str(xlsx),
        stdout=io.StringIO(),
    )
    from openpyxl import load_workbook

    assert "Theo đơn vị" in load_workbook(xlsx).sheetnames


def test_the_report_page_shows_the_marks_as_the_pdf_prints_them(demo, client):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    client.post(reverse("report_start", args=["tw8-khoa-xiii"]))
    page = client.get(reverse("report", args=["tw8-khoa-xiii"]))
    shown = {item.block.key: item for item in page.context["shown_blocks"]}
    content = page.content.decode()
    # The first call, in I.1, is to the committee's own plans: note 1 here as in the PDF.
    assert '<sup class="footnote-ref">1</sup>' in str(shown["I.1"].html)
    assert shown["^own_documents"].number == 1
    assert "Chú thích 1" in content
    assert "<em>" in str(shown["III.1.2"].html)
    assert not any("[^" in str(item.html) or "*" in str(item.html) for item in shown.values())


def test_the_editor_calls_footnotes_by_their_printed_number_and_stores_them_by_key(demo, client):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    client.post(reverse("report_start", args=["tw8-khoa-xiii"]))
    page = client.get(reverse("report", args=["tw8-khoa-xiii"]))
    opening = next(item for item in page.context["shown_blocks"] if item.block.key == "I.1")
    order = page.context["footnote_order"]
    assert order.split()[0] == "own_documents" and "[^1]" in opening.editable
    assert "[^own_documents]" not in page.content.decode()
    edit = reverse("report_edit", args=["tw8-khoa-xiii"])
    typed = opening.editable.replace("[^1]", "") + " Thêm một câu[^1]."
    client.post(edit, {"key": "I.1", "text": typed, "seen": opening.editable, "footnotes": order})
    stored = Report.objects.get(campaign__code="tw8-khoa-xiii").edits["I.1"]["text"]
    assert stored.endswith(" Thêm một câu[^own_documents].") and "[^1]" not in stored
    # The numbers are the ones the page showed, whatever another edit renumbered since.
    second = next(item for item in page.context["shown_blocks"] if item.block.key == "I.2")
    renumbered = {"footnotes": "resolutions own_documents"}
    client.post(edit, {"key": "I.2", "text": "Gọi[^1].", "seen": second.editable, **renumbered})
    assert Report.objects.get(campaign__code="tw8-khoa-xiii").edits["I.2"]["text"] == "Gọi[^resolutions]."

    def refused(**data) -> str:
        """Why the edit was not saved, as the paragraph's editor shows it again, open with what was typed."""
        answer = client.post(edit, {"seen": "", "footnotes": order, **data})
        assert unquote(answer.url).endswith(f"#doan-{data['key']}")  # back at the paragraph
        page = client.get(answer.url).content.decode()
        editor = page.split(f'id="doan-{data["key"]}"')[1].split("</form>")[0]
        assert '<details class="small" open>' in editor and f">{html.escape(data['text'])}</textarea>" in editor
        return html.unescape(editor.split('id="refused-edit">')[1].split("</div>")[0])

    before = Report.objects.get(campaign__code="tw8-khoa-xiii").edits
    assert refused(key="I.1", text="Gọi[^99].") == (
        "Báo cáo không có chú thích [^99]; gọi chú thích bằng số của nó, ví dụ [^1]."
    )
    called = client.get(reverse("report", args=["tw8-khoa-xiii"])).context["footnote_order"].split()
    assert refused(key="^own_documents", text="") == (
        f"Đoạn văn còn gọi chú thích này ([^{called.index('own_documents') + 1}]); bỏ lời gọi ở đoạn văn trước rồi "
        "mới bỏ chú thích."
    )
    assert refused(key="^own_documents", text="Xem thêm[^2].") == (
        "Chú thích không gọi chú thích khác; bỏ phần [^…] trong chú thích."
    )
    assert Report.objects.get(campaign__code="tw8-khoa-xiii").edits == before
    # A refusal is shown on its own report's page only, not on another report opened first.
    client.post(edit, {"key": "I.1", "text": "Gọi[^99].", "seen": "", "footnotes": order})
    period = Period(Committee.objects.get(code="tam-duong"), datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    other = term_report_start(period=period)
    assert "refused-edit" not in client.get(reverse("term_report", args=[other.pk])).content.decode()
    assert "refused-edit" in client.get(reverse("report", args=["tw8-khoa-xiii"])).content.decode()
    # Approved meanwhile (a page left open): no editor to open again, so the refusal is said above the page.
    builders.approve(
        report=Report.objects.get(campaign__code="tw8-khoa-xiii"),
        user=get_user_model().objects.get(username="tuyengiao"),
    )
    late = client.post(edit, {"key": "I.1", "text": "Sửa muộn.", "seen": "", "footnotes": order}, follow=True)
    assert [str(m) for m in late.context["messages"]][-1] == (
        "Báo cáo đã duyệt hoặc đã ký; chuyển về dự thảo trước khi sửa."
    )


def test_a_footnote_no_paragraph_calls_keeps_a_number_to_be_called_again(demo, client):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    client.post(reverse("report_start", args=["tw8-khoa-xiii"]))
    page = client.get(reverse("report", args=["tw8-khoa-xiii"]))
    opening = next(item for item in page.context["shown_blocks"] if item.block.key == "I.1")
    edit = reverse("report_edit", args=["tw8-khoa-xiii"])
    order = page.context["footnote_order"]
    client.post(edit, {"key": "I.1", "text": "Không gọi gì.", "seen": opening.editable, "footnotes": order})
    page = client.get(reverse("report", args=["tw8-khoa-xiii"]))
    note = next(item for item in page.context["shown_blocks"] if item.block.key == "^own_documents")
    assert note.number is None and note.handle == page.context["footnote_order"].split().index("own_documents") + 1
    assert f"Chú thích chưa có đoạn nào gọi (gọi bằng [^{note.handle}])" in page.content.decode()
    again = {"key": "I.1", "text": f"Gọi lại[^{note.handle}].", "seen": "Không gọi gì."}
    client.post(edit, {**again, "footnotes": page.context["footnote_order"]})
    assert Report.objects.get(campaign__code="tw8-khoa-xiii").edits["I.1"]["text"] == "Gọi lại[^own_documents]."


def test_a_campaign_with_only_the_committees_own_plan_opens_by_citing_it_and_says_no_nought(demo):
    district, units = builders.district(communes=2, locality=Committee.Locality.COMMUNE)
    campaign = builders.campaign(district, short_name="Nghị quyết Trung ương 8")
    builders.result(campaign, units[0], party_members_total=10, party_members_attended=9, radio_tv_news=1)
    opening = draft_report(campaign=campaign, committee=district).blocks[0][2]
    assert opening == (
        f"Ban Thường vụ {district.name} báo cáo kết quả nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết "
        "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII (gọi tắt là Nghị quyết Trung ương 8) như sau:"
    )
    DirectingDocument.objects.create(
        campaign=campaign,
        kind="KH",
        number="250-KH/HU",
        issued_on=datetime.date(2023, 12, 5),
        issuer=f"Ban Thường vụ {district.name}",
        subject="về nghiên cứu, học tập, quán triệt Nghị quyết Trung ương 8",
    )
    text = whole_text(draft_report(campaign=campaign, committee=district))
    assert text.startswith(
        f"Thực hiện Kế hoạch số 250-KH/HU, ngày 05/12/2023 của Ban Thường vụ {district.name} về nghiên cứu, học "
        f"tập, quán triệt Nghị quyết Trung ương 8 (gọi tắt là Nghị quyết Trung ương 8), Ban Thường vụ {district.name} "
        "báo cáo kết quả như sau:"
    )
    assert "tuyên truyền trên hệ thống truyền thanh, truyền hình 1 tin." in text
    assert "0 bài" not in text and "0 phút" not in text


def test_the_conferences_the_committee_held_itself_are_in_its_own_level(demo):
    district, units = builders.district(communes=2, locality=Committee.Locality.COMMUNE)
    campaign = builders.campaign(district, short_name="Nghị quyết Trung ương 9")
    online = builders.online_conference(
        campaign,
        date=datetime.date(2024, 3, 5),
        title="Hội nghị trực tuyến quán triệt Nghị quyết Trung ương 9",
        level="district",
        host=district,
    )
    for unit, figures in ((district, (60, 58)), (units[0], (70, 66)), (units[1], (65, 63))):
        builders.attend(online, unit, party_members_expected=figures[0], party_members_attended=figures[1])
    builders.online_conference(
        campaign, date=datetime.date(2024, 3, 20), title="Hội nghị báo cáo viên", level="district", host=district
    )
    blocks = draft_report(campaign=campaign, committee=district).blocks
    own = [text for key, _kind, text in blocks if key.startswith("II.1.a")]
    assert own == [
        "a) Cấp huyện",
        "Tổ chức hội nghị trực tuyến quán triệt Nghị quyết Trung ương 9 ngày 05/03/2024 tại 3 điểm cầu với 187 đại "
        "biểu tham dự.",
        "Tổ chức hội nghị báo cáo viên ngày 20/03/2024.",  # no attendance entered: no figure said
    ]


def test_units_named_for_their_reports_are_a_suggestion_when_one_was_only_sent_again_on_time(demo):
    district, (late, resent) = builders.district(communes=2, locality=Committee.Locality.COMMUNE)
    campaign = builders.campaign(district)
    sent = datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC)  # before the deadline of 15/01
    builders.result(campaign, late, party_members_total=10, party_members_attended=9, submitted_at=sent.replace(day=20))
    builders.result(campaign, resent, party_members_total=10, party_members_attended=9, submitted_at=sent)

    def limitation(draft) -> tuple[str, bool]:
        text = next(text for key, _kind, text in draft.blocks if key == "III.1.2")
        return text.split("(")[1], "III.1.2" in draft.suggested

    assert limitation(draft_report(campaign=campaign, committee=district)) == (f"*{late.name}*).", False)
    UnitResult.objects.filter(unit=resent).update(submitted_at=sent.replace(day=12))  # returned, sent again
    names = join_names([late.name, resent.name])
    draft = draft_report(campaign=campaign, committee=district)
    assert limitation(draft) == (f"*{names}*).", True)
    assert draft.notes == {
        "III.1.2": f"Đoạn này nêu cả đơn vị gửi đúng hạn nhưng bị trả lại rồi gửi lại ({join_names([resent.name])}): "
        "giữ, sửa hoặc bỏ tên đơn vị đó. Chưa xem lại thì chưa duyệt được."
    }
    report = report_start(campaign=campaign, committee=district)
    [block] = [block for block in report_blocks(report) if block.key == "III.1.2"]
    assert (block.awaits_review, block.note) == (True, draft.notes["III.1.2"])


def test_a_name_a_unit_added_is_cited_as_it_was_typed_without_a_level(demo):
    district, (commune, _other) = builders.district(communes=2, locality=Committee.Locality.COMMUNE)
    campaign = builders.campaign(district)
    Organisation.objects.create(code="chi-doan-sin-chai", name="Chi đoàn thôn Sin Chải", order=90, added_by=commune)
    builders.result(
        campaign, commune, party_members_total=10, party_members_attended=9, outreach={"chi-doan-sin-chai": (1, 30)}
    )
    footnote = draft_report(campaign=campaign, committee=district).footnotes["outreach"]
    assert footnote == "Chi đoàn thôn Sin Chải tuyên truyền 1 buổi với 30 lượt người."


def test_the_preview_is_one_tap_a_link_that_opens_the_pdf_beside_the_page(demo, client):
    campaign, committee = tam_duong()
    report_start(campaign=campaign, committee=committee)
    client.force_login(user("tuyengiao"))
    page = client.get(reverse("report", args=[campaign.code])).content.decode()
    preview = reverse("report_preview", args=[campaign.code]) + "?committee=tam-duong"
    # In a tab of its own: the report's page stays where it was.
    link = f'id="preview-button" href="{preview}" target="_blank" rel="noopener">Xem trước PDF</a>'
    assert link in page
    answer = client.get(preview)  # at once without a worker; else the job's page
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'inline; filename="bao-cao-du-thao-tam-duong-tw8-khoa-xiii.pdf"'
    assert answer["Cache-Control"] == "private, no-store"
