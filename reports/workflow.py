"""The review of a work report (工作汇报) as a transition table, in the shape of secondment.workflow:

    未提交 draft → 待审阅 submitted → 已通过 accepted
                        ↓ return      ↑ resubmit
                     退回修改 returned

The cadre writes and submits; the report's recipient reviews: the org department for a cycle sent
to it, the dispatching unit's contact otherwise (services.work_report_roles gives a user only the
reviewer role that fits the report's cycle). `services.work_report_transition` is the one place
that performs these actions and writes the round (WorkReportRound) and the audit row; nothing else
assigns WorkReport.status.
"""

from core.workflow import SYSTEM, Transition, allowed

from .models import WorkReport

S = WorkReport.Status

CADRE = "cadre"
ORG = "org_staff"
DISPATCH = "dispatch_contact"

AUTHOR_ONLY = "工作汇报由挂职干部本人填写。"

TRANSITIONS: dict[str, Transition] = {
    "submit": Transition("提交", (S.DRAFT,), S.SUBMITTED, frozenset({CADRE, SYSTEM}), forbidden=AUTHOR_ONLY),
    "resubmit": Transition("重新提交", (S.RETURNED,), S.SUBMITTED, frozenset({CADRE, SYSTEM}), forbidden=AUTHOR_ONLY),
    "return": Transition("退回修改", (S.SUBMITTED,), S.RETURNED, frozenset({ORG, DISPATCH, SYSTEM})),
    "accept": Transition("通过", (S.SUBMITTED,), S.ACCEPTED, frozenset({ORG, DISPATCH, SYSTEM})),
}

# the states in which the cadre may still change the text
EDITABLE = (S.DRAFT, S.RETURNED)


def allowed_actions(status: str, roles: set[str]) -> list[str]:
    return allowed(TRANSITIONS, status, roles)
