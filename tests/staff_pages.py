"""What the staff page tests share: the demo's people and pages, and what a browser sends back.

Nguyễn Thị Hồng (tuyengiao) is the Propaganda Department of Tam Đường; the
demo's online conference of 04/12/2023 belongs to her district's campaign.
Tây Sơn is another district: she never sees it.
"""

import re
from collections.abc import Iterable

from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from conferences.models.attendance import Absentee, Attendance
from conferences.models.campaigns import Campaign, DirectingDocument, Resolution
from conferences.models.committees import Committee
from conferences.models.conferences import Conference, ConferenceSite, PreparationStep
from conferences.models.sites import VideoSite

STAFF, LEADER, SECRETARY = "tuyengiao", "lanhdao", "bithu.taleng"
TAM_DUONG_CAMPAIGN, TAY_SON_CAMPAIGN = "tw8-khoa-xiii", "tw5-khoa-xiii"


def sign_in(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def demo_conference() -> Conference:
    return Conference.objects.get(campaign__code=TAM_DUONG_CAMPAIGN)


def tay_son_conference() -> Conference:
    return Conference.objects.get(campaign__code=TAY_SON_CAMPAIGN)


def committee_pk(code: str) -> int:
    return Committee.objects.get(code=code).pk


def site_pk(name: str) -> int:
    return VideoSite.objects.get(name=name).pk


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def table_row(response, attribute: str, value: str) -> str:
    """The HTML of the one ``<tr>`` carrying ``attribute="value"``."""
    rows = re.findall(rf'<tr[^>]*\b{attribute}="{re.escape(value)}"[^>]*>.*?</tr>', response.content.decode(), re.S)
    assert len(rows) == 1, f"{len(rows)} rows with {attribute}={value}"
    return rows[0]


def sent_back(rendered: Iterable[forms.BaseForm]) -> dict[str, str]:
    """What the browser posts for these forms left exactly as rendered."""
    data = {}
    for form in rendered:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = "" if value is None else str(value)
    return data


def record_counts() -> dict[str, int]:
    models = (Campaign, DirectingDocument, Conference, ConferenceSite, PreparationStep, Attendance, Absentee)
    return {model.__name__: model.objects.count() for model in models}


def campaign_data(**changes) -> dict:
    """The new-campaign form, filled in for Nghị quyết 42 and 43."""
    return {
        "name": "Nghị quyết số 42-NQ/TW và Nghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII",
        "short_name": "Nghị quyết 42, 43",
        "committee": committee_pk("tam-duong"),
        "resolutions": list(
            Resolution.objects.filter(number__in=["42-NQ/TW", "43-NQ/TW"]).values_list("pk", flat=True)
        ),
        "starts_on": "2024-03-01",
        "ends_on": "2024-04-30",
        "reporting_deadline": "2024-04-15",
        "participation_threshold": "95",
        "plan_number": "245-KH/HU",
        "plan_date": "2024-02-26",
        "plan_subject": "",
        **changes,
    }


def conference_data(**changes) -> dict:
    """The new-conference form, filled in for the district's own online conference."""
    return {
        "title": "Hội nghị cán bộ chủ chốt huyện quán triệt Nghị quyết Trung ương 8",
        "level": Conference.Level.DISTRICT,
        "format": Conference.Format.ONLINE,
        "date": "2023-12-12",
        "host": committee_pk("tam-duong"),
        "speakers": "Đồng chí Bí thư Huyện ủy",
        "audience": "Cán bộ chủ chốt huyện và các xã, thị trấn",
        "sites": [site_pk("Điểm cầu Trung tâm huyện"), site_pk("Điểm cầu xã Tả Lèng")],
        **changes,
    }


def conference_new_url() -> str:
    return reverse("conference_new", args=[TAM_DUONG_CAMPAIGN])


def grid_url() -> str:
    return reverse("attendance_grid", args=[demo_conference().pk])


def absentee_url(unit_code: str = "tam-duong-ta-leng", conference: Conference | None = None) -> str:
    return reverse("absentee_list", args=[(conference or demo_conference()).pk, unit_code])
