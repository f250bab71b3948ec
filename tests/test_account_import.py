"""Staff and leaders from a sheet, and the password slips as PDF: Tây Sơn's propaganda office sets up its people."""

import datetime
import io
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from accounts.models import User
from conferences.models import Committee
from reporting.exports import xlsx_bytes
from reporting.results.account_import import HEADERS, account_import, account_import_plan
from reporting.results.import_reading import ImportRejected
from tests import builders
from tests.staff_pages import messages_of
from tests.workbooks import named

pytestmark = pytest.mark.django_db

LOCAL = datetime.timezone(datetime.timedelta(hours=7))
MORNING = datetime.datetime(2025, 9, 8, 8, 0, tzinfo=LOCAL)
LE_VAN_AN = ["levanan", "Lê Văn An", "tay-son", "Cán bộ Ban Tuyên giáo", "levanan@tayson.vn"]
NGUYEN_THI_HOA = ["nguyenthihoa", "Nguyễn Thị Hoa", "tay-son-binh-hoa", "  cán bộ   BAN tuyên GIÁO ", ""]
REFUSED = "Không nhập được tệp: chưa tạo tài khoản nào. Sửa các lỗi dưới đây rồi tải lên lại."


def sheet(*rows: list, name: str = "tai-khoan.xlsx") -> io.BytesIO:
    book = Workbook()
    for row in (list(HEADERS), *rows):
        book.active.append(row)
    return named(xlsx_bytes(book), name)


def signs_in(client: Client, username: str, password: str) -> bool:
    return client.post(reverse("login"), {"username": username, "password": password}).status_code == 302


def slips_on(page: str) -> list[tuple[str, str]]:
    """(user name, one-time password) of each slip on the created page."""
    return re.findall(r'data-account="([^"]+)".*?class="one-time-password">([^<]+)<', page, flags=re.S)


@pytest.fixture
def tay_son():
    province = builders.committee("binh-dinh", name="Tỉnh ủy Bình Định")
    district = builders.committee("tay-son", parent=province, kind="district", name="Huyện ủy Tây Sơn")
    builders.committee("tay-son-binh-hoa", parent=district, name="Đảng ủy xã Bình Hòa")
    neighbour = builders.committee("an-nhon", parent=province, kind="district", name="Thị ủy An Nhơn")
    builders.committee("an-nhon-nhon-hoa", parent=neighbour, name="Đảng ủy phường Nhơn Hòa")
    return district


@pytest.fixture
def staff(client, tay_son):
    user = User.objects.create_user("tuyengiao.tayson", role=User.Role.PROPAGANDA_STAFF, committee=tay_son)
    client.force_login(user)
    return client


def upload(client: Client, file: io.BytesIO, *, reviewed: bool = False, follow: bool = True):
    """The file uploaded; ``reviewed``: then previewed and saved with the preview's button (and, ``follow``, on
    to the page that saving leads to)."""
    answer = client.post(reverse("account_import"), {"file": file})
    if not reviewed or answer.status_code != 302:
        return answer
    return client.post(client.get(answer["Location"]).context["kept"].save_url, follow=follow)


def test_a_sheet_is_previewed_then_creates_accounts_that_change_their_password_first(staff):
    file = sheet(LE_VAN_AN, NGUYEN_THI_HOA)
    preview = staff.get(upload(staff, file)["Location"]).content.decode()
    assert re.findall(r'<tr data-account="([^"]+)"><td data-label="Dòng">(\d+)</td>', preview) == [
        ("levanan", "2"),
        ("nguyenthihoa", "3"),
    ]
    assert 'Đảng ủy xã Bình Hòa</td><td data-label="Vai trò">Cán bộ Ban Tuyên giáo</td>' in preview
    assert '<button type="submit" class="btn btn-party" id="save-import">Tạo 2 tài khoản</button>' in preview
    assert not User.objects.filter(username__in=["levanan", "nguyenthihoa"]).exists()

    file.seek(0)
    page = upload(staff, file, reviewed=True).content.decode()
    assert [username for username, _password in slips_on(page)] == ["levanan", "nguyenthihoa"]
    an, hoa = User.objects.get(username="levanan"), User.objects.get(username="nguyenthihoa")
    assert (an.last_name, an.first_name, an.email, an.role, an.committee.code) == (
        "Lê Văn",
        "An",
        "levanan@tayson.vn",
        "staff",
        "tay-son",
    )
    assert (hoa.get_full_name(), hoa.role, hoa.committee.code) == ("Nguyễn Thị Hoa", "staff", "tay-son-binh-hoa")
    assert an.must_change_password and hoa.must_change_password

    username, password = slips_on(page)[1]
    leader = Client()
    assert signs_in(leader, username, password)
    first = leader.get(reverse("home"), follow=True)
    assert first.redirect_chain[-1][0] == reverse("password_change")


def test_every_error_is_told_by_row_and_unit_and_nothing_is_created(staff, tay_son):
    User.objects.create_user("tranvanbinh", role="staff", committee=tay_son, first_name="Bình", last_name="Trần Văn")
    file = sheet(
        ["LeVanAn", "Lê Văn An", "tay-son-binh-hoa", "Cán bộ Ban Tuyên giáo", "an@"],
        ["le van an", "Lê Văn An", "tay-son-cat-tien", "Cán bộ Ban Tuyên giáo", ""],
        ["levanan", "Lê Văn Ân", "an-nhon-nhon-hoa", "Cán bộ Ban Tuyên giáo", ""],
        ["tranvanbinh", "Trần Thị Bình", "tay-son", "Phó Bí thư", ""],
        ["phamthu", "Phạm Thu", "tay-son", "Quản trị hệ thống", ""],
        ["dohung", "Đỗ Hùng", "tay-son", "Lãnh đạo", ""],  # the right to sign is the administrator's to give
    )
    before = User.objects.count()
    page = upload(staff, file, reviewed=True).content.decode()
    assert REFUSED in page and User.objects.count() == before

    file.seek(0)
    with pytest.raises(ImportRejected) as refused:
        account_import(file, scope=tay_son)
    accepted = "“Quản trị hệ thống”, “Cán bộ Ban Tuyên giáo”, “Bí thư, văn phòng cấp ủy đơn vị”, “Lãnh đạo”"
    assert [str(error) for error in refused.value.errors] == [
        "Dòng 2 (Đảng ủy xã Bình Hòa), cột “Thư điện tử”: Thư điện tử “an@” không hợp lệ.",
        "Dòng 3 (tay-son-cat-tien), cột “Tên đăng nhập”: Tên đăng nhập “le van an” chỉ được gồm chữ cái không "
        "dấu, chữ số, dấu chấm, gạch ngang và gạch dưới, bắt đầu bằng chữ cái hoặc chữ số, tối đa 60 ký tự.",
        "Dòng 3 (tay-son-cat-tien), cột “Mã đơn vị”: Mã đơn vị “tay-son-cat-tien” không thuộc Huyện ủy Tây Sơn.",
        "Dòng 4 (an-nhon-nhon-hoa), cột “Tên đăng nhập”: Tên đăng nhập “levanan” đã có ở dòng 2.",
        "Dòng 4 (an-nhon-nhon-hoa), cột “Mã đơn vị”: Mã đơn vị “an-nhon-nhon-hoa” không thuộc Huyện ủy Tây Sơn.",
        "Dòng 5 (Huyện ủy Tây Sơn), cột “Tên đăng nhập”: Tên đăng nhập “tranvanbinh” đã có người khác dùng; "
        "chọn tên khác.",
        f"Dòng 5 (Huyện ủy Tây Sơn), cột “Vai trò”: “Phó Bí thư” không có trong danh sách vai trò; chọn một trong: "
        f"{accepted}.",
        "Dòng 6 (Huyện ủy Tây Sơn), cột “Vai trò”: Chỉ quản trị hệ thống mới tạo được tài khoản “Quản trị hệ thống”.",
        "Dòng 7 (Huyện ủy Tây Sơn), cột “Vai trò”: Chỉ quản trị hệ thống mới tạo được tài khoản “Lãnh đạo”.",
    ]
    # The page lists the same errors, at their rows.
    assert "<td>5</td><td>Huyện ủy Tây Sơn</td><td>Tên đăng nhập</td>" in page


def test_units_outside_ones_subtree_are_refused_and_an_administrator_may_use_any(client, staff, tay_son):
    file = sheet(["nhonhoa.tg", "Võ Minh Tâm", "an-nhon-nhon-hoa", "Cán bộ Ban Tuyên giáo", ""])
    page = upload(staff, file, reviewed=True).content.decode()
    assert "Mã đơn vị “an-nhon-nhon-hoa” không thuộc Huyện ủy Tây Sơn." in page
    assert not User.objects.filter(username="nhonhoa.tg").exists()

    administrator = User.objects.create_user("quantri.bd", role=User.Role.ADMINISTRATOR)
    client.force_login(administrator)
    file.seek(0)
    page = upload(client, file, reviewed=True).content.decode()
    assert [username for username, _password in slips_on(page)] == ["nhonhoa.tg"]
    assert User.objects.get(username="nhonhoa.tg").committee.code == "an-nhon-nhon-hoa"


def test_the_template_lists_the_subtrees_staff_and_leaders_and_uploaded_back_creates_nothing(staff, tay_son):
    binh_hoa, nhon_hoa = Committee.objects.get(code="tay-son-binh-hoa"), Committee.objects.get(code="an-nhon")
    User.objects.create_user("lanhdao.tayson", role="leader", committee=tay_son, first_name="Hùng", last_name="Đỗ")
    User.objects.create_user("bithu.binh-hoa", role="secretary", committee=binh_hoa)
    User.objects.create_user("tg.annhon", role="staff", committee=nhon_hoa)
    template = staff.get(reverse("account_template")).content
    book = load_workbook(io.BytesIO(template))
    assert list(book.active.values) == [
        HEADERS,
        ("lanhdao.tayson", "Đỗ Hùng", "tay-son", "Lãnh đạo", None),
        ("tuyengiao.tayson", None, "tay-son", "Cán bộ Ban Tuyên giáo", None),
    ]
    # Its list of roles holds those staff may give; leaders and administrators are an administrator's to add.
    assert [row[0] for row in book["Danh muc"].values] == ["Cán bộ Ban Tuyên giáo", "Bí thư, văn phòng cấp ủy đơn vị"]
    before = User.objects.count()
    page = upload(staff, named(template, "tai-khoan.xlsx"), reviewed=True).content.decode()
    assert "Tệp không có tài khoản mới nào để tạo." in page and 'id="save-import"' not in page
    # The sheet never changes a stored account: the preview says where it differs.
    page = upload(staff, sheet(["LanhDao.TaySon", "Đỗ  hùng", "tay-son-binh-hoa", "Lãnh đạo", ""])).content.decode()
    assert "Tệp không có tài khoản mới nào để tạo." in page
    kept = '<td data-label="Tên đăng nhập">lanhdao.tayson</td><td data-label="Họ và tên">Đỗ Hùng</td>'
    assert f'{kept}<td data-label="Ghi chú">đã có, bỏ qua; tệp ghi khác ở: Mã đơn vị (không sửa)' in page
    assert User.objects.count() == before
    assert User.objects.get(username="lanhdao.tayson").committee == tay_son


def test_the_slips_come_as_a_pdf_one_account_a_page(staff):
    page = upload(staff, sheet(LE_VAN_AN, NGUYEN_THI_HOA), reviewed=True).content.decode()
    assert reverse("account_slips_pdf") in page and "Đã in xong, xoá mật khẩu" in page
    response = staff.get(reverse("account_slips_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.content))
    slips = slips_on(page)
    assert len(reader.pages) == len(slips) == 2
    for pdf_page, (username, password), unit in zip(
        reader.pages, slips, ("Lê Văn An · Huyện ủy Tây Sơn", "Nguyễn Thị Hoa · Đảng ủy xã Bình Hòa"), strict=True
    ):
        text = pdf_page.extract_text()
        assert username in text and password in text and unit in text
        assert "testserver" in text
        assert "Lần đăng nhập đầu, hệ thống yêu cầu đặt mật khẩu của riêng mình" in text
        fonts = {
            str(font.get_object()["/BaseFont"]).split("+")[-1] for font in pdf_page["/Resources"]["/Font"].values()
        }
        assert fonts == {"Liberation-Serif", "Liberation-Serif-Bold", "Slip-Mono-Bold"}


def test_the_secretaries_slips_come_as_a_pdf_too(staff):
    page = staff.post(reverse("secretaries_create"), follow=True).content.decode()
    ((username, password),) = slips_on(page)
    text = PdfReader(io.BytesIO(staff.get(reverse("account_slips_pdf")).content)).pages[0].extract_text()
    assert username == "bithu.tay-son-binh-hoa" and password in text and "Đảng ủy xã Bình Hòa" in text


GONE = (
    "Phiếu mật khẩu không còn được giữ: phiếu chỉ được giữ 15 phút sau khi tạo tài khoản, trên trình duyệt đã "
    "tạo, và bị xoá khi bấm “Đã in xong, xoá mật khẩu”. Cần phiếu mới thì bấm “Cấp lại mật khẩu” ở tài khoản đó."
)


def passwords_readable(client: Client, passwords: list[str]) -> bool:
    """Whether the PDF URL (followed) or the database's sessions show any of ``passwords``."""
    response = client.get(reverse("account_slips_pdf"), follow=True)
    shown = response.content.decode(errors="replace") if response["Content-Type"].startswith("text/") else ""
    stored = " ".join(f"{s.session_data} {s.get_decoded()}" for s in Session.objects.all())
    return any(password in shown or password in stored for password in passwords)


def test_printed_slips_are_forgotten_by_the_server(staff):
    page = upload(staff, sheet(LE_VAN_AN), reviewed=True).content.decode()
    passwords = [password for _username, password in slips_on(page)]
    # While they are kept, the database holds them encrypted only.
    stored = " ".join(f"{s.session_data} {s.get_decoded()}" for s in Session.objects.all())
    assert passwords[0] not in stored
    forgotten = staff.post(reverse("account_slips_forget"), follow=True)
    assert "Đã xoá các mật khẩu vừa tạo khỏi máy chủ; phiếu PDF không tải lại được nữa." in forgotten.content.decode()
    response = staff.get(reverse("account_slips_pdf"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_list") and GONE in response.content.decode()
    assert not passwords_readable(staff, passwords)


def test_slips_are_kept_fifteen_minutes_and_no_longer(staff):
    with time_machine.travel(MORNING, tick=False):
        page = upload(staff, sheet(LE_VAN_AN, NGUYEN_THI_HOA), reviewed=True).content.decode()
    passwords = [password for _username, password in slips_on(page)]
    with time_machine.travel(MORNING + datetime.timedelta(minutes=14), tick=False):
        assert staff.get(reverse("account_slips_pdf"))["Content-Type"] == "application/pdf"
    with time_machine.travel(MORNING + datetime.timedelta(minutes=15, seconds=1), tick=False):
        response = staff.get(reverse("account_slips_pdf"), follow=True)
        assert GONE in response.content.decode()
        assert not passwords_readable(staff, passwords)


def test_the_slips_need_the_browser_that_created_them(staff, tay_son):
    key = upload(staff, sheet(LE_VAN_AN), reviewed=True, follow=False).cookies["account_slips_key"]
    assert (key["path"], key["max-age"], key["httponly"], key["samesite"]) == ("/tai-khoan/", 900, True, "Strict")
    session_only = Client()
    session_only.cookies[staff.cookies["sessionid"].key] = staff.cookies["sessionid"].value
    response = session_only.get(reverse("account_slips_pdf"))
    assert response.status_code == 302 and response["Location"] == reverse("account_list")


def test_a_leader_or_a_secretary_gets_no_sheet_and_no_slips(client, tay_son):
    for role in ("leader", "secretary"):
        client.force_login(User.objects.create_user(f"nguoi.{role}", role=role, committee=tay_son))
        for name in ("account_import", "account_template", "account_slips_pdf"):
            assert client.get(reverse(name)).status_code == 403


def test_the_command_prints_each_new_user_name_with_its_one_time_password(tay_son, tmp_path):
    path = tmp_path / "tai-khoan.xlsx"
    path.write_bytes(sheet(LE_VAN_AN).getvalue())
    dry = io.StringIO()
    call_command("import_accounts", str(path), "--dry-run", stdout=dry)
    assert "Sẽ tạo: dòng 2, levanan — Lê Văn An, Huyện ủy Tây Sơn" in dry.getvalue()
    assert not User.objects.filter(username="levanan").exists()
    out = io.StringIO()
    call_command("import_accounts", str(path), stdout=out)
    password = re.search(r"Đã tạo: levanan — Lê Văn An, mật khẩu dùng một lần: (\w+)", out.getvalue()).group(1)
    assert User.objects.get(username="levanan").check_password(password)


def test_a_sheet_without_the_email_column_is_read_with_no_emails(tay_son):
    book = Workbook()
    for row in (list(HEADERS[:-1]), NGUYEN_THI_HOA[:-1]):
        book.active.append(row)
    plan = account_import_plan(named(xlsx_bytes(book), "tai-khoan.xlsx"), scope=tay_son)
    assert [(row.username, row.email) for row in plan.created] == [("nguyenthihoa", "")]


def test_accounts_created_elsewhere_after_the_preview_leave_the_kept_file_nothing_to_create(staff, tay_son):
    kept = staff.get(upload(staff, sheet(LE_VAN_AN))["Location"]).context["kept"]
    assert staff.get(reverse("committee_import_preview", args=[kept.pk])).status_code == 404  # not a tree file
    User.objects.create_user("levanan", role="staff", committee=tay_son, first_name="An", last_name="Lê Văn")

    answer = staff.post(kept.save_url, follow=True)

    assert answer.redirect_chain == [(reverse("account_import"), 302)]
    assert messages_of(answer) == ["Tệp không có tài khoản mới nào để tạo: mọi tên đăng nhập đều đã có."]
    assert User.objects.filter(username="levanan").count() == 1
