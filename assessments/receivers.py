"""What assessments do when something happens below them (core.events)."""

from core import events
from secondment.models import Posting

from .services.appraisals import appraisal_open


@events.subscribe("posting.transitioned")
def open_appraisal_at_term_end(*, posting, old_status: str, **_event) -> None:
    """The end-of-term appraisal opens by itself when a posting enters 期满待鉴定."""
    if posting.status == Posting.Status.TERM_ENDED and old_status != Posting.Status.TERM_ENDED:
        appraisal_open(posting=posting, acting_user=None)
