from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person working in the system: one committee, one role."""

    committee = models.ForeignKey(
        "conferences.Committee",
        verbose_name=_("cấp ủy, tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
        PROPAGANDA_STAFF = "staff", _("Cán bộ Ban Tuyên giáo")
        UNIT_SECRETARY = "secretary", _("Bí thư, văn phòng cấp ủy đơn vị")
        LEADER = "leader", _("Lãnh đạo")

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.PROPAGANDA_STAFF)
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu khi đăng nhập"), default=False, help_text=_("Mật khẩu dùng một lần do cán bộ cấp")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Who may do what: every view, template and service asks these, never the role itself.
    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR

    @property
    def can_manage(self) -> bool:
        """Propaganda staff: campaigns, conferences, video-link sites, attendance, imports, report drafts."""
        return self.role in (self.Role.PROPAGANDA_STAFF, self.Role.ADMINISTRATOR)

    @property
    def can_review(self) -> bool:
        """Accept or return what units report."""
        return self.can_manage

    @property
    def can_sign(self) -> bool:
        """Sign and issue an approved report."""
        return self.role in (self.Role.LEADER, self.Role.ADMINISTRATOR)

    @property
    def can_read_figures(self) -> bool:
        """The dashboard, the report and their downloads."""
        return self.role in (self.Role.PROPAGANDA_STAFF, self.Role.LEADER, self.Role.ADMINISTRATOR)

    @property
    def can_edit_results(self) -> bool:
        """Enter and send one unit's results: its secretary, who sees that unit only."""
        return self.role == self.Role.UNIT_SECRETARY

    # What staff may give or take away: never the right to sign or to administer, which an administrator grants.
    STAFF_GRANTS = (Role.PROPAGANDA_STAFF, Role.UNIT_SECRETARY)

    @property
    def can_administer(self) -> bool:
        """Give the right to sign, start a committee's new term: the administrators (and superusers)."""
        return self.is_administrator or self.is_superuser

    def may_grant(self, role: str) -> bool:
        """Create an account with ``role``: an administrator any; staff a secretary's or another staff's."""
        return self.can_administer or (self.can_manage and role in self.STAFF_GRANTS)

    def may_close(self, account: "User") -> bool:
        """Close or reopen ``account`` (of their subtree, which the caller scopes): never one's own; a
        leader's or an administrator's only by an administrator."""
        return account.pk != self.pk and self.may_grant(account.role)

    @property
    def can_enter_action_documents(self) -> bool:
        """Action programmes and plans: staff for their subtree, a unit's secretary for that unit."""
        return self.can_manage or self.can_edit_results

    def get_full_name(self) -> str:
        """Vietnamese order: family name first (Cao Trang Trọng)."""
        return f"{self.last_name} {self.first_name}".strip()

    def set_full_name(self, full_name: str) -> None:
        """``full_name`` in the Vietnamese order: the last word is the given name, the words before the family's;
        each word begins with a capital, as names are written (giàng a páo: Giàng A Páo)."""
        *family, given = [_capitalised(word) for word in full_name.split()] or [""]
        self.first_name, self.last_name = given, " ".join(family)


def _capitalised(word: str) -> str:
    """The word with a capital first letter, where that letter has one of its own (ß, ﬃ keep theirs: a name
    never grows)."""
    first = word[:1].upper()
    return (first if len(first) == 1 else word[:1]) + word[1:]
