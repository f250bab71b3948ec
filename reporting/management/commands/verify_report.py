from django.core.management.base import CommandError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from conferences.upload_size import SIGNED_PDF_BYTES
from reporting.documents.verification import verify_report_pdf
from reporting.management.lookups import file_read
from reporting.management.parsing import VietnameseCommand


class Command(VietnameseCommand):
    help = "Kiểm tra một tệp PDF: có phải văn bản do cơ quan ký ban hành, còn nguyên vẹn, là văn bản nào."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp PDF cần kiểm tra")

    def handle(self, *args, file, **options):
        outcome = verify_report_pdf(file_read(file, SIGNED_PDF_BYTES))
        self.stdout.write(f"SHA-256: {outcome.check.sha256}")
        if not outcome.valid:
            raise CommandError(_("Không hợp lệ: %s") % " ".join(outcome.problems))
        report = outcome.report
        signed_at = date_format(localtime(outcome.check.signed_at), "H:i d/m/Y") if outcome.check.signed_at else ""
        self.stdout.write(
            self.style.SUCCESS(
                _("Hợp lệ: văn bản số %(label)s của %(committee)s, ký bởi %(signer)s lúc %(at)s.")
                % {
                    "label": report.number.label,
                    "committee": report.committee,
                    "signer": (
                        _("chứng thư số của %(committee)s (%(name)s)")
                        % {"committee": outcome.check.committee, "name": outcome.check.signer}
                        if outcome.check.committee
                        else outcome.check.signer
                    ),
                    "at": signed_at,
                }
            )
        )
