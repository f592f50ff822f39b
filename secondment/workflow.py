"""The posting lifecycle as a transition table (DOMAIN: "Lifecycle of a posting").

    拟派 planned → 待到岗 appointed → 在岗 on_post → 期满待鉴定 term_ended → 已结束 completed
    side exits: 延期 extend (back to 在岗 with a new end date), 提前结束 shorten, 终止 terminate

Each action names the states it leaves from, the state it leads to, and the roles that may take
it. `secondment.services.postings.posting_transition` is the one place that performs them; nothing
else assigns Posting.status.
"""

from dataclasses import dataclass

from .models import Posting

S = Posting.Status

# Roles relative to one posting (see services.postings.posting_roles)
ORG = "org_staff"  # the organizing org department (batch organizer's jurisdiction)
RECEIVE = "receive_contact"  # the receiving unit's contact
SYSTEM = "system"  # periodic tasks and operators' commands (acting_user=None)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: decided by the action (shorten may stay on post)
    roles: frozenset[str]
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    "appoint": Transition("任职", (S.PLANNED,), S.APPOINTED, frozenset({ORG, SYSTEM})),
    "confirm_arrival": Transition("确认到岗", (S.APPOINTED,), S.ON_POST, frozenset({RECEIVE, ORG, SYSTEM})),
    "extend": Transition("延期", (S.ON_POST, S.TERM_ENDED), S.ON_POST, frozenset({ORG, SYSTEM}), needs_reason=True),
    "shorten": Transition("提前结束", (S.ON_POST,), None, frozenset({ORG, SYSTEM}), needs_reason=True),
    "end_term": Transition("期满", (S.ON_POST,), S.TERM_ENDED, frozenset({ORG, SYSTEM})),
    "terminate": Transition(
        "终止挂职",
        (S.PLANNED, S.APPOINTED, S.ON_POST, S.TERM_ENDED),
        S.TERMINATED,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
    ),
    # only the appraisal's finalization completes a posting (assessments.services.appraisals)
    "complete": Transition("鉴定完成", (S.TERM_ENDED,), S.COMPLETED, frozenset({SYSTEM}), needs_reason=True),
}


def allowed_actions(status: str, roles: set[str]) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources and roles & t.roles]
