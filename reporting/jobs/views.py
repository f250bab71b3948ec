"""The pages that follow a background job: its page, its status as JSON, its file.

Only the person who started a job sees it; anyone else gets 404, as for
anything outside their scope.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from reporting.exports import attachment
from reporting.filters import campaign_and_committee, page_url
from reporting.jobs.services import EXPORTERS, SIGN, VERBOSE_NAMES, job_give_up_if_stalled
from reporting.jobs.tasks import job_start
from reporting.models import ExportJob

Status = ExportJob.Status


def export_response(request, *, kind: str, arguments: dict[str, str | int], return_url: str) -> HttpResponse:
    """Starts the export as a job. The page's button (POST) goes to the job's page; a direct
    link (GET) gets the file itself when it is ready at once (inline mode), else the job's page."""
    job = job_start(user=request.user, kind=kind, arguments=arguments, return_url=return_url)
    if request.method == "GET" and job.status == Status.DONE:
        return _file(job)
    return redirect(job)


def _file(job: ExportJob) -> HttpResponse:
    """The job's file: saved, or shown in the browser where its exporter says so (a preview)."""
    exporter = EXPORTERS.get(job.kind)
    return attachment(
        job.filename, job.mimetype, bytes(job.content), shown=bool(exporter and exporter.shown_in_browser)
    )


def campaign_export(request, code: str, *, kind: str, back_to: str) -> HttpResponse:
    """An export of a campaign under the committee the page is about; the job's page leads back to ``back_to``."""
    campaign, committee = campaign_and_committee(request, code)
    return export_response(
        request,
        kind=kind,
        arguments={"campaign": campaign.code, "committee": committee.code},
        return_url=page_url(back_to, campaign, committee),
    )


def _own_job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.defer("content"), pk=pk, user=request.user)
    job_give_up_if_stalled(job)  # never a page that waits for ever
    return job


@login_required
def job_page(request, pk):
    job = _own_job(request, pk)
    return render(
        request,
        "reporting/jobs/job.html",
        {
            "job": job,
            "title": VERBOSE_NAMES.get(job.kind, job.kind),
            "signed_report": job.arguments.get("report") if job.kind == SIGN and job.status == Status.DONE else None,
        },
    )


@login_required
def job_status(request, pk):
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "finished": job.is_finished,
            "progress": job.progress,
            "error": job.error,
            "download_url": reverse("job_download", args=[job.pk]) if job.filename else None,
        }
    )


@login_required
def job_download(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    if job.status != Status.DONE or not job.filename:
        raise Http404
    return _file(job)
