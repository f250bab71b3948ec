from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.documents.signing import make_self_signed_pkcs12
from reporting.management.lookups import file_written


class Command(BaseCommand):
    help = "Tạo chứng thư số tự ký (RSA 2048, 10 năm) để thử ký báo cáo; không dùng cho văn bản thật."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Tệp PKCS#12 sẽ ghi, ví dụ: fixtures/signing/demo-signer.p12"
        )
        parser.add_argument("--passphrase", required=True, help="Mật khẩu bảo vệ tệp PKCS#12")
        parser.add_argument("--name", required=True, help="Tên chủ thể (CN) của chứng thư")

    def handle(self, *args, output: str, passphrase: str, name: str, **options):
        path = Path(output)
        try:
            content = make_self_signed_pkcs12(common_name=name, passphrase=passphrase)
        except ValueError:
            # X.509 caps a name at 64 bytes of UTF-8; a Vietnamese letter with marks takes 2-3.
            raise CommandError(
                _("Tên “%s” quá dài hoặc trống: tên chứng thư có từ 1 đến 64 byte (chữ có dấu chiếm 2–3 byte).") % name
            ) from None
        file_written(path, content)
        self.stdout.write(self.style.SUCCESS(_("Đã ghi chứng thư thử nghiệm “%s”.") % path))
