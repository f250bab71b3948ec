"""An upload previewed before it is saved, for the spreadsheets that set a district up (its committee tree, its
staff and leaders' accounts).

The upload page reads the file; one that has errors is refused with every error, one that changes something is
kept (``SetupUpload``, an hour) and its preview has a URL of its own, with a button that saves it: the same bytes
read again against what is stored by then, all or nothing. Nothing is written before that button.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.scoping import requires
from conferences.models import Committee
from reporting.models import SetupUpload
from reporting.results.forms import UploadForm
from reporting.results.import_reading import ImportRejected
from reporting.results.importing import EXPIRED
from reporting.results.refusals import first_errors


def import_scope(user: User) -> Committee | None:
    """The subtree the user may import into: the whole tree (None) for an administrator, else their committee's."""
    if user.can_administer:
        return None
    if user.committee is None:
        raise PermissionDenied
    return user.committee


@dataclass
class ReviewedImport:
    """One kind of setup spreadsheet: ``preview`` reads a file into the plan shown (writing nothing), ``save``
    writes it and answers; both raise ImportRejected with every error, which ``refused`` then heads.
    ``shown``: what else its page shows."""

    kind: SetupUpload.Kind
    template: str
    preview: Callable[[IO[bytes]], Any]
    save: Callable[[IO[bytes]], HttpResponse]
    refused: str
    shown: dict[str, Any] = field(default_factory=dict)

    def upload_page(self, request) -> HttpResponse:
        """The form; a posted file with errors shows them, one that changes nothing says so, any other is kept
        and its preview shown at its own URL."""
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._page(request, form=form)
        upload = form.cleaned_data["file"]
        try:
            plan = self.preview(upload)
        except ImportRejected as rejected:
            return self._refused(request, rejected)
        if plan.changes_nothing:
            return self._page(request, plan=plan)
        upload.seek(0)
        SetupUpload.clear_expired()
        SetupUpload.objects.filter(user=request.user, kind=self.kind).delete()  # one waiting file of a kind
        kept = SetupUpload.objects.create(
            user=request.user,
            kind=self.kind,
            file_name=Path(upload.name).name[-255:],
            content=upload.read(),  # within its bound: the preview above read it whole
        )
        return redirect(kept)

    def preview_page(self, request, pk) -> HttpResponse:
        """The kept file read again against what is stored now, with the button that saves it."""
        kept = self._kept(request, pk)
        if isinstance(kept, HttpResponse):
            return kept
        try:
            plan = self.preview(kept.file())
        except ImportRejected as rejected:
            kept.delete()
            return self._refused(request, rejected)
        return self._page(request, plan=plan, kept=kept)

    def save_kept(self, request, pk) -> HttpResponse:
        """Writes the kept file, all or nothing; it is used up either way, by one press only: of two at once, the
        one that does not delete it is answered as for a file used up."""
        kept = self._kept(request, pk)
        if isinstance(kept, HttpResponse):
            return kept
        file = kept.file()
        used_up, _by_model = SetupUpload.objects.filter(pk=kept.pk).delete()
        if not used_up:
            return self._kept(request, pk)  # the other press took it: gone
        try:
            return self.save(file)
        except ImportRejected as rejected:
            return self._refused(request, rejected, status=409)

    def _kept(self, request, pk) -> SetupUpload | HttpResponse:
        """The user's own kept file within its hour; else the answer that says it is gone (404: used up, replaced,
        or anyone else's, alike) or past its hour (back to the upload page)."""
        kept = SetupUpload.objects.filter(pk=pk, user=request.user, kind=self.kind).first()
        if kept is None:
            upload_url = reverse(f"{self.kind}_import")
            return render(request, "reporting/preview_gone.html", {"upload_url": upload_url}, status=404)
        if kept.is_expired:
            kept.delete()
            messages.error(request, str(EXPIRED))
            return redirect(f"{self.kind}_import")
        return kept

    def _refused(self, request, rejected: ImportRejected, *, status: int = 200) -> HttpResponse:
        errors, more = first_errors(rejected.errors)
        messages.error(request, self.refused)
        return self._page(request, errors=errors, more_errors=more, status=status)

    def _page(self, request, *, form=None, status: int = 200, **context) -> HttpResponse:
        context = {**self.shown, "form": form or UploadForm(), "errors": [], "more_errors": "", "plan": None, **context}
        return render(request, self.template, context, status=status)


def reviewed_import_views(build: Callable[[Any], ReviewedImport]) -> tuple[Callable, Callable, Callable]:
    """The upload page, the kept file's preview and its save action, for the staff who set a district up:
    ``build`` makes the import for the request's user."""

    @requires("can_manage")
    def upload_page(request):
        return build(request).upload_page(request)

    @requires("can_manage")
    def preview_page(request, pk):
        return build(request).preview_page(request, pk)

    @require_POST
    @requires("can_manage")
    def save_kept(request, pk):
        return build(request).save_kept(request, pk)

    return upload_page, preview_page, save_kept
