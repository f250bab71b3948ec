"""The pages of action programmes and plans: staff enter those of any unit of their scope, a unit's
secretary those of their own unit."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.scoping import requires
from conferences.action_document_forms import ActionDocumentFilterForm, ActionDocumentForm
from conferences.action_documents.services import save_action_document
from conferences.freezing import lock_form, mark_frozen
from conferences.selectors import (
    action_document_tally,
    visible_action_documents,
    visible_campaigns,
    visible_committees,
)
from conferences.similarity import COPIED_PERCENT


@requires("can_enter_action_documents")
def action_document_list(request):
    campaigns = visible_campaigns(request.user).order_by("-starts_on")
    filter_form = ActionDocumentFilterForm(request.GET or None, campaigns=campaigns)
    documents = filter_form.filter_qs(visible_action_documents(request.user))
    context = {
        "filter_form": filter_form,
        "documents": mark_frozen(
            documents.select_related("unit", "campaign"),
            owner="unit",
            day="issued_on",
            committee=request.user.committee,
        ),
        "tally": action_document_tally(documents),
        "copied_percent": COPIED_PERCENT,
    }
    return render(request, "conferences/action_documents/list.html", context)


@requires("can_enter_action_documents")
def action_document_form(request, pk=None):
    user = request.user
    document = get_object_or_404(visible_action_documents(user), pk=pk) if pk else None
    form = ActionDocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=document,
        initial={} if document else {"unit": user.committee},
        committees=visible_committees(user),
        campaigns=visible_campaigns(user),
        unit_fixed=user.can_edit_results,
    )
    locked = lock_form(form, document, owner="unit", day="issued_on")
    if request.method == "POST" and form.is_valid():
        saved = save_action_document(document=form.save(commit=False), user=user)
        messages.success(request, _("Đã lưu “%s”.") % saved)
        return redirect("action_document_list")
    context = {"form": form, "document": document, "locked": locked}
    return render(request, "conferences/action_documents/form.html", context)
