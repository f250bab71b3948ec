from django.utils.translation import gettext as _

from reporting.management.lookups import SharedArgumentsCommand, file_lookup, import_refused_as
from reporting.results.committee_import import committee_import


class Command(SharedArgumentsCommand):
    help = "Nhập cây cấp ủy từ tệp Excel mẫu (thêm mới và cập nhật); tệp có lỗi thì không nhập dòng nào."
    arguments = ("workbook", "dry_run")

    def handle(self, *args, file: str, dry_run: bool, **options):
        with import_refused_as(_("Chưa nhập gì vì tệp có lỗi:")):
            plan = committee_import(file_lookup(file), scope=None, dry_run=dry_run)
        for row in plan.created:
            self.stdout.write(
                _("Thêm mới: dòng %(row)d, %(code)s — %(name)s")
                % {"row": row.number, "code": row.code, "name": row.values["name"]}
            )
        for row in plan.updated:
            changes = "; ".join(f"{column}: {old} → {new}" for column, old, new in row.change_lines())
            self.stdout.write(
                _("Cập nhật: dòng %(row)d, %(code)s — %(changes)s")
                % {"row": row.number, "code": row.code, "changes": changes}
            )
        counts = {"created": len(plan.created), "updated": len(plan.updated), "unchanged": plan.unchanged}
        summary = (
            _("Thử, chưa lưu: sẽ thêm %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d đơn vị.")
            if dry_run
            else _("Đã thêm %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d đơn vị.")
        )
        self.stdout.write(self.style.SUCCESS(summary % counts))
