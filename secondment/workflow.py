"""The state machines of secondment as transition tables (DOMAIN: "Lifecycle of a posting").

The posting:

    拟派 planned → 待到岗 appointed → 在岗 on_post → 期满待鉴定 term_ended → 已结束 completed
    side exits: 延期 extend (back to 在岗 with a new end date), 提前结束 shorten, 终止 terminate

and, in the same shape, the batch, the nomination, the leave request and the extension request.
Each action names the states it leaves from, the state it leads to, and the roles that may take it.
One service per machine performs them and nothing else assigns the model's status:

    Posting           services.postings.posting_transition
    Batch             services.batches.batch_transition
    Nomination        services.nominations.nomination_transition
    LeaveRequest      services.leave.leave_transition
    ExtensionRequest  services.postings.extension_request_transition (its `decision`)
    TerminationProposal  services.termination.termination_proposal_decide (its `decision`)
"""

from core.workflow import SYSTEM, Transition, allowed

from .models import Batch, ExtensionRequest, LeaveRequest, Nomination, Posting, TerminationProposal

__all__ = [
    "BATCH_TRANSITIONS",
    "CADRE",
    "DISPATCH",
    "EXTENSION_TRANSITIONS",
    "LEAVE_TRANSITIONS",
    "NOMINATION_TRANSITIONS",
    "ORG",
    "RECEIVE",
    "SYSTEM",
    "TERMINATION_TRANSITIONS",
    "TRANSITIONS",
    "Transition",
    "allowed_actions",
]

S = Posting.Status

# Roles relative to one posting (see access.posting_roles)
ORG = "org_staff"  # the organizing org department (batch organizer's jurisdiction)
RECEIVE = "receive_contact"  # the receiving unit's contact
DISPATCH = "dispatch_contact"  # the dispatching unit's contact
CADRE = "cadre"  # the seconded cadre
# SYSTEM ("system"): periodic tasks and operators' commands (acting_user=None)

ONLY_ORGANIZER = "只有本批次所属组织部门的工作人员可以进行此操作。"

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
    """The posting actions these roles may take from `status`."""
    return allowed(TRANSITIONS, status, roles)


B = Batch.Status
# 草拟 draft → 推荐中 open → 选拔中 closed → 已派出 decided; a closed batch may reopen.
BATCH_TRANSITIONS: dict[str, Transition] = {
    "open": Transition("开始推荐", (B.DRAFT, B.CLOSED), B.OPEN, frozenset({ORG, SYSTEM}), forbidden=ONLY_ORGANIZER),
    "close": Transition("截止推荐", (B.OPEN,), B.CLOSED, frozenset({ORG, SYSTEM}), forbidden=ONLY_ORGANIZER),
    # batch_create_postings decides the batch once every selected nominee has a posting
    "decide": Transition("确定派出", (B.CLOSED,), B.DECIDED, frozenset({ORG, SYSTEM}), forbidden=ONLY_ORGANIZER),
}

N = Nomination.Status
# 已推荐 nominated → decide: 拟选派 selected / 未选中 not_selected (may be revised) → 已派出 posted;
# a nomination not yet decided may be withdrawn (已撤回).
_DECIDABLE = (N.NOMINATED, N.SELECTED, N.NOT_SELECTED)
NOMINATION_TRANSITIONS: dict[str, Transition] = {
    "withdraw": Transition("撤回", (N.NOMINATED,), N.WITHDRAWN, frozenset({DISPATCH, ORG, SYSTEM})),
    # select (拟选派, matched to a post on offer) or not (未选中): the decision says which
    "decide": Transition("决定", _DECIDABLE, None, frozenset({ORG, SYSTEM}), forbidden=ONLY_ORGANIZER),
    # services.postings.batch_create_postings: the selected nominee's posting is created
    "post": Transition("派出", (N.SELECTED,), N.POSTED, frozenset({ORG, SYSTEM}), forbidden=ONLY_ORGANIZER),
}

L = LeaveRequest.Status
# 待审批 pending → 已批准 approved / 未批准 rejected, or 已撤销 cancelled by the cadre. Which contact or
# org department approves depends on the leave's length (services.leave.leave_approver_for): the
# approver's role is held only by that one (services.leave.leave_roles).
LEAVE_TRANSITIONS: dict[str, Transition] = {
    "approve": Transition("批准", (L.PENDING,), L.APPROVED, frozenset({RECEIVE, ORG, SYSTEM})),
    "reject": Transition("不批准", (L.PENDING,), L.REJECTED, frozenset({RECEIVE, ORG, SYSTEM})),
    "cancel": Transition(
        "撤销", (L.PENDING,), L.CANCELLED, frozenset({CADRE, SYSTEM}), refusal="只能撤销待审批的请假。"
    ),
}

E = ExtensionRequest.Decision
DECIDED = "该申请已经决定。"
# "": not yet asked → 待派出单位意见 consent (where the jurisdiction's conditions include the dispatching
# unit's consent; else straight to 待组织部门决定 pending) → the dispatching contact consents or refuses,
# with reasons → 待组织部门决定 pending → 同意延期 approved (the posting is extended) / 不同意 rejected
EXTENSION_TRANSITIONS: dict[str, Transition] = {
    # the request's target depends on the conditions that apply (services.postings.extension_request_create)
    "request": Transition(
        "申请延期",
        ("",),
        None,
        frozenset({RECEIVE, ORG, SYSTEM}),
        forbidden="延期由接收单位提出申请。",
    ),
    "consent": Transition(
        "派出单位同意延期",
        (E.AWAITING_CONSENT,),
        E.PENDING,
        frozenset({DISPATCH, SYSTEM}),
        refusal="派出单位已提出意见，或申请已经决定。",
        forbidden="派出单位的意见由派出单位联系人提出。",
    ),
    "refuse_consent": Transition(
        "派出单位不同意延期",
        (E.AWAITING_CONSENT,),
        E.PENDING,
        frozenset({DISPATCH, SYSTEM}),
        needs_reason=True,
        refusal="派出单位已提出意见，或申请已经决定。",
        forbidden="派出单位的意见由派出单位联系人提出。",
    ),
    "approve": Transition(
        "同意延期",
        (E.PENDING,),
        E.APPROVED,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
        refusal={E.AWAITING_CONSENT: "须先征求派出单位意见，再决定。", E.APPROVED: DECIDED, E.REJECTED: DECIDED},
        forbidden="延期由组织部门决定。",
    ),
    "reject": Transition(
        "不同意延期",
        (E.AWAITING_CONSENT, E.PENDING),
        E.REJECTED,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
        refusal=DECIDED,
        forbidden="延期由组织部门决定。",
    ),
}

T = TerminationProposal.Decision
# 终止挂职建议 (seed 004): 待决定 pending → 同意终止 approved (the posting is terminated) / 不同意终止 rejected.
# The county org department or the receiving unit proposes (access.may_propose_termination); the org
# department that organizes the batch decides.
TERMINATION_TRANSITIONS: dict[str, Transition] = {
    "approve": Transition(
        "同意终止",
        (T.PENDING,),
        T.APPROVED,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
        refusal="该终止建议已经决定。",
        forbidden="终止挂职由本批次所属组织部门研究决定。",
    ),
    "reject": Transition(
        "不同意终止",
        (T.PENDING,),
        T.REJECTED,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
        refusal="该终止建议已经决定。",
        forbidden="终止挂职由本批次所属组织部门研究决定。",
    ),
}
