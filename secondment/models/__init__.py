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
from .support import (
    LivingSupport,
    PostingFeedback,
    PostingRotation,
    Symposium,
    SymposiumAttachment,
    UnitPairing,
)
from .termination import AppointmentFormality, TerminationGrounds, TerminationProposal

__all__ = [
    "ARRIVAL_DAYS",
    "AbsenceRecord",
    "AppointmentFormality",
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
    "LivingSupport",
    "MinGrade",
    "Nomination",
    "NominationEvent",
    "PostTitle",
    "Posting",
    "PostingFeedback",
    "PostingRotation",
    "PostingStatusChange",
    "RankAgeCeiling",
    "Symposium",
    "SymposiumAttachment",
    "TerminationGrounds",
    "TerminationProposal",
    "UnitPairing",
    "WorkLogEntry",
]
