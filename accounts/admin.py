from axes.admin import AccessAttemptAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
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
    # What a person may do comes from their role (User.can_…), never from Django's groups and permissions, whose
    # names are stored in English: they are not offered.
    fieldsets = [
        *(
            (title, {"fields": [field for field in options["fields"] if field not in ("groups", "user_permissions")]})
            for title, options in BaseUserAdmin.fieldsets
        ),
        (_("Đơn vị và vai trò"), {"fields": ["committee", "role"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ["committee", "role"]}),
    ]


# Roles, not groups, say who may do what (see UserAdmin.fieldsets).
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class SignInAttemptAdmin(AccessAttemptAdmin):
        """django-axes' failed sign-ins, its columns and action said in Vietnamese."""

        @admin.display(description=_("Hết hạn lúc"))
        def expiration(self, obj):
            return obj.expiration.expires_at if hasattr(obj, "expiration") else _("Chưa đặt")

        @admin.display(description=_("Trạng thái"))
        def status(self, obj):
            left = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
            return _("Còn %(left)d lần thử") % {"left": left} if left > 0 else _("Bị khóa")

        @admin.action(description=_("Xóa các lượt thử đã hết hạn"))
        def cleanup_expired_attempts(self, request, queryset):
            request.axes_attempt_time = None  # axes counts the cool-off from a sign-in's time; here, from now
            count = self.handler.clean_expired_user_attempts(request=request)
            self.message_user(request, _("Đã xóa %(count)d lượt thử đã hết hạn.") % {"count": count})
