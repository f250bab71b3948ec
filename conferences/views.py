import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import requires
from conferences.forms import CampaignForm, ConferenceForm, DirectingDocumentFormSet, PreparationStepForm
from conferences.freezing import (
    RecordFrozen,
    campaign_frozen,
    conference_frozen,
    lock_form,
    mark_frozen,
    read_only,
    refuse,
    site_frozen,
)
from conferences.models import Conference, OnlineChannel, Supervision, VideoSite
from conferences.preparation import DAYS_BEFORE, applicable_steps, conference_checklist, preparation_step_set
from conferences.record_forms import OnlineChannelForm, SupervisionForm, VideoSiteForm
from conferences.selectors import (
    in_scope,
    visible_campaigns,
    visible_committees,
    visible_conferences,
    with_totals,
)
from conferences.services import (
    Plan,
    campaign_create,
    campaign_update,
    conference_create,
    conference_update,
    directing_documents_save,
)
from conferences.versioning import EditConflict, conflict_shown


@login_required
def campaign_list(request):
    campaigns = visible_campaigns(request.user).order_by("-starts_on")
    return render(request, "conferences/campaign_list.html", {"campaigns": campaigns})


@requires("can_manage")
def campaign_new(request):
    committees = visible_committees(request.user)
    form = CampaignForm(request.POST or None, committees=committees, initial={"committee": request.user.committee})
    if request.method == "POST" and form.is_valid():
        campaign = campaign_create(data=campaign_data(form), plan=typed_plan(form))
        messages.success(request, _("Đã tạo đợt học tập “%s”.") % campaign)
        return redirect("campaign_detail", code=campaign.code)
    return render(request, "conferences/campaign_form.html", {"form": form})


@requires("can_manage")
def campaign_edit(request, code):
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    committees = visible_committees(request.user)
    if not in_scope(request.user, campaign.committee_id):
        raise PermissionDenied(_("Đợt học tập do cấp trên chỉ đạo; chỉ cấp ủy chỉ đạo sửa được."))
    form = CampaignForm(request.POST or None, instance=campaign, committees=committees)
    locked = read_only(form, campaign_frozen(campaign))
    conflicts, status = [], 200
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(
                campaign=campaign,
                version=form.cleaned_data["version"] or 0,
                data=campaign_data(form),
                plan=typed_plan(form),
            )
        except EditConflict as conflict:
            conflicts, status = conflict_shown(request, form, conflict), 409
        except RecordFrozen as refused:
            locked, status = read_only(form, str(refused)), 409
        else:
            messages.success(request, _("Đã lưu đợt học tập “%s”.") % campaign)
            return redirect("campaign_detail", code=campaign.code)
    return render(
        request,
        "conferences/campaign_form.html",
        {"form": form, "campaign": campaign, "conflicts": conflicts, "locked": locked},
        status=status,
    )


@requires("can_manage")
def campaign_documents(request, code):
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    if not in_scope(request.user, campaign.committee_id):
        raise PermissionDenied(_("Đợt học tập do cấp trên chỉ đạo; chỉ cấp ủy chỉ đạo sửa được."))
    formset = DirectingDocumentFormSet(
        request.POST or None, queryset=campaign.directing_documents.order_by("issued_on", "pk")
    )
    locked, status = read_only(formset, campaign_frozen(campaign)), 200
    if request.method == "POST":
        try:
            if formset.is_valid():
                directing_documents_save(campaign=campaign, formset=formset)
                messages.success(request, _("Đã lưu văn bản chỉ đạo."))
                return redirect("campaign_detail", code=campaign.code)
            messages.error(request, _("Chưa lưu: kiểm tra các ô báo đỏ."))
        except RecordFrozen as refused:
            locked, status = read_only(formset, str(refused)), 409
    context = {"campaign": campaign, "formset": formset, "locked": locked}
    return render(request, "conferences/campaign_documents.html", context, status=status)


def campaign_data(form: CampaignForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if not form.fields[name].disabled}


def typed_plan(form: CampaignForm) -> Plan:
    data = form.cleaned_data
    return Plan(number=data["plan_number"], issued_on=data["plan_date"], subject=data["plan_subject"])


@login_required
def campaign_detail(request, code):
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    conferences = visible_conferences(request.user).filter(campaign=campaign)
    own = visible_committees(request.user).values("pk")
    can_manage = request.user.can_manage
    return render(
        request,
        "conferences/campaign_detail.html",
        {
            "campaign": campaign,
            "can_edit": can_manage and in_scope(request.user, campaign.committee_id),
            "conferences": with_totals(conferences, visible_committees(request.user))
            .select_related("host")
            .annotate(editable=Exists(own.filter(pk=OuterRef("host_id"))))
            .order_by("date"),
            "documents": campaign.directing_documents.all(),
            "resolutions": campaign.resolutions.all(),
        },
    )


def scoped_conference(request, pk) -> Conference:
    return get_object_or_404(visible_conferences(request.user).select_related("campaign", "host"), pk=pk)


@requires("can_manage")
def conference_new(request, code):
    campaign = get_object_or_404(visible_campaigns(request.user), code=code)
    form = ConferenceForm(request.POST or None, campaign=campaign, committees=visible_committees(request.user))
    locked, status = campaign_frozen(campaign), 200  # said above the form, which then has no button
    if request.method == "POST" and form.is_valid():
        try:
            conference = conference_create(
                campaign=campaign, data={name: form.cleaned_data[name] for name in form.Meta.fields}
            )
        except RecordFrozen as refused:
            locked, status = str(refused), 409
        else:
            messages.success(request, _("Đã tạo hội nghị."))
            return redirect("conference_detail", pk=conference.pk)
    context = {"form": form, "campaign": campaign, "locked": locked}
    return render(request, "conferences/conference_form.html", context, status=status)


def may_edit_conference(user, conference: Conference) -> bool:
    """The host's staff; for one hosted outside the tree (the centre), the staff of the campaign's committee."""
    return in_scope(user, conference.host_id or conference.campaign.committee_id)


@requires("can_manage")
def conference_edit(request, pk):
    conference = scoped_conference(request, pk)
    committees = visible_committees(request.user)
    if not may_edit_conference(request.user, conference):
        raise PermissionDenied(_("Hội nghị do cấp trên chủ trì; chỉ cấp ủy chủ trì sửa được."))
    campaign = conference.campaign
    form = ConferenceForm(request.POST or None, instance=conference, campaign=campaign, committees=committees)
    locked = read_only(form, conference_frozen(conference))
    conflicts, status = [], 200
    if request.method == "POST" and form.is_valid():
        try:
            conference_update(
                conference=conference,
                version=form.cleaned_data["version"] or 0,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                editable_sites=form.fields["sites"].queryset,
            )
        except EditConflict as conflict:
            conflicts, status = conflict_shown(request, form, conflict), 409
        except RecordFrozen as refused:
            locked, status = read_only(form, str(refused)), 409
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("conference_detail", pk=conference.pk)
    return render(
        request,
        "conferences/conference_form.html",
        {"form": form, "campaign": campaign, "conference": conference, "conflicts": conflicts, "locked": locked},
        status=status,
    )


@requires("can_manage")
def site_list(request):
    sites = VideoSite.objects.filter(committee__in=visible_committees(request.user)).select_related("committee")
    return render(request, "conferences/site_list.html", {"sites": sites.order_by("committee__path", "name")})


@requires("can_manage")
def site_form(request, pk=None):
    committees = visible_committees(request.user)
    site = get_object_or_404(VideoSite, pk=pk, committee__in=committees) if pk else None
    initial = {} if site else {"committee": request.user.committee}
    form = VideoSiteForm(request.POST or None, instance=site, initial=initial, committees=committees)
    if site is not None and (reason := site_frozen(site, [site.committee])):
        form.fields["committee"].disabled, form.fields["committee"].help_text = True, reason
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu điểm cầu “%s”.") % saved)
        return redirect("site_list")
    return render(request, "conferences/site_form.html", {"form": form, "site": site})


@requires("can_manage")
def supervision_list(request):
    supervisions = Supervision.objects.filter(committee__in=visible_committees(request.user))
    supervisions = mark_frozen(
        supervisions.select_related("committee", "unit"),
        owner="committee",
        day="held_on",
        committee=request.user.committee,
    )
    return render(request, "conferences/supervision_list.html", {"supervisions": supervisions})


@requires("can_manage")
def supervision_form(request, pk=None):
    return _record_form(request, SupervisionForm, pk=pk, owner="committee", back="supervision_list", day="held_on")


@requires("can_manage")
def channel_list(request):
    channels = OnlineChannel.objects.filter(owner__in=visible_committees(request.user)).select_related("owner")
    channels = mark_frozen(channels, owner="owner", day="counted_on", committee=request.user.committee)
    return render(request, "conferences/channel_list.html", {"channels": channels})


@requires("can_manage")
def channel_form(request, pk=None):
    return _record_form(request, OnlineChannelForm, pk=pk, owner="owner", back="channel_list", day="counted_on")


def _record_form(request, form_class, *, pk, owner: str, back: str, day: str | None = None):
    """Add or change a record of the user's scope (``owner`` names its committee), then back to the list; one a
    signed report counted (by its ``day``) is shown read-only."""
    committees = visible_committees(request.user)
    model = form_class._meta.model
    record = get_object_or_404(model, pk=pk, **{f"{owner}__in": committees}) if pk else None
    initial = {} if record else {owner: request.user.committee}
    form = form_class(request.POST or None, instance=record, initial=initial, committees=committees)
    locked = lock_form(form, record, owner=owner, day=day) if day else ""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu “%s”.") % saved)
        return redirect(back)
    title = model._meta.verbose_name
    context = {"form": form, "record": record, "title": title, "back": back, "locked": locked}
    return render(request, "conferences/record_form.html", context)


def preparing_committee(request, conference: Conference):
    """Whose preparation the page shows: the user's committee (a superuser without one: the host's)."""
    return request.user.committee or conference.host or conference.campaign.committee


@requires("can_manage")
def conference_detail(request, pk):
    conference = scoped_conference(request, pk)
    totals = with_totals(Conference.objects.filter(pk=conference.pk), visible_committees(request.user))
    conference.site_count, conference.delegates, conference.incidents = totals.values_list(
        "site_count", "delegates", "incidents"
    ).get()
    today = timezone.localdate()
    committee = preparing_committee(request, conference)
    items = conference_checklist(conference, committee)
    refused = _refused_step(request, conference, items)
    checklist = [
        (item, item.is_overdue(today), refused if refused and refused["step"] == item.step else None) for item in items
    ]
    sites = (
        conference.conference_sites.filter(site__committee__in=visible_committees(request.user))
        .select_related("site__committee")
        .order_by("site__committee__path")
    )
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "can_edit": may_edit_conference(request.user, conference),
            "checklist": checklist,
            "sites": sites,
            "today": today,
            # Held already: the day a step was done is asked for, not taken as today.
            "step_day": "" if conference.date < today else today,
            "locked": conference_frozen(conference),
        },
    )


# The session key keeping a refused step's date and why, to show again in that step's box.
REFUSED_STEP = "refused_preparation_step"


def _keep_refused_step(request, conference: Conference, form: PreparationStepForm, steps: dict) -> None:
    error = " ".join(message for errors in form.errors.values() for message in errors)
    step = form.data.get("step", "")
    if step not in steps:  # no box of its own on the page: said above it
        messages.error(request, error)
        return
    typed = re.sub(r"[^0-9/.-]", "", form.data.get("completed_on", ""))[:10]  # what a date can be written with
    request.session[REFUSED_STEP] = {"conference": conference.pk, "step": step, "completed_on": typed, "error": error}


def _refused_step(request, conference: Conference, items: list) -> dict | None:
    """The step refused a moment ago on this conference (kept by ``_keep_refused_step``), shown once in its own
    step's box; said above the list instead when that step shows no box (done meanwhile)."""
    refused = request.session.get(REFUSED_STEP)
    if not refused or refused["conference"] != conference.pk:
        return None
    del request.session[REFUSED_STEP]
    if any(item.step == refused["step"] and not item.is_done for item in items):
        return refused
    messages.error(request, refused["error"])
    return None


@require_POST
@requires("can_manage")
def conference_step(request, pk):
    conference = scoped_conference(request, pk)
    steps = {step: DAYS_BEFORE[step] for step in applicable_steps(conference)}
    form = PreparationStepForm(request.POST, steps=steps, conference_day=conference.date, today=timezone.localdate())
    try:
        if form.is_valid():
            preparation_step_set(
                conference=conference,
                committee=preparing_committee(request, conference),
                step=form.cleaned_data["step"],
                done=not form.cleaned_data["undo"],
                on=form.cleaned_data["completed_on"],
            )
        else:
            refuse(conference_frozen(conference))  # a lock is said first: no date typed would change it
            _keep_refused_step(request, conference, form, steps)
    except RecordFrozen as refused:
        messages.error(request, str(refused))
    return redirect("conference_detail", pk=conference.pk)
