import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


def still_there_on(day) -> Q:
    """The committees not yet dissolved or merged into another on ``day`` (a date, or an expression)."""
    return Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)


def existed_between(first, last) -> Q:
    """The committees that existed on some day from ``first`` to ``last`` (dates, or expressions such as
    ``OuterRef("starts_on")``): established by ``last``, not yet dissolved or merged on ``first``."""
    return (Q(established_on__isnull=True) | Q(established_on__lte=last)) & still_there_on(first)


class CommitteeQuerySet(MP_NodeQuerySet):
    def units_under(self, committee: "Committee") -> "CommitteeQuerySet":
        """The committees directly under ``committee``: the units that report to it."""
        return self.filter(path__startswith=committee.path, depth=committee.depth + 1)

    def still_there_on(self, day: datetime.date) -> "CommitteeQuerySet":
        return self.filter(still_there_on(day))


class CommitteeManager(MP_NodeManager.from_queryset(CommitteeQuerySet)):
    def get_queryset(self) -> CommitteeQuerySet:
        return CommitteeQuerySet(self.model, using=self._db).order_by("path")


class Committee(MP_Node):
    """A cấp ủy / tổ chức đảng: one node of a tree of any depth.

    The tree is a materialized path (django-treebeard), so a subtree is a
    single ``path LIKE 'prefix%'`` query on an indexed column.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh ủy, thành ủy")
        DISTRICT = "district", _("Huyện ủy, quận ủy, thị ủy")
        GRASSROOTS = "grassroots", _("Đảng bộ cơ sở")
        CELL = "cell", _("Chi bộ")

    class Locality(models.TextChoices):
        """The administrative unit a grassroots committee leads, if any."""

        NONE = "", _("không phải đơn vị hành chính")
        COMMUNE = "xã", _("xã")
        WARD = "phường", _("phường")
        TOWNSHIP = "thị trấn", _("thị trấn")

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Đảng ủy xã Tả Lèng"))
    short_name = models.CharField(
        _("tên ngắn"), max_length=100, blank=True, help_text=_("Khi liệt kê nhiều đơn vị cùng loại, ví dụ: Tả Lèng")
    )
    printed_name = models.CharField(_("tên in trên văn bản"), max_length=200, help_text=_("Ví dụ: HUYỆN ỦY TÂY SƠN"))
    superior_line = models.CharField(
        _("dòng cấp trên"),
        max_length=200,
        blank=True,
        help_text=_("In phía trên tên cơ quan ban hành, ví dụ: ĐẢNG BỘ TỈNH BÌNH ĐỊNH"),
    )
    abbreviation = models.CharField(
        _("ký hiệu văn bản"), max_length=20, blank=True, help_text=_("Ví dụ: HU trong 190-BC/HU")
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, blank=True, help_text=_("Dùng ở dòng ngày tháng, ví dụ: Tây Sơn")
    )
    locality = models.CharField(
        _("đơn vị hành chính"), max_length=10, choices=Locality.choices, blank=True, default=Locality.NONE
    )
    party_members = models.PositiveIntegerField(
        _("số đảng viên"), default=0, help_text=_("Đảng viên do chính tổ chức này quản lý")
    )
    non_member_staff = models.PositiveIntegerField(_("số CB-CC-VC-NLĐ chưa là đảng viên"), default=0)
    # How the committee's reports are closed: recipients and the signature block.
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, ví dụ: Ban Tuyên giáo Tỉnh ủy, … Lưu Văn phòng Huyện ủy."),
    )
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=100, default="T/M BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True, help_text=_("Ví dụ: BÍ THƯ"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    # Communes are merged, new units set up: a unit reports for the campaigns that ran while it existed.
    established_on = models.DateField(
        _("thành lập từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày thành lập, hợp nhất; để trống nếu đơn vị có từ trước các đợt học tập trong hệ thống"),
    )
    dissolved_on = models.DateField(
        _("giải thể, sáp nhập từ ngày"),
        null=True,
        blank=True,
        help_text=_("Từ ngày này đơn vị không còn: không phải báo cáo các đợt học tập bắt đầu từ ngày đó"),
    )

    objects = CommitteeManager()

    # Who changed a name, a count or the issuing details, and when.
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])

    class Meta:
        verbose_name = verbose_name_plural = _("cấp ủy, tổ chức đảng")
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gt=F("established_on")),
                name="committee_dissolved_after_established",
                violation_error_message=_("Ngày giải thể, sáp nhập phải sau ngày thành lập."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    def clean(self):
        """Dates that would add the unit to the units a signed report counted, or take it away, are refused."""
        from conferences.freezing import units_frozen  # the registry imports these models

        stored = Committee.objects.filter(pk=self.pk).only("path", "established_on", "dissolved_on").first()
        if stored is None:
            return
        if reason := units_frozen(stored.parent_path, stored, self):
            changed = [
                name for name in ("established_on", "dissolved_on") if getattr(stored, name) != getattr(self, name)
            ]
            raise ValidationError(dict.fromkeys(changed, reason), code="frozen")

    @property
    def lifetime(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.established_on, self.dissolved_on

    @property
    def parent_path(self) -> str | None:
        """The path of the committee above, None for a root."""
        return self.path[: -self.steplen] or None

    def existed_during(self, first: datetime.date, last: datetime.date) -> bool:
        """As ``existed_between``, for this committee."""
        return (self.established_on is None or self.established_on <= last) and (
            self.dissolved_on is None or self.dissolved_on > first
        )

    def subtree(self) -> CommitteeQuerySet:
        """This committee and everything under it, in tree order.

        One query on the indexed path: ``path LIKE '<this path>%'``.
        """
        return Committee.objects.filter(path__startswith=self.path)

    def ancestor_paths(self) -> list[str]:
        """The paths of this committee and every committee above it, root first."""
        step = self.steplen
        return [self.path[:end] for end in range(step, len(self.path) + 1, step)]
