from .activities import ActionDocument, OnlineChannel, Supervision
from .attendance import Absentee, Attendance
from .campaigns import Campaign, DirectingDocument, Resolution
from .committees import Committee
from .conferences import Conference, ConferenceSite, PreparationStep
from .sites import VideoSite
from .terms import Term

__all__ = [
    "Absentee",
    "ActionDocument",
    "Attendance",
    "Campaign",
    "Committee",
    "Conference",
    "ConferenceSite",
    "DirectingDocument",
    "OnlineChannel",
    "PreparationStep",
    "Resolution",
    "Supervision",
    "Term",
    "VideoSite",
]
