"""Nhắc báo cáo: who is reminded of a campaign's reporting deadline, and what the email says.

From 3 days before its reporting deadline until 30 days after it ends, a
campaign's units that still owe their result (none yet, a draft, or one
returned to them) are reminded every day: each unit's secretaries get one
email about their unit, the staff of the campaign's committee one summary
naming every such unit. Where a unit stands is ``units_with_timeliness``'s
answer, the dashboard's own.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from conferences.models import Campaign, Committee
from reporting.figures.units import Timeliness, units_with_timeliness

DAYS_BEFORE_DEADLINE = 3
DAYS_AFTER_END = 30
OWING = (Timeliness.MISSING, Timeliness.RETURNED)


def campaigns_to_remind(*, today: datetime.date) -> QuerySet[Campaign]:
    return Campaign.objects.filter(
        reporting_deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE_DEADLINE),
        ends_on__gte=today - datetime.timedelta(days=DAYS_AFTER_END),
    ).select_related("committee")


def reminder_messages(*, campaign: Campaign, today: datetime.date) -> list[EmailMessage]:
    """The day's emails for one campaign: one per owing unit with a secretary, one to the staff."""
    owing = list(units_with_timeliness(campaign=campaign, committee=campaign.committee).filter(timeliness__in=OWING))
    if not owing:
        return []
    secretaries: dict[int, list[str]] = {}
    for committee_id, email in _addresses(role=User.Role.UNIT_SECRETARY, committee__in=owing).values_list(
        "committee_id", "email"
    ):
        secretaries.setdefault(committee_id, []).append(email)
    staff = list(
        _addresses(role=User.Role.PROPAGANDA_STAFF, committee=campaign.committee).values_list("email", flat=True)
    )
    when = deadline_phrase(deadline=campaign.reporting_deadline, today=today)
    messages = [
        _unit_message(campaign, unit, when, to=secretaries[unit.pk]) for unit in owing if unit.pk in secretaries
    ]
    if staff:
        messages.append(_staff_message(campaign, owing, when, to=staff))
    return messages


def send_reminders(*, today: datetime.date | None = None) -> list[EmailMessage]:
    today = today or timezone.localdate()
    messages = [
        message
        for campaign in campaigns_to_remind(today=today)
        for message in reminder_messages(campaign=campaign, today=today)
    ]
    if messages:
        get_connection().send_messages(messages)
    return messages


def deadline_phrase(*, deadline: datetime.date, today: datetime.date) -> str:
    days = (deadline - today).days
    if days > 0:
        return ngettext("còn %(days)d ngày", "còn %(days)d ngày", days) % {"days": days}
    if days == 0:
        return _("hạn là hôm nay")
    return ngettext("đã quá hạn %(days)d ngày", "đã quá hạn %(days)d ngày", -days) % {"days": -days}


def _addresses(**filters) -> QuerySet[User]:
    return User.objects.filter(is_active=True, **filters).exclude(email="").order_by("email")


def _deadline_line(campaign: Campaign, when: str) -> str:
    return _("Hạn báo cáo: %(date)s (%(when)s).") % {
        "date": date_format(campaign.reporting_deadline, "d/m/Y"),
        "when": when,
    }


def _unit_message(campaign: Campaign, unit: Committee, when: str, *, to: list[str]) -> EmailMessage:
    if unit.timeliness == Timeliness.RETURNED:
        standing = _("Báo cáo kết quả của đơn vị đã bị trả lại; đề nghị xem ý kiến, sửa và gửi lại.")
    else:
        standing = _("Đơn vị chưa gửi báo cáo kết quả; đề nghị nhập và gửi báo cáo đúng hạn.")
    link = reverse("unit_result", args=[campaign.code, unit.code])
    body = [
        _("Kính gửi: %s") % unit.name,
        "",
        _("Đợt học tập: %s") % campaign.name,
        _deadline_line(campaign, when),
        standing,
        _("Nhập báo cáo tại: %s") % f"{settings.SITE_URL}{link}",
        "",
        campaign.committee.name,
        _("(Thư gửi tự động, xin đừng trả lời thư này.)"),
    ]
    subject = _("Nhắc báo cáo kết quả: %(campaign)s (%(when)s)") % {"campaign": campaign.name, "when": when}
    return EmailMessage(subject=subject, body="\n".join(body), to=to)


def _staff_message(campaign: Campaign, owing: list[Committee], when: str, *, to: list[str]) -> EmailMessage:
    link = f"{reverse('dashboard', args=[campaign.code])}?committee={campaign.committee.code}"
    body = [
        _("Đợt học tập: %s") % campaign.name,
        _("Cấp ủy: %s") % campaign.committee.name,
        _deadline_line(campaign, when),
        "",
        ngettext("%(count)d đơn vị chưa hoàn thành báo cáo:", "%(count)d đơn vị chưa hoàn thành báo cáo:", len(owing))
        % {"count": len(owing)},
        *(f"- {unit.name}: {Timeliness.LABELS[unit.timeliness]}" for unit in owing),
        "",
        _("Xem trang tổng hợp: %s") % f"{settings.SITE_URL}{link}",
        _("(Thư gửi tự động, xin đừng trả lời thư này.)"),
    ]
    subject = ngettext(
        "Tình hình báo cáo: %(campaign)s (%(when)s), %(count)d đơn vị chưa hoàn thành",
        "Tình hình báo cáo: %(campaign)s (%(when)s), %(count)d đơn vị chưa hoàn thành",
        len(owing),
    ) % {"campaign": campaign.name, "when": when, "count": len(owing)}
    return EmailMessage(subject=subject, body="\n".join(body), to=to)
