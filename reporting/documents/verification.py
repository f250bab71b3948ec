"""Is this PDF one we signed, intact, signed by the committee that issued it, and which document is it?"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reporting.documents.signing import SignatureCheck, check_pdf
from reporting.models import Report


@dataclass(frozen=True)
class Verification:
    check: SignatureCheck
    report: Report | None  # the stored signed report with exactly these bytes

    @property
    def by_issuer(self) -> bool:
        """Signed with the issuing committee's own certificate, or the installation's (which names none)."""
        committee = self.check.committee
        return self.report is None or committee is None or committee.pk == self.report.committee_id

    @property
    def certificate_of(self) -> str:
        """Whose certificate signed: its own name where it names the committee ("Huyện ủy Tây Sơn (thử nghiệm)"),
        else the committee with it."""
        committee, signer = self.check.committee, self.check.signer
        return signer if committee is None or str(committee) in signer else f"{committee} ({signer})"

    @property
    def own_token(self) -> bool:
        """Signed, intact, with the leader's own token over the file this installation gave them to sign."""
        report = self.report
        return bool(report and report.signed_with_token and self.check.signed and self.check.intact)

    @property
    def problems(self) -> list[str]:
        problems = [] if self.own_token else list(self.check.problems)
        if not self.by_issuer:
            problems.append(
                _("Chữ ký là của %(signer)s, không phải của cấp ủy ban hành văn bản (%(issuer)s).")
                % {"signer": self.check.committee, "issuer": self.report.committee}
            )
        if self.check.valid and self.report is None:
            problems.append(_("Chữ ký đúng nhưng không khớp văn bản nào đã lưu."))
        return problems

    @property
    def valid(self) -> bool:
        return (self.check.valid or self.own_token) and self.report is not None and self.by_issuer


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
