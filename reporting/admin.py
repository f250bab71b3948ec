from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reporting.models import Organisation, OrganisationOutreach, UnitResult


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name"]


class OrganisationOutreachInline(admin.TabularInline):
    model = OrganisationOutreach
    extra = 0


@admin.register(UnitResult)
class UnitResultAdmin(SimpleHistoryAdmin):
    list_display = [
        "unit",
        "campaign",
        "status",
        "submitted_at",
        "party_members_attended",
        "party_members_total",
        "non_members_attended",
        "non_members_total",
    ]
    list_filter = ["status", "campaign"]
    list_select_related = ["unit", "campaign"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit", "campaign"]
    inlines = [OrganisationOutreachInline]


@admin.register(OrganisationOutreach)
class OrganisationOutreachAdmin(SimpleHistoryAdmin):
    list_display = ["result", "organisation", "sessions", "people"]
    list_filter = ["organisation"]
    list_select_related = ["result__unit", "result__campaign", "organisation"]
    autocomplete_fields = ["result"]
