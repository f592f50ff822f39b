from .batches import Batch, BatchKind, BatchOffer, BatchQuota, PostTitle, RankAgeCeiling
from .nominations import Nomination, NominationEvent

__all__ = [
    "Batch",
    "BatchKind",
    "BatchOffer",
    "BatchQuota",
    "Nomination",
    "NominationEvent",
    "PostTitle",
    "RankAgeCeiling",
]
