"""Before a report is approved, staff read every paragraph that waits for them: a suggestion, and their own edit
over text the data has changed since, so that no figure is signed as it stood before the data moved."""

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from reporting.documents.numbering import issue_number
from reporting.documents.workflow import report_blocks, report_keep
from reporting.models import Report, UnitResult
from tests import builders
from tests.staff_pages import messages_of
from tests.test_reports import tam_duong, user

pytestmark = pytest.mark.django_db

EDITED = "Kết quả chung: đảng viên tham gia 2.443/2.538 đạt 96,3% (đã sửa tay)."
MOVED = (
    "Chưa duyệt được: số liệu đã thay đổi dưới 1 đoạn đã sửa tay (báo vàng): sửa lại theo số liệu mới, hoặc bấm "
    "“Giữ đoạn đã sửa” nếu vẫn đúng."
)


PAGE = reverse_lazy("report", args=["tw8-khoa-xiii"])


def act(action: str) -> str:
    """The URL of one action on Tam Đường's report on the 8th Plenum."""
    return reverse(f"report_{action}", args=["tw8-khoa-xiii"])


@pytest.fixture
def drafted(demo, client) -> Report:
    """Tam Đường's report drafted in the browser by its staff, who stay signed in."""
    client.force_login(user("tuyengiao"))
    client.post(act("start"))
    campaign, committee = tam_duong()
    return Report.objects.get(campaign=campaign, committee=committee)


def test_an_edit_the_data_moved_under_is_read_again_before_approval(drafted, client):
    report, campaign, page = drafted, drafted.campaign, PAGE
    shown = dict((key, text) for key, _kind, text in report.draft["blocks"])["II.1.c"]
    client.post(act("edit"), {"key": "II.1.c", "text": EDITED, "seen": shown})
    ta_leng = UnitResult.objects.get(campaign=campaign, unit__code="tam-duong-ta-leng")
    ta_leng.party_members_attended, ta_leng.people = 139, ta_leng.people + 10
    ta_leng.save()
    client.post(act("regenerate"))
    # All that waits is said at once, not one refusal after another.
    both = messages_of(client.post(act("approve"), follow=True))[-1]
    assert both == f"{MOVED[:-1]}; còn 5 đoạn gợi ý chưa được xem lại (đánh dấu “Gợi ý”): sửa hoặc giữ nguyên."
    for block in report_blocks(report):
        if block.unread_suggestion:
            report_keep(report=report, key=block.key)

    refused = client.post(act("approve"), follow=True)

    assert messages_of(refused)[-1] == MOVED
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    text = refused.content.decode()
    assert "Số liệu đã thay đổi dưới đoạn đã sửa. Nội dung mới từ số liệu:" in text and "2.453/2.538" in text
    assert text.count("Giữ đoạn đã sửa</button>") == 1 and "Gợi ý</span>" not in text
    assert '<button class="btn btn-sm btn-party" id="approve-button">' in text  # no "approve?" before a refusal

    kept = client.post(act("keep"), {"key": "II.1.c"}, follow=True)
    assert messages_of(kept) == ["Đã giữ nguyên đoạn văn."]
    block = {block.key: block for block in report_blocks(Report.objects.get(pk=report.pk))}["II.1.c"]
    assert (block.text, block.stale, block.edited) == (EDITED, False, True)
    approved = client.post(act("approve"), follow=True)
    assert messages_of(approved) == ["Đã duyệt báo cáo; chờ lãnh đạo ký."]
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED
    assert client.get(page).status_code == 200


def test_the_leader_sends_an_approved_report_back_saying_what_to_change(drafted, client):
    report, page, send_back = drafted, PAGE, act("send_back")
    builders.approve(report=report, user=user("tuyengiao"))
    assert client.post(send_back, {"reason": "x"}).status_code == 403  # staff reopen it themselves

    client.force_login(user("lanhdao"))
    leader_page = client.get(page).content.decode()
    assert f'action="{send_back}?committee=tam-duong"' in leader_page
    assert 'id="send-back-button">Trả lại</button>' in leader_page
    unsaid = client.post(send_back, {"reason": "  "}, follow=True)
    assert unsaid.redirect_chain == [(f"{page}?committee=tam-duong#tra-lai", 302)]
    assert '<details class="w-100 small" id="tra-lai" open>' in unsaid.content.decode()
    assert "Ghi cần sửa gì để cán bộ tuyên giáo biết." in unsaid.content.decode()
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED
    reason = "Đoạn II.1.c chưa nêu số hội nghị của khối cơ quan."
    sent = client.post(send_back, {"reason": reason}, follow=True)
    assert messages_of(sent)[-1] == "Đã trả lại báo cáo cho cán bộ tuyên giáo kèm nội dung cần sửa."
    report.refresh_from_db()
    assert (report.status, report.approved_by, report.returned_by) == (Report.Status.DRAFT, None, user("lanhdao"))

    client.force_login(user("tuyengiao"))
    staff_page = client.get(page).content.decode()
    at = timezone.localtime(report.returned_at).strftime("%H:%M %d/%m/%Y")
    told = (
        f'<div class="alert alert-warning" id="sent-back">{user("lanhdao")} trả lại lúc {at}, cần sửa: {reason}</div>'
    )
    assert told in staff_page
    home = client.get(reverse("home")).content.decode()
    assert f'<span class="text-danger sent-back">{user("lanhdao")} trả lại, cần sửa: {reason}</span>' in home
    builders.approve(report=report, user=user("tuyengiao"))
    assert 'id="sent-back"' not in client.get(page).content.decode()


def test_numbers_issued_outside_the_system_this_term_are_gone_on_from_never_back(drafted, client):
    report, page, numbering = drafted, PAGE, act("numbering")
    assert (
        '<div class="small mb-2" id="next-number">Khi ký, báo cáo được cấp số 01-BC/HU.'
        in client.get(page).content.decode()
    )

    page_text = client.get(page).content.decode()
    assert "Cấp ủy đã cấp số báo cáo ngoài hệ thống trong nhiệm kỳ 2020 - 2025?" in page_text
    assert 'data-confirm="Ghi sổ nhiệm kỳ 2020 - 2025? Báo cáo tiếp theo mang số liền sau số vừa ghi;' in page_text
    for typed in ("", "1_0", "５", "+60", "70.0"):  # read as numbers, they would use up numbers for good
        refused = client.post(numbering, {"last": typed}, follow=True)
        assert messages_of(refused)[-1] == "Ghi số báo cáo cuối cùng đã cấp, ví dụ 57."
    assert "Khi ký, báo cáo được cấp số 01-BC/HU." in refused.content.decode()
    done = client.post(numbering, {"last": "57"}, follow=True)
    assert messages_of(done)[-1] == "Đã ghi sổ: báo cáo này khi ký sẽ mang số 58-BC/HU."
    assert "Khi ký, báo cáo được cấp số 58-BC/HU." in done.content.decode()
    back = client.post(numbering, {"last": "12"}, follow=True)
    assert messages_of(back)[-1] == (
        "Sổ đã cấp đến số 57 trong nhiệm kỳ 2020 - 2025; không ghi lùi được, vì số đã cấp không dùng lại."
    )

    builders.approve(report=report, user=user("tuyengiao"))
    client.force_login(user("lanhdao"))
    assert client.post(numbering, {"last": "90"}).status_code == 403
    assert "Khi ký, báo cáo được cấp số 58-BC/HU." in client.get(page).content.decode()
    # The number signing takes from the register (signing itself is tested elsewhere).
    number = issue_number(committee=report.committee, day=timezone.localdate(), user=user("lanhdao"))
    assert number.label == "58-BC/HU"


def test_a_leader_with_no_draft_to_read_is_told_who_makes_it(demo, client):
    campaign, _committee = tam_duong()
    client.force_login(user("lanhdao"))
    page = client.get(reverse("report", args=[campaign.code])).content.decode()
    assert (
        '<p class="text-muted" id="draft-by-staff">Cán bộ tuyên giáo lập dự thảo từ số liệu; khi dự thảo được duyệt, '
        "báo cáo hiện ở đây và ở trang “Việc cần làm” để ký.</p>"
    ) in page
    client.force_login(user("tuyengiao"))
    assert 'id="draft-by-staff"' not in client.get(reverse("report", args=[campaign.code])).content.decode()
