"""Background work the browser follows: any export, or the signing, run as a job.

Every export keeps pretix's contract, so the queue runs them unchanged: the
job stores the exporter's identifier and the codes and ids it is built from
(never objects), the worker looks the objects up again and calls
``render()``. The outcome, file or Vietnamese error, is kept on the job.
"""

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from conferences.models import Campaign, Committee
from reporting.documents.exports import ReportDocxExporter, ReportPdfExporter
from reporting.documents.keys import KeyRefused
from reporting.documents.numbering import NumberingError
from reporting.documents.term_reports import TermReportExporter
from reporting.documents.workflow import ReportStateError, report_sign
from reporting.exports import Exporter
from reporting.figures.dashboard import DashboardExporter
from reporting.models import Report, ResultImport, SetupUpload
from reporting.models.jobs import ExportJob
from reporting.results.template import FilledResultsTemplateExporter, ResultsTemplateExporter

logger = logging.getLogger(__name__)
Status = ExportJob.Status

EXPORTERS: dict[str, type[Exporter]] = {
    exporter.identifier: exporter
    for exporter in (
        ReportPdfExporter,
        ReportDocxExporter,
        TermReportExporter,
        DashboardExporter,
        ResultsTemplateExporter,
        FilledResultsTemplateExporter,
    )
}
SIGN = "report_sign"
VERBOSE_NAMES: dict[str, str | Promise] = {
    **{identifier: exporter.verbose_name for identifier, exporter in EXPORTERS.items()},
    SIGN: gettext_lazy("Ký số và ban hành báo cáo"),
}
# How each stored argument becomes the object the exporter is built with.
LOOKUPS: dict[str, tuple[type[Model], str]] = {
    "campaign": (Campaign, "code"),
    "committee": (Committee, "code"),
    "report": (Report, "pk"),
}
# Errors whose message is written for the person, in Vietnamese; anything else is a fault to log.
EXPECTED_ERRORS = (ReportStateError, NumberingError, KeyRefused)
KEPT_FOR = datetime.timedelta(days=7)
# Longer than any job may run (Celery stops one at CELERY_TASK_TIME_LIMIT) or should wait for a worker: a job
# queued this long, or running this long, is worked on by nobody (its worker was stopped, or none runs) and is
# given up rather than left spinning.
GIVEN_UP_AFTER = datetime.timedelta(minutes=15)


def job_create(*, user: User, kind: str, arguments: dict[str, str | int], return_url: str = "") -> ExportJob:
    """A queued job for ``kind`` (an exporter's identifier or ``SIGN``); ``tasks.job_start`` hands it on."""
    if kind not in VERBOSE_NAMES or set(arguments) - set(LOOKUPS):
        raise ValueError(f"Unknown job {kind} {sorted(arguments)}")
    return ExportJob.objects.create(
        user=user, kind=kind, arguments=arguments, return_url=return_url, progress=_("Đang chờ xử lý…")
    )


def job_run(*, job_id: str) -> None:
    """Runs a queued job once and records its outcome; never raises for the job's own failure."""
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None:
        return  # cleared away meanwhile
    # Claimed in one UPDATE: a message the broker delivers twice runs once.
    if not ExportJob.objects.filter(pk=job.pk, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=_running_text(job.kind), started_at=timezone.now()
    ):
        return
    try:
        with transaction.atomic():
            objects = {name: _lookup(name, value) for name, value in job.arguments.items()}
            outcome = _sign(job, **objects) if job.kind == SIGN else _export(job, **objects)
    except ObjectDoesNotExist:
        _fail(job, _("Không tìm thấy dữ liệu cần xử lý; có thể đã bị xóa."))
    except EXPECTED_ERRORS as error:
        _fail(job, str(error))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("Không thực hiện được do lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống."))
    else:
        _save(job, status=Status.DONE, finished_at=timezone.now(), error="", **outcome)


def jobs_delete_old() -> int:
    """Jobs and their files are kept a week: long enough to download, short enough not to pile up."""
    deleted, _by_model = ExportJob.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted


def job_give_up_if_stalled(job: ExportJob) -> None:
    """Fails ``job`` if it waited in the queue, or has run, longer than ``GIVEN_UP_AFTER``, telling the person so.
    Only such a job is written, in one UPDATE that asks the same: a job a worker has just picked up is left to it."""
    limit = timezone.now() - GIVEN_UP_AFTER
    if job.is_finished or (job.started_at or job.created_at) >= limit:
        return
    fields = {
        "status": Status.FAILED,
        "progress": "",
        "finished_at": timezone.now(),
        "error": _(
            "Việc này chưa xong sau %(minutes)d phút nên đã dừng: máy xử lý nền có thể đã ngừng hoặc đang quá tải. "
            "Hãy thử lại; nếu vẫn không được, báo quản trị hệ thống."
        )
        % {"minutes": GIVEN_UP_AFTER.seconds // 60},
    }
    waited = Q(status=Status.QUEUED, created_at__lt=limit)
    ran = Q(status=Status.RUNNING) & (Q(started_at__lt=limit) | Q(started_at__isnull=True, created_at__lt=limit))
    if ExportJob.objects.filter(waited | ran, pk=job.pk).update(**fields):
        for name, value in fields.items():
            setattr(job, name, value)
    else:
        job.refresh_from_db()


def previews_delete_expired() -> int:
    """Uploads kept for their uploader to confirm (results, the tree, accounts: names and e-mail addresses) are
    gone an hour after, confirmed or not."""
    return ResultImport.clear_expired() + SetupUpload.clear_expired()


def _lookup(name: str, value: str | int) -> Model:
    model, field = LOOKUPS[name]
    return model._default_manager.get(**{field: value})


def _export(job: ExportJob, **objects: Model) -> dict:
    filename, mimetype, content = EXPORTERS[job.kind](**objects).render()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": content,
        "progress": _("Đã tạo xong tệp %s.") % filename,
    }


def _sign(job: ExportJob, *, report: Report) -> dict:
    signed = report_sign(report=report, user=job.user)
    return {"progress": _("Đã ký ban hành báo cáo số %s.") % signed.number.label}


def _running_text(kind: str) -> str:
    if kind == SIGN:
        return _("Đang cấp số, tạo PDF và ký số…")
    return _("Đang tạo “%s”…") % VERBOSE_NAMES[kind]


def _fail(job: ExportJob, message: str) -> None:
    _save(job, status=Status.FAILED, error=message, progress="", finished_at=timezone.now())


def _save(job: ExportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))
