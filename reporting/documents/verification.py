"""Is this PDF one we signed, intact, and which document is it?"""

from dataclasses import dataclass

from reporting.documents.signing import SignatureCheck, check_pdf
from reporting.models import Report


@dataclass(frozen=True)
class Verification:
    check: SignatureCheck
    report: Report | None  # the stored signed report with exactly these bytes

    @property
    def valid(self) -> bool:
        return self.check.valid and self.report is not None


def verify_report_pdf(pdf: bytes) -> Verification:
    check = check_pdf(pdf)
    report = (
        Report.objects.select_related("number", "committee", "campaign", "signed_by")
        .filter(status=Report.Status.SIGNED, signed_sha256=check.sha256)
        .first()
        if check.sha256
        else None
    )
    return Verification(check=check, report=report)
