from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scoping import STAFF, role_required
from reporting.results_import import ImportRejected, import_results
from reporting.results_template import ResultsTemplateExporter
from reporting.views.dashboard import campaign_and_committee
from reporting.views.downloads import attachment


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))


@role_required(*STAFF)
def results_template(request, code):
    campaign, committee = campaign_and_committee(request, code)
    return attachment(*ResultsTemplateExporter(campaign=campaign, committee=committee).render())


@role_required(*STAFF)
def results_import(request, code):
    campaign, committee = campaign_and_committee(request, code)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = import_results(
                file=form.cleaned_data["file"], campaign=campaign, committee=committee, user=request.user
            )
        except ImportRejected as rejected:
            errors = rejected.errors
            messages.error(
                request, _("Không nhập được tệp: chưa có gì thay đổi. Sửa các lỗi dưới đây rồi tải lên lại.")
            )
        else:
            messages.success(
                request,
                _("Đã nhập %(total)d đơn vị: %(created)d mới, %(updated)d cập nhật, %(skipped)d dòng trống bỏ qua.")
                % {
                    "total": summary.created + summary.updated,
                    "created": summary.created,
                    "updated": summary.updated,
                    "skipped": summary.skipped,
                },
            )
            return redirect(f"{reverse('dashboard', args=[campaign.code])}?committee={committee.code}")
    return render(
        request,
        "reporting/results_import.html",
        {"campaign": campaign, "committee": committee, "form": form, "errors": errors},
    )
