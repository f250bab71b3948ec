"""The ``?committee=`` that every page of a campaign takes: whose subtree the page is about.

A code outside the user's scope, or not a code at all, is answered with 404,
as for anything the user may not see.
"""

from django import forms
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from conferences.models import Campaign, Committee
from conferences.selectors import visible_campaigns, visible_committees


class CommitteeFilterForm(forms.Form):
    committee = forms.SlugField(required=False, max_length=80)

    def __init__(self, data, *, committees):
        super().__init__(data)
        self.committees = committees

    def clean_committee(self) -> Committee | None:
        code = self.cleaned_data["committee"]
        if not code:
            return None
        committee = self.committees.filter(code=code).first()
        if committee is None:
            raise forms.ValidationError("unknown committee", code="invalid_choice")
        return committee


def campaign_and_committee(request: HttpRequest, code: str) -> tuple[Campaign, Committee]:
    """The campaign, and the committee in scope the page is about (the user's own by default)."""
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    form = CommitteeFilterForm(request.GET, committees=visible_committees(request.user))
    if not form.is_valid():
        raise Http404
    # Readers always hold a committee; a superuser without one sees the campaign's.
    return campaign, form.cleaned_data["committee"] or request.user.committee or campaign.committee


def page_url(view_name: str, campaign: Campaign, committee: Committee) -> str:
    """A campaign page about ``committee``, e.g. the dashboard to return to after a download."""
    return f"{reverse(view_name, args=[campaign.code])}?committee={committee.code}"
