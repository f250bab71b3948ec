from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node


class Committee(MP_Node):
    """A cấp ủy / tổ chức đảng: one node of a tree of any depth.

    The tree is a materialized path (django-treebeard), so a subtree is a
    single ``path LIKE 'prefix%'`` query on an indexed column.
    """

    class Locality(models.TextChoices):
        """The administrative unit a grassroots committee leads, if any."""

        NONE = "", _("không phải đơn vị hành chính")
        COMMUNE = "xã", _("xã")
        WARD = "phường", _("phường")
        TOWNSHIP = "thị trấn", _("thị trấn")

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh ủy, thành ủy")
        DISTRICT = "district", _("Huyện ủy, quận ủy, thị ủy")
        GRASSROOTS = "grassroots", _("Đảng bộ cơ sở")
        CELL = "cell", _("Chi bộ")

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Đảng ủy xã Tả Lèng"))
    short_name = models.CharField(
        _("tên ngắn"),
        max_length=100,
        blank=True,
        help_text=_("Dùng khi liệt kê nhiều đơn vị cùng loại, ví dụ: Tả Lèng"),
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

    # Who changed a name, a count or the issuing details, and when.
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])

    class Meta:
        verbose_name = verbose_name_plural = _("cấp ủy, tổ chức đảng")

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    def subtree(self) -> models.QuerySet["Committee"]:
        """This committee and everything under it, in tree order.

        One query on the indexed path: ``path LIKE '<this path>%'``.
        """
        return Committee.objects.filter(path__startswith=self.path)

    def ancestor_paths(self) -> list[str]:
        """The paths of this committee and every committee above it, root first."""
        step = self.steplen
        return [self.path[:end] for end in range(step, len(self.path) + 1, step)]
