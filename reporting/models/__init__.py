from .imports import ResultImport, SetupUpload
from .jobs import ExportJob
from .numbering import IssuedNumber, NumberRegister
from .organisations import Organisation
from .reports import Report, SignedReportError
from .signing_keys import SigningKey
from .stamp_images import SealImage, SignatureImage
from .unit_results import OrganisationOutreach, UnitResult

__all__ = [
    "ExportJob",
    "IssuedNumber",
    "NumberRegister",
    "Organisation",
    "OrganisationOutreach",
    "Report",
    "ResultImport",
    "SealImage",
    "SetupUpload",
    "SignatureImage",
    "SignedReportError",
    "SigningKey",
    "UnitResult",
]
