"""What assessments do when something happens below them (core.events)."""

from core import events
from secondment.models import Posting

from .services.appraisals import appraisal_open


@events.subscribe("posting.transitioned")
def open_appraisal_at_term_end(*, posting, old_status: str, **_event) -> None:
    """The end-of-term appraisal opens by itself when a posting enters 期满待鉴定."""
    if posting.status == Posting.Status.TERM_ENDED and old_status != Posting.Status.TERM_ENDED:
        appraisal_open(posting=posting, acting_user=None)


@events.subscribe("posting.transitioned")
def close_appraisal_when_terminated(*, posting, action: str, **_event) -> None:
    """Terminating a posting (终止挂职) ends its appraisal if one is still open: a terminated posting is
    not appraised (rule 6), and nobody is reminded about its steps any more. The closing note carries the
    termination's reason."""
    if action != "terminate":
        return
    from .models import Appraisal
    from .services.appraisals import appraisal_transition

    termination = posting.history.filter(action="terminate").order_by("-id").first()
    reason = f"挂职终止：{termination.reason}" if termination and termination.reason else "挂职终止"
    for appraisal in Appraisal.objects.filter(posting=posting, status=Appraisal.Status.OPEN):
        appraisal_transition(appraisal=appraisal, action="close", acting_user=None, reason=reason)
