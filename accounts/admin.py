from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "committee", "role", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    list_select_related = ["committee"]
    autocomplete_fields = ["committee"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ["committee", "role"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ["committee", "role"]}),
    ]
