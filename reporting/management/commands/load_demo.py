from django.utils.translation import gettext as _

from reporting.demo import DEMO_PASSWORD, demo_load
from reporting.management.parsing import VietnameseCommand


class Command(VietnameseCommand):
    help = "Nạp dữ liệu mẫu Tam Đường và Tây Sơn; chạy lại nhiều lần không sao."

    def handle(self, *args, **options):
        users = demo_load()
        self.stdout.write(self.style.SUCCESS(_("Đã nạp dữ liệu mẫu Tam Đường và Tây Sơn.")))
        self.stdout.write(_("Tài khoản mẫu (mật khẩu chung: %s):") % DEMO_PASSWORD)
        for user in users:
            self.stdout.write(f"  {user.username:<14} {user.role} — {user.committee}")
