"""The page for a request the server cannot read (400).

Django's own is wrapped in its CSRF check, which reads the form again: a body
Django refuses to read (a form not in UTF-8) then fails while the page is drawn,
and the visitor gets the server's bare error instead of ours.
"""

from django.shortcuts import render


def bad_request(request, exception):
    return render(request, "400.html", status=400)
