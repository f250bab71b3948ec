"""What every response goes through on its way out."""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render

# What the site answers to: a link gets, a form posts. PUT, DELETE, PATCH, TRACE … reach no view.
METHODS = ("GET", "HEAD", "POST")


class MethodNotAllowedPage:
    """A wrong method (a GET on an action's URL, a method the site never uses) answers with a page in the site's
    layout, not an empty 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request) if request.method in METHODS else HttpResponseNotAllowed(METHODS)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


class SecurityHeaders:
    """Headers every response carries: Permissions-Policy; and no copy of a downloaded file kept anywhere.

    A download (a signed PDF, a workbook) is marked by its Content-Disposition; `private, no-store`
    keeps it out of shared caches, the proxy's included, and out of the browser's disk cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if response.has_header("Content-Disposition"):
            response["Cache-Control"] = "private, no-store"
        return response
