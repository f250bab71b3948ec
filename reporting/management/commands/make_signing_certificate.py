import secrets
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from reporting.documents.keys import KeyRefused, committee_key_add
from reporting.documents.signing import make_self_signed_pkcs12
from reporting.management.lookups import committee_lookup, file_written
from reporting.management.parsing import VietnameseCommand


class Command(VietnameseCommand):
    help = (
        "Tạo chứng thư số tự ký (RSA 2048, 10 năm) để thử ký báo cáo; không dùng cho văn bản thật. Ghi ra tệp "
        "(--output) hoặc nạp thẳng làm chứng thư của một cấp ủy (--committee)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Tệp PKCS#12 sẽ ghi, ví dụ: fixtures/signing/demo-signer.p12")
        parser.add_argument("--passphrase", help="Mật khẩu bảo vệ tệp PKCS#12 (khi ghi ra tệp)")
        parser.add_argument("--committee", help="Mã cấp ủy nhận chứng thư thử nghiệm, ví dụ: tay-son")
        parser.add_argument("--name", help="Tên chủ thể (CN); mặc định là tên cấp ủy kèm “(thử nghiệm)”")

    def handle(self, *args, output, passphrase, committee, name, **options):
        if bool(output) == bool(committee):
            raise CommandError(_("Chọn một: ghi ra tệp (--output, --passphrase) hoặc nạp cho cấp ủy (--committee)."))
        if output and not passphrase:
            raise CommandError(_("Cần --passphrase để bảo vệ tệp."))
        target = committee_lookup(code=committee) if committee else None
        name = name or (f"{target.name} (thử nghiệm)" if target else "")
        passphrase = passphrase or secrets.token_urlsafe(24)
        try:
            content = make_self_signed_pkcs12(common_name=name, passphrase=passphrase)
        except ValueError:
            # X.509 caps a name at 64 bytes of UTF-8; a Vietnamese letter with marks takes 2-3.
            raise CommandError(
                _("Tên “%s” quá dài hoặc trống: tên chứng thư có từ 1 đến 64 byte (chữ có dấu chiếm 2–3 byte).") % name
            ) from None
        if output:
            file_written(Path(output), content)
            self.stdout.write(self.style.SUCCESS(_("Đã ghi chứng thư thử nghiệm “%s”.") % output))
            return
        try:
            key = committee_key_add(committee=target, pkcs12_bytes=content, passphrase=passphrase)
        except KeyRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(self.style.SUCCESS(_("Đã nạp chứng thư thử nghiệm “%(name)s” cho %(committee)s.") % {
            "name": key.common_name, "committee": target,
        }))  # fmt: skip
