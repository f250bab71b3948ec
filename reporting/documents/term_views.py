"""Term reports in the browser: the list of a user's committees' reports over a period, and starting one.

Everything done on a term report after it starts (edit, approve, sign …) goes
through the report views, which serve both kinds.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import requires, scoped
from conferences.selectors import visible_committees
from reporting.documents.forms import TermReportForm
from reporting.documents.term_reports import (
    default_request,
    open_term_report,
    signed_overlapping,
    signed_term_report,
    term_report_start,
)
from reporting.documents.workflow import REQUEST_FIELDS
from reporting.figures.term import Period
from reporting.models import Report


@requires("can_read_figures")
def term_report_list(request):
    reports = scoped(
        Report.objects.filter(campaign=None).select_related("committee", "number"), request.user, "committee"
    ).order_by("-period_ends_on", "committee__path", "-created_at")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "reporting/documents/term_reports.html", {"reports": page, "page": page})


PER_PAGE = 50


def overlap_notice(signed) -> str:
    return _(
        "Thời gian này trùng một phần với báo cáo số %(number)s đã ký (%(first)s – %(last)s). Nếu báo cáo đó cần "
        "sửa, mở đính chính báo cáo đó thay vì lập báo cáo mới."
    ) % {
        "number": signed.number.label,
        "first": f"{signed.period_starts_on:%d/%m/%Y}",
        "last": f"{signed.period_ends_on:%d/%m/%Y}",
    }


@require_http_methods(["GET", "POST"])
@requires("can_manage")
def term_report_new(request):
    """Staff choose the period and the request the report answers; the draft is written from the data."""
    committees = visible_committees(request.user).order_by("path")
    initial = {"committee": request.user.committee}
    form = TermReportForm(request.POST or None, committees=committees, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = Period(data["committee"], data["period_starts_on"], data["period_ends_on"])
        existing = open_term_report(period)
        signed = signed_term_report(period)
        if existing is None and signed is not None:
            messages.error(
                request,
                _("Thời gian này đã có báo cáo số %s đã ký; muốn sửa, mở đính chính báo cáo đó.") % signed.number.label,
            )
            return redirect("term_report", pk=signed.pk)
        request_fields = {field: data[field] for field in REQUEST_FIELDS if data.get(field) not in (None, "")}
        report = existing or term_report_start(period=period, request=request_fields or default_request(period))
        if existing:
            messages.info(request, _("Đã có dự thảo báo cáo cho thời gian này; mở dự thảo đó."))
        else:
            messages.success(request, _("Đã lập dự thảo báo cáo từ số liệu."))
        if overlapping := signed_overlapping(period):
            messages.warning(request, overlap_notice(overlapping))
        return redirect("term_report", pk=report.pk)
    return render(request, "reporting/documents/term_report_new.html", {"form": form})
