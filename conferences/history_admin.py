from django.contrib.admin import helpers
from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """A record's history, to read: a past version is shown, never restored. Restoring saves the old version
    through a form that passes by the admin's own locks and the rules of the pages (versions, figures), so a
    figure a signed report counted could come back changed."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        if shown := context.get("adminform"):  # a past version: every field as text, none to type in
            fieldsets = self.get_fieldsets(request, context["original"])
            context["adminform"] = helpers.AdminForm(
                shown.form, fieldsets, {}, readonly_fields=list(shown.form.fields), model_admin=self
            )
        return super().render_history_view(request, template, context, **kwargs)
