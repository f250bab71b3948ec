from .organisations import Organisation
from .unit_results import OrganisationOutreach, UnitResult

__all__ = ["Organisation", "OrganisationOutreach", "UnitResult"]
