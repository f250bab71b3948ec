"""What the site answers for itself, outside any page."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """The icon a browser asks for where no page names it (a PDF shown in a tab of its own). Resolved when asked:
    in production the static files' manifest exists only once they are collected."""
    return redirect(static("img/favicon.svg"), permanent=True)
