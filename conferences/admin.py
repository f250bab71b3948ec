from django.contrib import admin, messages
from django.db import models as django_models
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from conferences import models
from conferences.action_documents.services import save_action_document
from conferences.choice_fields import key_or_none
from conferences.figure_rules import ATTENDANCE_RULES, FigureRulesForm
from conferences.freezing import (
    attendance_frozen,
    campaign_frozen,
    conference_frozen,
    frozen_units,
    move_frozen,
    preparation_frozen,
    record_frozen,
    resolution_frozen,
    units_frozen,
)
from conferences.history_admin import HistoryAdmin
from conferences.models.committees import still_there_on


class DissolvedFilter(admin.SimpleListFilter):
    title = _("còn hoạt động")
    parameter_name = "giai_the"

    def lookups(self, request, model_admin):
        return [("khong", _("Còn hoạt động")), ("co", _("Đã giải thể, sáp nhập"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "khong":
            return queryset.still_there_on(today)
        if self.value() == "co":
            return queryset.exclude(still_there_on(today))
        return queryset


class CommitteeForm(movenodeform_factory(models.Committee, exclude=["path", "depth", "numchild"])):
    def clean(self):
        """A unit added or moved may not change what a signed report counted (a date changed in place is the
        model's to check)."""
        data = super().clean()
        parent = _parent_path(data.get("treebeard_ref_node"), data.get("treebeard_position"))
        if self.instance._state.adding:
            after = models.Committee(established_on=data.get("established_on"), dissolved_on=data.get("dissolved_on"))
            reason = units_frozen(parent, None, after)
        else:
            reason = move_frozen(self.instance, parent)
        if reason:
            self.add_error("treebeard_ref_node", reason)
        return data


def _parent_path(reference: models.Committee | None, position: str | None) -> str | None:
    """Where the admin's "Vị trí" and "So với" put a committee: the path of the committee above it."""
    if reference is None:
        return None
    return reference.path if position in ("first-child", "sorted-child") else reference.parent_path


@admin.register(models.Committee)
class CommitteeAdmin(TreeAdmin):
    """The tree; a unit whose place a signed report counted is neither dragged elsewhere nor deleted."""

    form = CommitteeForm
    list_display = [
        "name",
        "code",
        "kind",
        "abbreviation",
        "party_members",
        "non_member_staff",
        "established_on",
        "dissolved_on",
    ]
    list_filter = ["kind", DissolvedFilter]
    search_fields = ["name", "code", "short_name"]

    def has_delete_permission(self, request, obj=None):
        return not (obj and units_frozen(obj.parent_path, obj, None)) and super().has_delete_permission(request, obj)

    def move_node(self, request):
        """The list's drag and drop: refused, with the reason, where the form would refuse the same move."""
        node = models.Committee.objects.filter(pk=key_or_none(request.POST.get("node"))).first()
        target = models.Committee.objects.filter(pk=key_or_none(request.POST.get("target"))).first()
        if node is None or target is None:  # what is checked is what moves: no other spelling of a key reaches it
            messages.error(request, _("Không tìm thấy đơn vị cần chuyển hoặc nơi chuyển đến; tải lại trang."))
            return HttpResponseBadRequest()
        parent = target.path if request.POST.get("relation") == "child" else target.parent_path
        if reason := move_frozen(node, parent):
            messages.error(request, reason)
            return HttpResponseBadRequest(reason)
        return super().move_node(request)


@admin.register(models.VideoSite)
class VideoSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "hall", "screens", "active"]
    list_filter = ["active"]
    list_select_related = ["committee"]
    search_fields = ["name", "hall", "committee__name"]
    autocomplete_fields = ["committee"]


class FrozenRead:
    """An admin shown read-only for the records ``frozen(obj)`` names (a signed document counted or quotes them);
    an inline asks of its parent, and then takes no new row either."""

    @staticmethod
    def frozen(obj) -> str:
        return ""

    def has_change_permission(self, request, obj=None):
        return not (obj and self.frozen(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and self.frozen(obj)) and super().has_delete_permission(request, obj)


@admin.register(models.Resolution)
class ResolutionAdmin(FrozenRead, admin.ModelAdmin):
    frozen = staticmethod(resolution_frozen)

    list_display = ["number", "kind", "issued_on", "term", "plenum", "title"]
    list_filter = ["kind", "term"]
    search_fields = ["number", "title"]


class FrozenInlineRead(FrozenRead):
    def has_add_permission(self, request, obj=None):
        return not (obj and self.frozen(obj)) and super().has_add_permission(request, obj)


class DirectingDocumentInline(FrozenInlineRead, admin.TabularInline):
    model = models.DirectingDocument
    extra = 0
    frozen = staticmethod(campaign_frozen)


@admin.register(models.Campaign)
class CampaignAdmin(FrozenRead, admin.ModelAdmin):
    list_display = ["code", "name", "committee", "starts_on", "ends_on", "reporting_deadline"]
    list_select_related = ["committee"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["committee"]
    filter_horizontal = ["resolutions"]
    inlines = [DirectingDocumentInline]
    frozen = staticmethod(campaign_frozen)


class ConferenceSiteInline(admin.TabularInline):
    model = models.ConferenceSite
    extra = 0
    autocomplete_fields = ["site"]

    def has_change_permission(self, request, obj=None):
        """``obj`` is the conference: its sites are read-only once a signed document counted any of them."""
        sites = obj.conference_sites.select_related("site__committee") if obj else []
        frozen = obj and frozen_units(obj, [conference_site.site.committee for conference_site in sites])
        return not frozen and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)


class PreparationStepInline(admin.TabularInline):
    model = models.PreparationStep
    extra = 0


@admin.register(models.Conference)
class ConferenceAdmin(FrozenRead, admin.ModelAdmin):
    frozen = staticmethod(conference_frozen)
    list_display = ["title", "date", "level", "format", "host", "campaign"]
    list_filter = ["level", "format", "campaign"]
    list_select_related = ["host", "campaign"]
    search_fields = ["title"]
    date_hierarchy = "date"
    autocomplete_fields = ["campaign", "host"]
    inlines = [ConferenceSiteInline, PreparationStepInline]


class AbsenteeInline(FrozenInlineRead, admin.TabularInline):
    model = models.Absentee
    extra = 0
    frozen = staticmethod(attendance_frozen)


@admin.register(models.Attendance)
class AttendanceAdmin(HistoryAdmin):
    form = FigureRulesForm.for_admin(ATTENDANCE_RULES)
    list_display = [
        "conference",
        "unit",
        "site",
        "party_members_attended",
        "party_members_expected",
        "non_members_attended",
        "non_members_expected",
        "others",
    ]
    list_filter = ["conference__campaign"]
    list_select_related = ["conference", "unit", "site"]
    search_fields = ["unit__name", "conference__title"]
    autocomplete_fields = ["conference", "unit", "site"]
    inlines = [AbsenteeInline]

    def has_change_permission(self, request, obj=None):
        """Attendance a signed document counted is shown read-only."""
        return not (obj and frozen_units(obj.conference, [obj.unit])) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and frozen_units(obj.conference, [obj.unit])) and super().has_delete_permission(request, obj)


@admin.register(models.DirectingDocument)
class DirectingDocumentAdmin(FrozenRead, admin.ModelAdmin):
    @staticmethod
    def frozen(obj) -> str:
        return campaign_frozen(obj.campaign)

    def has_add_permission(self, request):
        return False  # added under its campaign, which refuses a new one once a signed report quotes them

    list_display = ["number", "kind", "issued_on", "issuer", "campaign", "from_superior"]
    list_filter = ["kind", "from_superior"]
    list_select_related = ["campaign"]
    search_fields = ["number", "subject"]
    autocomplete_fields = ["campaign"]


@admin.register(models.ConferenceSite)
class ConferenceSiteAdmin(HistoryAdmin):
    list_display = ["site", "conference", "line_test", "sound_lost", "picture_lost"]
    list_filter = ["line_test", "sound_lost", "picture_lost"]
    list_select_related = ["site__committee", "conference"]
    search_fields = ["site__name", "conference__title"]
    autocomplete_fields = ["conference", "site"]

    def has_change_permission(self, request, obj=None):
        """A site's line test and incidents a signed document counted are shown read-only."""
        return not _site_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _site_frozen(obj) and super().has_delete_permission(request, obj)


def _site_frozen(obj) -> bool:
    return bool(obj and frozen_units(obj.conference, [obj.site.committee]))


@admin.register(models.PreparationStep)
class PreparationStepAdmin(FrozenRead, admin.ModelAdmin):
    frozen = staticmethod(preparation_frozen)
    list_display = ["conference", "step", "completed_on"]
    list_filter = ["step"]
    list_select_related = ["conference"]
    autocomplete_fields = ["conference"]


@admin.register(models.Absentee)
class AbsenteeAdmin(FrozenRead, HistoryAdmin):
    @staticmethod
    def frozen(obj) -> str:
        return attendance_frozen(obj.attendance)

    def has_add_permission(self, request):
        return False  # added under its attendance, which takes none once a signed document counted it

    list_display = ["name", "position", "is_party_member", "reason", "attendance"]
    list_select_related = ["attendance__unit", "attendance__conference"]
    search_fields = ["name", "position"]
    autocomplete_fields = ["attendance"]


@admin.register(models.Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["committee", "name", "starts_on", "ends_on"]
    list_select_related = ["committee"]
    autocomplete_fields = ["committee"]


class CountedRecordAdmin(HistoryAdmin):
    """A record a signed report counted (``counted_by``: its committee and its day) is read-only, and stays."""

    counted_by: tuple[str, str]

    def _frozen(self, obj) -> bool:
        owner, day = self.counted_by
        return bool(obj and record_frozen(getattr(obj, owner), getattr(obj, day)))

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(models.Supervision)
class SupervisionAdmin(CountedRecordAdmin):
    counted_by = ("committee", "held_on")
    list_display = ["held_on", "unit", "committee", "subject"]
    list_select_related = ["unit", "committee"]
    search_fields = ["unit__name", "subject"]
    autocomplete_fields = ["unit", "committee"]


@admin.register(models.OnlineChannel)
class OnlineChannelAdmin(CountedRecordAdmin):
    counted_by = ("owner", "counted_on")
    formfield_overrides = {django_models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "owner", "members", "counted_on"]
    list_select_related = ["owner"]
    search_fields = ["name"]
    autocomplete_fields = ["owner"]


@admin.register(models.ActionDocument)
class ActionDocumentAdmin(CountedRecordAdmin):
    counted_by = ("unit", "issued_on")
    list_display = ["unit", "kind", "number", "issued_on", "title", "similarity"]
    list_select_related = ["unit"]
    list_filter = ["kind"]
    search_fields = ["unit__name", "number", "title"]
    autocomplete_fields = ["unit", "campaign"]

    def save_model(self, request, obj, form, change):
        # The overlap with the superior's plan is computed by the one save every page uses.
        obj._history_user = request.user
        save_action_document(document=obj, user=request.user)
