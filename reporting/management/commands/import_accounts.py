from django.utils.translation import gettext as _

from reporting.management.lookups import SharedArgumentsCommand, file_lookup, import_refused_as
from reporting.results.account_import import account_import


class Command(SharedArgumentsCommand):
    help = (
        "Tạo tài khoản cán bộ, lãnh đạo từ tệp Excel mẫu (mọi đơn vị); in tên đăng nhập và mật khẩu dùng một lần, "
        "chỉ một lần. Tệp có lỗi thì không tạo tài khoản nào."
    )
    arguments = ("workbook", "dry_run")

    def handle(self, *args, file: str, dry_run: bool, **options):
        with import_refused_as(_("Chưa tạo gì vì tệp có lỗi:")):
            plan, created = account_import(file_lookup(file), scope=None, dry_run=dry_run)
        for row in plan.kept:
            self.stdout.write(
                _("Đã có, bỏ qua: dòng %(row)d, %(username)s") % {"row": row.number, "username": row.username}
            )
        if dry_run:
            for row in plan.created:
                values = {"row": row.number, "username": row.username, "name": row.full_name, "unit": row.unit.name}
                self.stdout.write(_("Sẽ tạo: dòng %(row)d, %(username)s — %(name)s, %(unit)s") % values)
            summary = _("Thử, chưa lưu: sẽ tạo %(created)d, bỏ qua %(kept)d tài khoản.")
        else:
            for user, password in created:
                values = {"username": user.username, "name": user.get_full_name(), "password": password}
                self.stdout.write(_("Đã tạo: %(username)s — %(name)s, mật khẩu dùng một lần: %(password)s") % values)
            summary = _(
                "Đã tạo %(created)d, bỏ qua %(kept)d tài khoản. Mật khẩu chỉ in ra lần này; đổi ở lần đăng nhập đầu."
            )
        self.stdout.write(self.style.SUCCESS(summary % {"created": len(plan.created), "kept": len(plan.kept)}))
