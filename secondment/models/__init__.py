from .batches import Batch, BatchKind, BatchOffer, BatchQuota, PostTitle, RankAgeCeiling
from .conduct import (
    AbsenceRecord,
    AttendanceRecord,
    Inspection,
    LeaveApprover,
    LeaveRequest,
    LeaveRule,
    WorkLogEntry,
)
from .nominations import Nomination, NominationEvent
from .postings import (
    ARRIVAL_DAYS,
    ExtensionCondition,
    ExtensionConditionKind,
    ExtensionRequest,
    MinGrade,
    Posting,
    PostingStatusChange,
)

__all__ = [
    "ARRIVAL_DAYS",
    "AbsenceRecord",
    "AttendanceRecord",
    "Batch",
    "BatchKind",
    "BatchOffer",
    "BatchQuota",
    "ExtensionCondition",
    "ExtensionConditionKind",
    "ExtensionRequest",
    "Inspection",
    "LeaveApprover",
    "LeaveRequest",
    "LeaveRule",
    "MinGrade",
    "Nomination",
    "NominationEvent",
    "PostTitle",
    "Posting",
    "PostingStatusChange",
    "RankAgeCeiling",
    "WorkLogEntry",
]
