from django.utils.translation import gettext as _

from reporting.management.lookups import (
    SharedArgumentsCommand,
    campaign_lookup,
    committee_lookup,
    file_lookup,
    import_refused_as,
    refused,
)
from reporting.results.import_preview import ImportPreview, PreviewRow, RowKind
from reporting.results.importing import import_apply, import_preview


class Command(SharedArgumentsCommand):
    help = (
        "Nhập kết quả của các đơn vị từ tệp Excel mẫu: in ra những gì sẽ thay đổi, rồi mới ghi. "
        "Tệp có lỗi thì không nhập dòng nào; thay kết quả đã tiếp nhận cần --replace-accepted, "
        "số liệu có cảnh báo cần --accept-warnings."
    )
    arguments = ("workbook", "campaign", "committee")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--replace-accepted", action="store_true", help="Thay cả kết quả đã tiếp nhận có số liệu khác trong tệp"
        )
        parser.add_argument(
            "--accept-warnings", action="store_true", help="Đã xem lại các số liệu có cảnh báo: chúng là đúng"
        )

    def handle(self, *args, file: str, campaign: str, committee: str, **options):
        campaign_obj = campaign_lookup(code=campaign)
        committee_obj = committee_lookup(code=committee)
        with import_refused_as(_("Chưa nhập gì vì tệp có lỗi:")):
            preview = import_preview(file=file_lookup(file), campaign=campaign_obj, committee=committee_obj)
        self.stdout.write("\n".join(preview_lines(preview)))
        refusals = _refusals(
            preview, replace_accepted=options["replace_accepted"], accept_warnings=options["accept_warnings"]
        )
        if refusals:
            raise refused(_("Chưa nhập gì:"), refusals)
        with import_refused_as(_("Chưa nhập gì:")):
            summary = import_apply(
                preview=preview,
                campaign=campaign_obj,
                committee=committee_obj,
                user=None,
                replace={row.unit_id for row in preview.replacing},
            )
        self.stdout.write(self.style.SUCCESS(summary.message()))


def preview_lines(preview: ImportPreview) -> list[str]:
    """The preview as the shell shows it: each row that writes, its figures before → after, then the warnings."""
    lines = [preview.summary()]
    for title, rows in (
        (_("Thay kết quả đã tiếp nhận:"), preview.replacing),
        (_("Thay đổi:"), preview.changed),
        (_("Kết quả mới:"), preview.new),
    ):
        if rows:
            lines += [title, *(line for row in rows for line in _row_lines(row))]
    if preview.warned:
        lines += [_("Cảnh báo:"), *(f"  {line}" for row in preview.warned for line in row.warning_lines)]
    return lines


def _row_lines(row: PreviewRow) -> list[str]:
    heading = f"  {row.heading}"
    if row.kind == RowKind.CHANGED:
        heading += ", " + _("đang: %(status)s") % {"status": row.status_label}
    if row.kind == RowKind.NEW:
        return [heading]
    if not row.changes:
        return [heading, "    " + _("Số liệu như đang lưu; nhập sẽ tiếp nhận kết quả này.")]
    return [heading, *(f"    {change}" for change in row.changes)]


def _refusals(preview: ImportPreview, *, replace_accepted: bool, accept_warnings: bool) -> list[str]:
    refusals = []
    if preview.replacing and not replace_accepted:
        refusals.append(
            _(
                "%(units)d đơn vị đã có kết quả được tiếp nhận sẽ bị thay (xem ở trên); "
                "chạy lại với --replace-accepted nếu đúng."
            )
            % {"units": len(preview.replacing)}
        )
    if preview.warned and not accept_warnings:
        refusals.append(
            _(
                "%(units)d đơn vị có số liệu khác thường (xem cảnh báo ở trên); "
                "chạy lại với --accept-warnings nếu số liệu đúng."
            )
            % {"units": len(preview.warned)}
        )
    return refusals
