from django.utils.translation import gettext as _

from reporting.jobs.reminders import send_reminders
from reporting.management.parsing import VietnameseCommand


class Command(VietnameseCommand):
    help = "Gửi ngay thư nhắc báo cáo (việc celery beat chạy hằng ngày lúc 07:00)."

    def handle(self, *args, **options):
        messages = send_reminders()
        self.stdout.write(self.style.SUCCESS(_("Đã gửi %d thư nhắc báo cáo.") % len(messages)))
