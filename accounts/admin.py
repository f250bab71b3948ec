from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django appends its warning to this help text untranslated; here it is said in the catalogue's words.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Mật khẩu hiện tại của người dùng này cũng sẽ mất."),
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
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
