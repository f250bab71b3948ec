"""Staff and leader accounts in Excel: the template filled with a subtree's accounts, and its import, all or nothing.

A row whose user name is new creates an account in its unit with a one-time password, changed at the first
sign-in (``accounts.services.account_create``). A row whose user name is stored for the same person (the same
full name, in a unit the uploader sees) is kept as it is, "đã có, bỏ qua": the sheet never changes a stored
account, and the preview names the columns where the sheet says otherwise, so nobody thinks they were applied.
A user name stored for anybody else is an error. Every error is told at once, by row and unit.

The scope is a committee's subtree, or None for the whole tree: an administrator's import, the only one that
may create leaders and administrators (the right to sign and to administer is the administrator's to give).
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import account_create
from conferences.models import Committee
from reporting.exports import XLSX_MIMETYPE, sheet_bytes
from reporting.results.import_reading import CellError, Formula, ImportRejected, checked_table, is_blank, read_cells
from reporting.results.upload_limits import MAX_CODE_CHARS, SheetFile

USERNAME, FULL_NAME, UNIT, ROLE, EMAIL = "Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò", "Thư điện tử"
HEADERS = (USERNAME, FULL_NAME, UNIT, ROLE, EMAIL)
# Typed from a printed slip: letters without accents, digits, and . _ - inside; never a formula's first sign.
USERNAME_CHARS = re.compile(r"[a-z0-9][a-z0-9._-]*")
MAX_USERNAME = 60
MAX_FULL_NAME = 150
MAX_EMAIL = 254


@dataclass
class AccountRow:
    number: int
    username: str
    full_name: str
    unit: Committee
    role: str
    email: str
    # The stored account the row names, kept as it is; None for a new one.
    account: User | None = None
    # For a stored account: the columns where the sheet says otherwise (not applied).
    differs: list[str] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return str(User.Role(self.role).label)


@dataclass
class AccountPlan:
    created: list[AccountRow]
    kept: list[AccountRow]

    @property
    def changes_nothing(self) -> bool:
        return not self.created


def account_template(accounts: QuerySet[User], *, for_user: User) -> tuple[str, str, bytes]:
    """(filename, mimetype, content): the template filled with the active ``accounts`` other than secretaries
    (they have their own button), its roles offered those ``for_user`` may give; imported back unchanged it
    creates nothing."""
    listed = (
        accounts.filter(is_active=True, committee__isnull=False)
        .exclude(role=User.Role.UNIT_SECRETARY)
        .select_related("committee")
        .order_by("committee__path", "username")
    )
    rows = (
        [
            str(value)
            for value in (user.username, user.get_full_name(), user.committee.code, user.get_role_display(), user.email)
        ]
        for user in listed
    )
    roles = {ROLE: [str(role.label) for role in User.Role if for_user.may_grant(role)]}
    return (
        "tai-khoan.xlsx",
        XLSX_MIMETYPE,
        sheet_bytes(_("Tài khoản"), HEADERS, rows, (24, 30, 28, 32, 32), choices=roles),
    )


def account_import(
    file: SheetFile, *, scope: Committee | None, dry_run: bool = False
) -> tuple[AccountPlan, list[tuple[User, str]]]:
    """What the file creates and keeps under ``scope``, and unless ``dry_run`` the accounts created with their
    one-time passwords (shown once, never stored); ImportRejected lists every error and nothing is written."""
    try:
        with transaction.atomic():
            plan = account_import_plan(file, scope=scope)
            created = [] if dry_run else [_create(row) for row in plan.created]
    except IntegrityError:
        # Another upload created one of these user names in the meantime.
        message = _("Có tên đăng nhập vừa được tạo trong lúc nhập: chưa tạo tài khoản nào, tải tệp lên lại.")
        raise ImportRejected([CellError(None, None, message)]) from None
    return plan, created


def account_import_plan(file: SheetFile, *, scope: Committee | None) -> AccountPlan:
    return checked_table(file, HEADERS, lambda rows: _Checker(rows, scope), optional=(EMAIL,))


def _create(row: AccountRow) -> tuple[User, str]:
    return account_create(
        username=row.username, role=row.role, committee=row.unit, full_name=row.full_name, email=row.email
    )


class _Checker:
    """Reads every row against the stored units and accounts and the other rows, keeping every error."""

    def __init__(self, rows: list[tuple[int, dict]], scope: Committee | None) -> None:
        self.rows, self.scope, self.errors = rows, scope, []
        codes = {_text(cells[UNIT]) for _number, cells in rows} - {""}
        self.units = {unit.code: unit for unit in Committee.objects.filter(code__in=codes)}
        usernames = {_text(cells[USERNAME]).lower() for _number, cells in rows} - {""}
        self.stored = {
            user.lowered: user
            for user in User.objects.annotate(lowered=Lower("username"))
            .filter(lowered__in=usernames)
            .select_related("committee")
        }

    def plan(self) -> AccountPlan:
        first_rows: dict[str, int] = {}
        plan = AccountPlan(created=[], kept=[])
        for number, cells in self.rows:
            row = self._row(number, cells, first_rows)
            if row is not None:
                (plan.created if row.account is None else plan.kept).append(row)
        return plan

    def _row(self, number: int, cells: dict, first_rows: dict[str, int]) -> AccountRow | None:
        values, problems = _values(cells)
        unit, unit_problem = self._unit(cells[UNIT])
        if unit_problem:
            problems.append((UNIT, unit_problem))
        username = values.get("username")
        if username:
            if username in first_rows:
                message = _("Tên đăng nhập “%(username)s” đã có ở dòng %(row)s.")
                problems.append((USERNAME, message % {"username": username, "row": first_rows[username]}))
            first_rows.setdefault(username, number)
        account = self.stored.get(username)
        full_name = values.get("full_name")
        if account is None and full_name == "":
            problems.append((FULL_NAME, _("Chưa có họ và tên.")))
        role = values.get("role")
        if account is None and role and role not in User.STAFF_GRANTS and self.scope is not None:
            message = _("Chỉ quản trị hệ thống mới tạo được tài khoản “%(label)s”.")
            problems.append((ROLE, message % {"label": User.Role(role).label}))
        if account is not None and full_name is not None and not self._same_person(account, full_name):
            message = _("Tên đăng nhập “%(username)s” đã có người khác dùng; chọn tên khác.")
            problems.append((USERNAME, message % {"username": username}))
        label = unit.name if unit else (_text(cells[UNIT])[:MAX_CODE_CHARS] or None)
        self.errors += [CellError(number, column, message, unit=label) for column, message in problems]
        if problems:
            return None
        row = AccountRow(number, unit=unit, account=account, **values)
        if account is not None:
            row.differs = _differences(row, account)
        return row

    def _unit(self, value: object) -> tuple[Committee | None, str | None]:
        """The row's unit if the uploader may give it accounts, else what is wrong."""
        if isinstance(value, Formula):
            return None, _("Không dùng công thức; ghi giá trị.")
        code = _text(value)
        if not code:
            return None, _("Chưa có mã đơn vị.")
        unit = self.units.get(code)
        if unit is not None and self._in_scope(unit):
            return unit, None
        if self.scope is None:
            return None, _("Mã đơn vị “%(code)s” không có trong cây cấp ủy.") % {"code": code[:MAX_CODE_CHARS]}
        # Unknown or another district's, in the same words: whether a code exists elsewhere is not told here.
        return None, _("Mã đơn vị “%(code)s” không thuộc %(scope)s.") % {
            "code": code[:MAX_CODE_CHARS],
            "scope": self.scope.name,
        }

    def _same_person(self, account: User, full_name: str) -> bool:
        """A stored account the row may name: in a unit the uploader sees, with the same full name (or none
        given: the template lists accounts still without a name)."""
        seen = account.committee is not None and self._in_scope(account.committee)
        return seen and (not full_name or _folded(account.get_full_name()) == _folded(full_name))

    def _in_scope(self, unit: Committee) -> bool:
        return self.scope is None or unit.path.startswith(self.scope.path)


def _values(cells: dict) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The row's fields that are right, by AccountRow field, and (column, message) for the others."""
    readers = {
        "username": (USERNAME, _username),
        "full_name": (FULL_NAME, _full_name),
        "role": (ROLE, _role),
        "email": (EMAIL, _email),
    }
    values, problems = read_cells(cells, readers)
    values.setdefault("email", "")  # the column left out
    return values, problems


def _username(value: object) -> str:
    username = _text(value).lower()
    if not username:
        raise ValueError(_("Chưa có tên đăng nhập."))
    if len(username) > MAX_USERNAME or not USERNAME_CHARS.fullmatch(username):
        message = _(
            "Tên đăng nhập “%(username)s” chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang và gạch "
            "dưới, bắt đầu bằng chữ cái hoặc chữ số, tối đa %(limit)d ký tự."
        )
        raise ValueError(message % {"username": username[:MAX_USERNAME], "limit": MAX_USERNAME})
    return username


def _full_name(value: object) -> str:
    """The name with its spacing mended; blank is told apart by the row: a new account needs one."""
    full_name = " ".join(_text(value).split())
    if len(full_name) > MAX_FULL_NAME:
        raise ValueError(_("Dài quá %(limit)d ký tự.") % {"limit": MAX_FULL_NAME})
    return full_name


def _role(value: object) -> str:
    """A stored role from its label as users see it ("Lãnh đạo"), whatever its case and spacing."""
    text = " ".join(_text(value).split())
    labels = {str(label).casefold(): role for role, label in User.Role.choices}
    role = labels.get(text.casefold())
    if role is not None:
        return role
    accepted = ", ".join(f"“{label}”" for _role, label in User.Role.choices)
    if not text:
        raise ValueError(_("Chưa ghi vai trò; chọn một trong: %(accepted)s.") % {"accepted": accepted})
    message = _("“%(value)s” không có trong danh sách vai trò; chọn một trong: %(accepted)s.")
    raise ValueError(message % {"value": text[:80], "accepted": accepted})


def _email(value: object) -> str:
    email = _text(value)
    if not email:
        return ""
    try:
        if len(email) > MAX_EMAIL:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise ValueError(_("Thư điện tử “%(email)s” không hợp lệ.") % {"email": email[:80]}) from None
    return email


def _differences(row: AccountRow, account: User) -> list[str]:
    """The columns where the sheet says otherwise than the stored account."""
    stored = {UNIT: account.committee_id, ROLE: account.role, EMAIL: account.email.casefold()}
    given = {UNIT: row.unit.pk, ROLE: row.role, EMAIL: row.email.casefold()}
    return [column for column in (UNIT, ROLE, EMAIL) if stored[column] != given[column]]


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
