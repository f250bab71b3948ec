"""Action programmes and plans: entered in the browser, compared with the superior's plan, counted in the report.

Tây Sơn's demo holds what report 190-BC/HU counts (33 programmes and 25 plans below the district, 4 and 7 of
its own), four communes' plans copying the district's; Tam Đường's staff and Tả Lèng's secretary enter theirs.
"""

import datetime
import io
import zipfile

import pytest
import weasyprint
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conferences.action_documents.services import MAX_DOCUMENTS_PER_CAMPAIGN
from conferences.models import ActionDocument, Campaign, Committee
from conferences.selectors import ActionDocumentCounts, action_document_counts, copied_documents
from conferences.similarity import COPIED_PERCENT
from tests.staff_pages import SECRETARY, committee_pk, messages_of, sign_in, table_row

pytestmark = pytest.mark.django_db

PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))
COPIERS = ["tay-son-binh-thuan", "tay-son-tay-giang", "tay-son-tay-thuan", "tay-son-vinh-an"]
DISTRICT_PLAN = (
    "Ban Thường vụ Huyện ủy Tam Đường ban hành kế hoạch học tập, quán triệt và triển khai thực hiện Nghị quyết "
    "Trung ương 8 khóa XIII về chiến lược bảo vệ Tổ quốc trong tình hình mới; các cấp ủy, tổ chức đảng trong toàn "
    "Đảng bộ huyện tổ chức học tập nghiêm túc, đầy đủ, kịp thời cho cán bộ, đảng viên và nhân dân, gắn với xây "
    "dựng thế trận quốc phòng toàn dân vững chắc ở khu vực biên giới."
)
OWN_PLAN = (
    "Đảng ủy xã Tả Lèng giao chi bộ các bản Tả Lèng, Hồ Thầu và Phìn Hồ tổ chức học tập trong tháng 12; "
    "dân quân xã tuần tra đường mòn biên giới hai lần mỗi tháng, vận động bà con trồng thêm 20 ha thảo quả."
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tay_son() -> Committee:
    return Committee.objects.get(code="tay-son")


def entered():
    """What the tests enter: Tam Đường's documents (the demo's are Tây Sơn's)."""
    return ActionDocument.objects.filter(campaign__code="tw8-khoa-xiii")


def data(**changes) -> dict:
    """A plan of Tả Lèng for Tam Đường's campaign on the 8th Plenum, its text pasted."""
    return {
        "unit": committee_pk("tam-duong-ta-leng"),
        "campaign": Campaign.objects.get(code="tw8-khoa-xiii").pk,
        "kind": ActionDocument.Kind.PLAN,
        "number": "15-KH/ĐU",
        "issued_on": "2023-12-15",
        "title": "Kế hoạch thực hiện Nghị quyết Trung ương 8 khóa XIII",
        "text": OWN_PLAN,
        **changes,
    }


def docx(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>" for paragraph in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def uploaded(name: str, content: bytes, **changes) -> dict:
    return data(text="", upload=SimpleUploadedFile(name, content), **changes)


def post(client, url_name: str = "action_document_new", payload: dict | None = None, **kwargs):
    return client.post(reverse(url_name, kwargs=kwargs), payload or data())


# What the demo holds: the seed's figures, and the seed's fault where the staff can see it.


def test_the_demo_has_the_seeds_programmes_and_plans(demo):
    assert action_document_counts(tay_son(), *PERIOD) == ActionDocumentCounts(
        own_programmes=4, own_plans=7, below_programmes=33, below_plans=25
    )


def test_the_demo_communes_that_copied_the_districts_plan_are_named_and_no_other(demo, django_assert_num_queries):
    district = tay_son()
    with django_assert_num_queries(1):
        copied = copied_documents(district, *PERIOD)
        assert [document.unit.code for document in copied] == COPIERS
    others = ActionDocument.objects.filter(unit__depth=district.depth + 1, unit__path__startswith=district.path)
    assert max(others.exclude(unit__code__in=COPIERS).values_list("similarity", flat=True)) < COPIED_PERCENT // 2


def test_counting_takes_one_query(demo, django_assert_num_queries):
    district = tay_son()
    with django_assert_num_queries(1):
        action_document_counts(district, *PERIOD)


def test_the_staff_see_the_copied_plans_with_their_share_and_the_figures(client, demo, django_assert_num_queries):
    sign_in(client, "tuyengiao.tayson")
    url = reverse("action_document_list") + "?campaign=tw5-khoa-xiii"
    with django_assert_num_queries(8):  # session, user with committee, campaign, figures, waiting, choices, rows, locks
        response = client.get(url)
    copied = ActionDocument.objects.get(unit__code="tay-son-binh-thuan", campaign__code="tw5-khoa-xiii")
    assert "nội dung trùng với kế hoạch cấp trên 94%" in table_row(response, "data-action-document", str(copied.pk))
    independent = ActionDocument.objects.get(unit__code="tay-son-binh-hoa", campaign__code="tw5-khoa-xiii")
    assert "trùng" not in table_row(response, "data-action-document", str(independent.pk))
    assert response.content.decode().count("nội dung trùng với kế hoạch cấp trên") == 4 + 1  # and the figures
    assert (
        "Số liệu: 0 chương trình hành động, 16 kế hoạch thực hiện; "
        "4 văn bản có nội dung trùng với kế hoạch cấp trên từ 60% trở lên."
        in " ".join(response.content.decode().split())
    )


# Entering them.


def test_staff_enter_a_units_plan_and_it_is_compared_once_the_district_writes_its_own(staff_client):
    response = staff_client.post(reverse("action_document_new"), data(text=DISTRICT_PLAN), follow=True)
    document = entered().get(unit__code="tam-duong-ta-leng")
    assert messages_of(response) == ["Đã lưu “Kế hoạch thực hiện số 15-KH/ĐU”."]
    assert (document.added_by.username, document.similarity) == ("tuyengiao", None)

    staff_client.post(
        reverse("action_document_new"), data(unit=committee_pk("tam-duong"), number="250-KH/HU", text=DISTRICT_PLAN)
    )
    document.refresh_from_db()
    assert document.similarity == 100
    response = staff_client.get(reverse("action_document_list"))
    assert "nội dung trùng với kế hoạch cấp trên 100%" in table_row(response, "data-action-document", str(document.pk))


def test_the_secretary_enters_their_own_units_plan_whatever_unit_is_posted(client, demo):
    sign_in(client, SECRETARY)
    menu = client.get(reverse("campaign_list")).content.decode()
    assert f'id="nav-action-documents" href="{reverse("action_document_list")}"' in menu
    post(client, payload=data(unit=committee_pk("tam-duong")))
    assert entered().get().unit.code == "tam-duong-ta-leng"


def test_the_secretary_cannot_reach_another_units_document(client, demo):
    district = ActionDocument.objects.create(
        unit=Committee.objects.get(code="tam-duong"),
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
        kind=ActionDocument.Kind.PLAN,
        issued_on="2023-12-01",
        title="x",
    )
    sign_in(client, SECRETARY)
    assert client.get(reverse("action_document_edit", args=[district.pk])).status_code == 404
    assert post(client, "action_document_edit", pk=district.pk).status_code == 404
    own = ActionDocument.objects.create(
        unit=Committee.objects.get(code="tam-duong-ta-leng"),
        campaign=Campaign.objects.get(code="tw8-khoa-xiii"),
        kind=ActionDocument.Kind.PLAN,
        issued_on="2023-12-02",
        title="y",
    )
    listed = client.get(reverse("action_document_list"), {"campaign": "tw8-khoa-xiii"}).content.decode()
    assert f'data-action-document="{own.pk}"' in listed  # the secretary's own unit's are listed
    assert f'data-action-document="{district.pk}"' not in listed
    assert reverse("action_document_edit", args=[district.pk]) not in listed


def test_an_edit_keeps_the_history(client, demo):
    sign_in(client, SECRETARY)
    post(client)
    document = entered().get()
    post(client, "action_document_edit", data(title="Kế hoạch đã sửa"), pk=document.pk)
    titles = list(document.history.order_by("history_date").values_list("title", "history_user__username"))
    assert titles == [(data()["title"], SECRETARY), ("Kế hoạch đã sửa", SECRETARY)]


def test_a_campaign_not_reaching_the_unit_is_refused(staff_client):
    other = Campaign.objects.create(
        code="khac",
        name="x",
        committee=Committee.objects.get(code="tam-duong-ta-leng"),
        starts_on="2023-12-01",
        ends_on="2023-12-31",
        reporting_deadline="2023-12-31",
    )
    response = staff_client.post(
        reverse("action_document_new"), data(unit=committee_pk("tam-duong"), campaign=other.pk)
    )
    assert response.context["form"].errors == {
        "campaign": ["Đợt học tập này không do cấp ủy cấp trên của Huyện ủy Tam Đường chỉ đạo."]
    }


def test_a_document_needs_its_text(staff_client):
    response = staff_client.post(reverse("action_document_new"), data(text="  "))
    assert response.context["form"].errors == {"text": ["Dán nội dung văn bản vào đây hoặc tải lên tệp .docx, .pdf."]}
    assert not entered().exists()


def test_a_unit_keeps_at_most_twenty_documents_a_campaign_and_may_still_edit_them(staff_client):
    # Each of them is compared again whenever the district saves a plan: their number is bounded.
    unit, campaign = Committee.objects.get(code="tam-duong-ta-leng"), Campaign.objects.get(code="tw8-khoa-xiii")
    ActionDocument.objects.bulk_create(
        ActionDocument(unit=unit, campaign=campaign, kind="plan", issued_on="2023-12-01", title=f"Kế hoạch {number}")
        for number in range(MAX_DOCUMENTS_PER_CAMPAIGN)
    )
    response = staff_client.post(reverse("action_document_new"), data())
    assert response.context["form"].errors == {
        "campaign": [
            f"{unit} đã có 20 văn bản cho đợt học tập này, là số tối đa; hãy sửa một văn bản đã nhập thay vì thêm mới."
        ]
    }
    first = entered().first()
    assert post(staff_client, "action_document_edit", pk=first.pk).status_code == 302
    assert entered().count() == MAX_DOCUMENTS_PER_CAMPAIGN


# Uploads.


def test_the_text_of_an_uploaded_docx_is_kept(staff_client):
    paragraphs = [
        "Đảng ủy xã Tả Lèng giao chi bộ các bản tổ chức học tập trong tháng 12.",
        "Dân quân xã tuần tra biên giới.",
    ]
    staff_client.post(reverse("action_document_new"), uploaded("ke-hoach.docx", docx(*paragraphs)))
    assert entered().get().text == "\n".join(paragraphs)


def test_the_text_of_an_uploaded_pdf_is_kept(staff_client):
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    html = (
        f'<style>@font-face {{ font-family: "L"; src: url("{font.as_uri()}"); }} body {{ font-family: "L"; }}</style>'
    )
    pdf = weasyprint.HTML(string=f"{html}<p>{OWN_PLAN}</p>").write_pdf()
    staff_client.post(reverse("action_document_new"), uploaded("ke-hoach.pdf", pdf))
    assert " ".join(entered().get().text.split()) == OWN_PLAN


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ke-hoach.docx",
            b"PK\x03\x04 not a zip at all",
            "Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới.",
        ),
        ("ke-hoach.pdf", b"%PDF-1.7 broken", "Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới."),
        ("ke-hoach.pdf", docx("Kế hoạch"), "Tệp có đuôi .pdf nhưng nội dung không phải tệp PDF."),
        ("ke-hoach.docx", b"%PDF-1.7", "Tệp có đuôi .docx nhưng nội dung không phải tệp Word .docx."),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0", "Chỉ nhận tệp Word .docx hoặc PDF .pdf."),
        ("ke-hoach.docx", b"PK\x03\x04" + b"x" * (5 * 1024 * 1024), "Tệp quá lớn: tối đa 5 MB."),
        ("ke-hoach.docx", b"", "Tệp đã chọn không có nội dung."),
    ],
    ids=["corrupt-docx", "corrupt-pdf", "docx-named-pdf", "pdf-named-docx", "old-word", "oversize", "empty"],
)
def test_an_upload_without_readable_text_is_refused_at_the_field(staff_client, name, content, message):
    response = staff_client.post(reverse("action_document_new"), uploaded(name, content))
    assert response.context["form"].errors == {"upload": [message]}
    assert not entered().exists()


def test_a_docx_that_unpacks_into_too_much_is_refused(staff_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (21 * 1024 * 1024))
    response = staff_client.post(reverse("action_document_new"), uploaded("bom.docx", buffer.getvalue()))
    assert response.context["form"].errors["upload"][0].startswith("Tệp bị từ chối: nội dung giải nén quá lớn")
    assert not entered().exists()


def test_a_docx_with_entities_is_refused(staff_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="' + W + '">&a;</w:document>',
        )
    response = staff_client.post(reverse("action_document_new"), uploaded("ke-hoach.docx", buffer.getvalue()))
    assert response.context["form"].errors == {
        "upload": ["Không đọc được nội dung tệp; hãy dán nội dung văn bản vào ô bên dưới."]
    }


def test_the_staff_filter_the_copied_plans(client, demo):
    client.force_login(get_user_model().objects.get(username="tuyengiao.tayson"))
    response = client.get(reverse("action_document_list"), {"copied": "on"})
    rows = response.context["documents"]
    assert len(rows) == 4 and all(row.similarity >= 60 for row in rows)
    assert {row.unit.code for row in rows} == {
        "tay-son-binh-thuan",
        "tay-son-tay-giang",
        "tay-son-tay-thuan",
        "tay-son-vinh-an",
    }


def test_an_empty_list_box_says_so_in_words(staff_client):
    for url in (reverse("action_document_new"), reverse("term_report_new"), reverse("seal_page")):
        content = staff_client.get(url).content.decode()
        assert "— Chọn —</option>" in content and "---------" not in content, url
    # Where none is needed (a conference hosted by the centre names no host), the empty choice says so.
    conference_new = reverse("conference_new", args=["tw8-khoa-xiii"])
    assert '<option value="" selected>— Để trống —</option>' in staff_client.get(conference_new).content.decode()
