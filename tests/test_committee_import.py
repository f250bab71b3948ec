"""The committee tree from a spreadsheet: Bình Định's propaganda staff load Tây Sơn and its communes."""

import io
import random
import string

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from conferences.models import Committee, Term
from reporting.models import SetupUpload
from reporting.results.committee_import import HEADERS, committee_import
from reporting.results.import_reading import ImportRejected
from tests import builders
from tests.staff_pages import messages_of

pytestmark = pytest.mark.django_db

DISTRICT = ["tay-son", "Huyện ủy Tây Sơn", "Tây Sơn", "binh-dinh", "Huyện ủy, quận ủy, thị ủy", "", "HUYỆN ỦY TÂY SƠN"]
# Children before their parent: the file need not be in tree order.
COMMUNES = [
    ["tay-son-binh-hoa", "Đảng ủy xã Bình Hòa", "Bình Hòa", "tay-son", "Đảng bộ cơ sở", "xã", "", 312, 40],
    ["tay-son-tay-an", "Đảng ủy xã Tây An", "Tây An", "tay-son", "Đảng bộ cơ sở", "xã", "", 280, 35],
    ["tay-son-phu-phong", "Đảng ủy thị trấn Phú Phong", "", "tay-son", "đảng bộ cơ sở", "Thị trấn", "", 450, 60],
]


def workbook(*rows: list) -> bytes:
    book = Workbook()
    book.active.append(list(HEADERS))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("cay-cap-uy.xlsx", content)


@pytest.fixture
def province():
    return builders.committee("binh-dinh", name="Tỉnh ủy Bình Định")


@pytest.fixture
def staff(province, django_user_model):
    return django_user_model.objects.create_user("tuyengiao.bd", password="x", committee=province, role="staff")


def previewed(client, content: bytes):
    """The file uploaded, and the page of its kept preview."""
    answer = client.post(reverse("committee_import"), {"file": upload(content)})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return client.get(answer["Location"])


def saved(client, content: bytes):
    """The file uploaded, previewed and saved with the preview's button."""
    return client.post(previewed(client, content).context["kept"].save_url)


def tree() -> list[tuple]:
    fields = ("code", "depth", "kind", "locality", "name", "printed_name", "party_members", "non_member_staff")
    return list(Committee.objects.order_by("path").values_list(*fields))


def test_a_district_and_its_communes_are_created_under_the_users_committee(province):
    plan = committee_import(upload(workbook(*COMMUNES, [*DISTRICT, 1042, 135])), scope=province)
    assert next(row.code for row in plan.created) == "tay-son"
    district = Committee.objects.get(code="tay-son")
    assert Committee.objects.get_parent(district) == province
    assert (district.kind, district.party_members, district.printed_name) == ("district", 1042, "HUYỆN ỦY TÂY SƠN")
    communes = {unit.code: unit for unit in Committee.objects.get_children(district)}
    assert set(communes) == {"tay-son-binh-hoa", "tay-son-tay-an", "tay-son-phu-phong"}
    phu_phong = communes["tay-son-phu-phong"]
    assert (phu_phong.kind, phu_phong.locality, phu_phong.party_members, phu_phong.non_member_staff) == (
        "grassroots",
        "thị trấn",
        450,
        60,
    )
    assert phu_phong.printed_name == "ĐẢNG ỦY THỊ TRẤN PHÚ PHONG"
    assert communes["tay-son-binh-hoa"].short_name == "Bình Hòa"


def test_importing_again_updates_the_counts_and_says_so(client, province, staff):
    committee_import(upload(workbook([*DISTRICT, 1042, 135], *COMMUNES)), scope=province)
    next_year = [[*row[:7], 330, 38] if row[0] == "tay-son-binh-hoa" else row for row in COMMUNES]
    client.force_login(staff)
    content = workbook([*DISTRICT, 1042, 135], *next_year)
    page = previewed(client, content)
    assert "Cập nhật" in page.text and "312 → 330" in page.text and "40 → 38" in page.text
    assert Committee.objects.get(code="tay-son-binh-hoa").party_members == 312  # only previewed
    assert client.post(page.context["kept"].save_url)["Location"] == reverse("committee_import")
    binh_hoa = Committee.objects.get(code="tay-son-binh-hoa")
    assert (binh_hoa.party_members, binh_hoa.non_member_staff) == (330, 38)
    # Kept in the committee's history, with who changed it, and listed on the page.
    latest = binh_hoa.history.latest()
    assert (latest.history_type, latest.history_user, latest.party_members) == ("~", staff, 330)
    history = client.get(reverse("committee_import")).text.split('id="committee-history"', 1)[1]
    assert '<span class="text-muted">số đảng viên:</span> 312 → 330' in history
    assert '<span class="text-muted">số CB-CC-VC-NLĐ chưa là đảng viên:</span> 40 → 38' in history


def test_the_page_previews_new_units_and_a_button_saves_the_file_kept(client, province, staff):
    client.force_login(staff)
    content = workbook([*DISTRICT, 1042, 135], *COMMUNES)
    page = previewed(client, content)
    assert "Thêm mới" in page.text and "Đảng ủy xã Bình Hòa" in page.text
    assert '<button type="submit" class="btn btn-party" id="save-import">Lưu vào cây cấp ủy</button>' in page.text
    assert "Tệp “cay-cap-uy.xlsx”" in page.text
    assert not Committee.objects.filter(code="tay-son").exists()
    save_url = page.context["kept"].save_url
    assert client.get(save_url).status_code == 405

    saved_page = client.post(save_url, follow=True)

    assert saved_page.redirect_chain == [(reverse("account_list"), 302)]
    assert messages_of(saved_page)[:1] == ["Đã thêm 4 và cập nhật 0 đơn vị."]
    assert Committee.objects.get_children_count(Committee.objects.get(code="tay-son")) == 3
    assert not SetupUpload.objects.exists()  # used up
    again = client.post(save_url)  # the saved page reloaded, or a tab left open
    assert again.status_code == 404 and "Bản xem trước này không còn" in again.text
    assert f'<a href="{reverse("committee_import")}" id="back-to-import">' in again.text


def test_a_kept_file_is_only_its_uploaders_and_only_for_the_hour(client, province, staff, django_user_model):
    client.force_login(staff)
    kept = previewed(client, workbook([*DISTRICT, 1042, 135])).context["kept"]
    colleague = django_user_model.objects.create_user("tuyengiao.bd2", password="x", committee=province, role="staff")
    client.force_login(colleague)
    assert client.get(kept.get_absolute_url()).status_code == 404
    assert client.post(kept.save_url).status_code == 404
    client.force_login(staff)
    SetupUpload.objects.filter(pk=kept.pk).update(created_at=timezone.now() - SetupUpload.KEPT_FOR)

    answer = client.post(kept.save_url, follow=True)

    assert answer.redirect_chain == [(reverse("committee_import"), 302)]
    assert messages_of(answer) == [
        "Bản xem trước đã quá 1 giờ nên không còn dùng được; chưa có gì được nhập. Tải tệp lên lại để xem trước."
    ]
    assert not Committee.objects.filter(code="tay-son").exists() and not SetupUpload.objects.exists()


def test_a_file_that_changes_nothing_is_not_kept(client, province, staff):
    committee_import(upload(workbook([*DISTRICT, 1042, 135])), scope=province)
    client.force_login(staff)
    page = client.post(reverse("committee_import"), {"file": upload(workbook([*DISTRICT, 1042, 135]))})
    assert page.status_code == 200 and "Tệp không thay đổi gì so với cây hiện có." in page.text
    assert 'id="save-import"' not in page.text and not SetupUpload.objects.exists()


def test_a_bad_file_changes_nothing_and_names_each_error_by_row_and_unit(client, province, staff):
    builders.committee("gia-lai", name="Tỉnh ủy Gia Lai")
    committee_import(upload(workbook([*DISTRICT, 1042, 135])), scope=province)
    before = tree()
    rows = [
        [*DISTRICT, 1100, 135],
        ["tay-son-binh-hoa", "Đảng ủy xã Bình Hòa", "", "tay-sonx", "Đảng bộ cơ sở", "xã", "", 312, 40],
        ["tay-son-tay-an", "Đảng ủy xã Tây An", "", "tay-son", "Chi ủy", "xã", "", 280, 35],
        ["tay-son-tay-vinh", "Đảng ủy xã Tây Vinh", "", "tay-son", "Đảng bộ cơ sở", "làng", "", -5, 1_000_001],
        ["tay-son-tay-an", "Đảng ủy xã Tây An (lần 2)", "", "tay-son", "Đảng bộ cơ sở", "xã", "", 1, 1],
        ["gia-lai", "Tỉnh ủy Gia Lai", "", "", "Tỉnh ủy, thành ủy", "", "", 1, 1],
        ["tay-son-kon-tum", "Đảng ủy xã Kon Tum", "", "gia-lai", "Đảng bộ cơ sở", "xã", "", 1, 1],
    ]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(*rows)), scope=province)
    errors = [str(error) for error in rejected.value.errors]
    assert (
        "Dòng 3 (Đảng ủy xã Bình Hòa), cột “Mã cấp trên”: Mã cấp trên “tay-sonx” không có trong cây của Tỉnh ủy "
        "Bình Định, cũng không có trong tệp."
    ) in errors
    assert any(e.startswith("Dòng 4 (Đảng ủy xã Tây An), cột “Loại”: “Chi ủy” không có") for e in errors)
    assert any("“Đảng bộ cơ sở”" in e for e in errors)
    assert any(e.startswith("Dòng 5 (Đảng ủy xã Tây Vinh), cột “Đơn vị hành chính”: “làng”") for e in errors)
    assert "Dòng 5 (Đảng ủy xã Tây Vinh), cột “Số đảng viên”: Phải là số nguyên không âm." in errors
    assert any(e.startswith("Dòng 5 (Đảng ủy xã Tây Vinh), cột “Số CB-CC-VC-NLĐ") for e in errors)
    assert "Dòng 6 (Đảng ủy xã Tây An (lần 2)), cột “Mã đơn vị”: Mã đơn vị “tay-son-tay-an” đã có ở dòng 4." in errors
    assert (
        "Dòng 7 (Tỉnh ủy Gia Lai), cột “Mã đơn vị”: Mã đơn vị “gia-lai” là của một đơn vị không thuộc Tỉnh ủy "
        "Bình Định."
    ) in errors
    assert (
        "Dòng 8 (Đảng ủy xã Kon Tum), cột “Mã cấp trên”: Mã cấp trên “gia-lai” không có trong cây của Tỉnh ủy "
        "Bình Định, cũng không có trong tệp."
    ) in errors
    assert tree() == before
    client.force_login(staff)
    page = client.post(reverse("committee_import"), {"file": upload(workbook(*rows))})
    assert "Chưa có gì thay đổi" in page.text or "chưa có gì thay đổi" in page.text
    assert "tay-sonx" in page.text and "Đảng ủy xã Kon Tum" in page.text
    assert tree() == before


def test_export_then_import_changes_nothing(tmp_path, province):
    committee_import(upload(workbook([*DISTRICT, 1042, 135], *COMMUNES)), scope=province)
    before = tree()
    output = tmp_path / "tay-son.xlsx"
    call_command("export_committees", "--committee", "tay-son", "--output", str(output), stdout=io.StringIO())
    sheet = load_workbook(output).active
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    assert [cell.value for cell in sheet[2]][:5] == ["tay-son", "Huyện ủy Tây Sơn", "Tây Sơn", "binh-dinh", DISTRICT[4]]
    assert committee_import(str(output), scope=province, dry_run=True).changes_nothing
    out = io.StringIO()
    call_command("import_committees", str(output), stdout=out)
    assert "Đã thêm 0, cập nhật 0, giữ nguyên 4 đơn vị." in out.getvalue()
    assert tree() == before


def test_the_command_tries_without_saving_and_refuses_a_bad_file(tmp_path, province):
    good, bad = tmp_path / "tot.xlsx", tmp_path / "loi.xlsx"
    good.write_bytes(workbook([*DISTRICT, 1042, 135], *COMMUNES))
    bad.write_bytes(workbook(COMMUNES[0]))
    out = io.StringIO()
    call_command("import_committees", str(good), "--dry-run", stdout=out)
    assert "sẽ thêm 4" in out.getvalue()
    assert not Committee.objects.filter(code="tay-son").exists()
    refused = "Dòng 2 \\(Đảng ủy xã Bình Hòa\\), cột “Mã cấp trên”: Mã cấp trên “tay-son” không có"
    with pytest.raises(CommandError, match=refused):
        call_command("import_committees", str(bad))


def test_a_secretary_may_not_open_the_page(client, province, django_user_model):
    secretary = django_user_model.objects.create_user("bithu", password="x", committee=province, role="secretary")
    client.force_login(secretary)
    assert client.get(reverse("committee_import")).status_code == 403
    assert client.get(reverse("committee_template")).status_code == 403


def test_staff_download_the_template_filled_with_their_subtree(client, staff):
    builders.committee("gia-lai", name="Tỉnh ủy Gia Lai")
    client.force_login(staff)
    response = client.get(reverse("committee_template"))
    template = load_workbook(io.BytesIO(response.content))
    codes = [row[0] for row in template.active.iter_rows(values_only=True)]
    assert codes == ["Mã đơn vị", "binh-dinh"]
    # The kind and the locality are chosen from a list, as the import reads them.
    lists = template["Danh muc"]
    offered = {
        str(each.sqref): [cell.value for (cell,) in lists[each.formula1.split("!")[1].replace("$", "")]]
        for each in template.active.data_validations.dataValidation
    }
    assert lists.sheet_state == "hidden" and offered == {
        "E2:E5000": ["Tỉnh ủy, thành ủy", "Huyện ủy, quận ủy, thị ủy", "Đảng bộ cơ sở", "Chi bộ"],
        "F2:F5000": ["xã", "phường", "thị trấn"],
    }


def chain(levels: int, *, top: str = "binh-dinh") -> list[list]:
    """``levels`` new units, each under the one before, the first under ``top``."""
    parents = [top, *(f"cap-{level}" for level in range(1, levels))]
    return [
        [f"cap-{level}", f"Đơn vị cấp {level}", "", parent, "Chi bộ", "", "", 1, 0]
        for level, parent in enumerate(parents, start=1)
    ]


def test_a_chain_deeper_than_the_tree_is_refused_at_the_preview_by_row_and_name(client, province, staff):
    before = tree()
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(*chain(70))), scope=province, dry_run=True)
    errors = [str(error) for error in rejected.value.errors]
    # The province is level 1: its 62nd new level is the 63rd and last the path holds.
    assert errors[0] == "Dòng 64 (Đơn vị cấp 63), cột “Mã cấp trên”: Cây quá sâu: tối đa 63 cấp."
    assert errors[1] == (
        "Dòng 65 (Đơn vị cấp 64), cột “Mã cấp trên”: Mã cấp trên “cap-63” không tạo được: dòng của nó có lỗi "
        "hoặc các dòng tạo thành vòng lặp."
    )
    assert len(errors) == 70 - 62
    client.force_login(staff)
    page = client.post(reverse("committee_import"), {"file": upload(workbook(*chain(70)))})
    assert page.status_code == 200 and "Cây quá sâu: tối đa 63 cấp." in page.text
    assert not SetupUpload.objects.exists()
    assert tree() == before


def test_a_chain_as_deep_as_the_tree_goes_is_created(province):
    committee_import(upload(workbook(*chain(62))), scope=province)
    assert Committee.objects.get(code="cap-62").depth == 63


def test_a_unit_created_meanwhile_refuses_the_confirmed_file_without_a_server_error(
    client, province, staff, monkeypatch
):
    from reporting.results import committee_import as importing

    planned = importing.committee_import_plan

    def plan_then_another_upload(file, *, scope):
        plan = planned(file, scope=scope)
        builders.committee("tay-son", parent=province, kind="district", name="Huyện ủy Tây Sơn (tệp khác)")
        return plan

    client.force_login(staff)
    kept = previewed(client, workbook([*DISTRICT, 1042, 135], *COMMUNES)).context["kept"]
    monkeypatch.setattr(importing, "committee_import_plan", plan_then_another_upload)
    page = client.post(kept.save_url)
    assert page.status_code == 409
    assert "Có đơn vị vừa được tạo trong lúc nhập: chưa nhập gì, tải tệp lên lại." in page.text
    assert not Committee.objects.filter(code__startswith="tay-son-").exists()


def test_long_cells_are_quoted_cut_short(client, province, staff):
    name = "".join(random.Random(1).choices(string.ascii_letters, k=32_000))
    rows = [
        ["tay-son", name, "", "binh-dinh", "Huyện ủy, quận ủy, thị ủy", "", "", 1, 1],
        ["tay-son-a", "Đảng ủy xã A", "", "x" * 5_000, "Đảng bộ cơ sở", "xã", "", 1, 1],
        ["tay-son-b", "Đảng ủy xã B", "", "tay-son", "y" * 5_000, "xã", "", 1, 1],
        ["c" * 5_000, "Đảng ủy xã C", "", "tay-son", "Đảng bộ cơ sở", "xã", "", 1, 1],
    ]
    with pytest.raises(ImportRejected) as rejected:
        committee_import(upload(workbook(*rows)), scope=province, dry_run=True)
    errors = [str(error) for error in rejected.value.errors]
    assert f"Dòng 2 ({name[:79]}…), cột “Tên đơn vị”: Dài quá 200 ký tự." in errors
    # Unknown, in the same words as another district's code.
    unknown = f"Mã cấp trên “{'x' * 79}…” không có trong cây của Tỉnh ủy Bình Định, cũng không có trong tệp."
    assert f"Dòng 3 (Đảng ủy xã A), cột “Mã cấp trên”: {unknown}" in errors
    assert any(error.startswith(f"Dòng 4 (Đảng ủy xã B), cột “Loại”: “{'y' * 79}…” không có") for error in errors)
    code = f"Mã đơn vị “{'c' * 79}…” chỉ được"
    assert any(error.startswith(f"Dòng 5 (Đảng ủy xã C), cột “Mã đơn vị”: {code}") for error in errors)
    assert max(len(error) for error in errors) < 400
    client.force_login(staff)
    page = client.post(reverse("committee_import"), {"file": upload(workbook(*rows))})
    assert name[:79] in page.text and name[:80] not in page.text


def test_the_history_lists_the_terms_of_the_subtree_with_the_committees(client, province, staff):
    committee_import(upload(workbook([*DISTRICT, 1042, 135], *COMMUNES)), scope=province)
    Term.objects.create(committee=Committee.objects.get(code="tay-son"), name="2025 - 2030", starts_on="2025-09-20")
    client.force_login(staff)

    history = client.get(reverse("committee_import")).text.split('id="committee-history"', 1)[1]

    assert '<td data-label="Bản ghi">Huyện ủy Tây Sơn — nhiệm kỳ 2025 - 2030</td>' in history
    assert '<td data-label="Bản ghi">Đảng ủy xã Bình Hòa</td>' in history


@pytest.mark.parametrize("communes", [3, 30])
def test_a_tree_of_new_units_is_read_in_the_same_queries_whatever_its_size(
    province, communes, django_assert_num_queries
):
    district = builders.committee("tay-son", parent=province, kind="district", name="Huyện ủy Tây Sơn")
    builders.campaign(district)  # a campaign, but no signed report: no unit is asked any further
    rows = [
        [f"tay-son-xa-{n}", f"Đảng ủy xã {n}", "", "tay-son", "Đảng bộ cơ sở", "xã", "", 100, 10]
        for n in range(communes)
    ]
    # The stored codes, their parents' codes, the committees with a signed report; and the savepoint opened and
    # released around them (nothing is written on a dry run, all or nothing otherwise).
    with django_assert_num_queries(5):
        plan = committee_import(upload(workbook(*rows)), scope=province, dry_run=True)
    assert len(plan.created) == communes


def test_a_change_from_nought_reads_as_nought_and_an_emptied_cell_as_a_dash(province):
    committee_import(upload(workbook([*DISTRICT, 0, 135], COMMUNES[0])), scope=province)
    emptied = ["tay-son-binh-hoa", "Đảng ủy xã Bình Hòa", "", *COMMUNES[0][3:]]

    plan = committee_import(upload(workbook([*DISTRICT, 1042, 135], emptied)), scope=province, dry_run=True)

    assert [row.change_lines() for row in plan.updated] == [
        [("Số đảng viên", 0, 1042)],
        [("Tên ngắn", "Bình Hòa", "—")],
    ]


def test_of_two_presses_at_once_only_the_one_that_takes_the_kept_file_saves(client, province, staff, monkeypatch):
    client.force_login(staff)
    kept = previewed(client, workbook([*DISTRICT, 1042, 135], *COMMUNES)).context["kept"]
    file = SetupUpload.file

    def taken_meanwhile(self):
        """The other press deletes the file between this one finding it and using it up."""
        SetupUpload.objects.filter(pk=self.pk).delete()
        return file(self)

    monkeypatch.setattr(SetupUpload, "file", taken_meanwhile)

    answer = client.post(kept.save_url)

    assert answer.status_code == 404 and "Bản xem trước này không còn" in answer.text
    assert not Committee.objects.filter(code="tay-son").exists()
