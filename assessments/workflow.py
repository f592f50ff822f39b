"""The state machines of assessments as transition tables, in the shape of secondment.workflow.

The end-of-term appraisal (期满考核鉴定) is done in steps, each by its role, in this order:

    个人总结 → 接收单位评价 → 民主测评 → 个别谈话和调查核实 → 派出单位意见 → 组织部门鉴定 → 定稿
    (鉴定中 open … 已定稿 finalized); a finalized appraisal is corrected by a new open version (更正).

`STEPS` is the one list of them (order, label, roles, the timestamp that marks a step done); the
services, the reminders and the pages read it. `services.appraisals.appraisal_transition` is the
one place that records a step and changes an appraisal's status.

The annual assessment (年度考核): 接收单位已提出 proposed → 派出单位已提意见 opinion → then, as the
jurisdiction's practice says (AnnualPractice, default seed 004): 接收单位已确定等次 determined → 组织部门已备案
confirmed ("determine", "record"), or the org department determines at once ("confirm"); performed by
`services.annual.annual_transition`.
"""

from dataclasses import dataclass

from core.workflow import SYSTEM, Transition, allowed

from .models import AnnualAssessment, Appraisal, DemocraticVote

# Roles relative to the posting (secondment.access.posting_roles)
CADRE = "cadre"
RECEIVE = "receive_contact"
DISPATCH = "dispatch_contact"
ORG = "org_staff"


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    roles: frozenset[str]
    done_field: str  # the timestamp that marks the step done
    by_field: str = ""  # who did it, where the appraisal records that
    missing_label: str = ""  # how a finalization refused for want of it names it (default: label)

    @property
    def missing(self) -> str:
        return self.missing_label or self.label


STEPS: tuple[Step, ...] = (
    Step("self_summary", "个人总结", frozenset({CADRE}), "self_summary_at"),
    Step("receiving", "接收单位评价", frozenset({RECEIVE}), "receiving_at", "receiving_by"),
    Step("democratic", "民主测评", frozenset({RECEIVE, ORG}), "democratic_at", "democratic_by"),
    Step("talks", "个别谈话和调查核实", frozenset({ORG}), "talks_at", "talks_by"),
    Step("dispatch", "派出单位意见", frozenset({DISPATCH}), "dispatch_at", "dispatch_by"),
    Step("conclusion", "组织部门鉴定", frozenset({ORG}), "conclusion_at", "conclusion_by", "组织部门鉴定意见"),
)
FINALIZE = Step("finalize", "定稿", frozenset({ORG}), "finalized_at", "finalized_by")
STEP_BY_KEY: dict[str, Step] = {step.key: step for step in (*STEPS, FINALIZE)}

A = Appraisal.Status
LOCKED = "鉴定已定稿，不能再修改；如需更正，请创建更正版本。"
CLOSED = "挂职已终止，鉴定随之终止，不能再填写。"

APPRAISAL_TRANSITIONS: dict[str, Transition] = {
    **{
        step.key: Transition(
            step.label,
            (A.OPEN,),
            A.OPEN,
            step.roles | {SYSTEM},
            refusal={A.FINALIZED: LOCKED, A.CLOSED: CLOSED},
            forbidden=f"“{step.label}”不由您填写。",
        )
        for step in STEPS
    },
    # finalizing locks the appraisal for good
    "finalize": Transition(
        FINALIZE.label,
        (A.OPEN,),
        A.FINALIZED,
        FINALIZE.roles | {SYSTEM},
        refusal={A.FINALIZED: LOCKED, A.CLOSED: CLOSED},
        forbidden="“定稿”不由您填写。",
    ),
    # a correction leaves the finalized version as it is: the new version it creates is open
    "correct": Transition(
        "更正",
        (A.FINALIZED,),
        A.OPEN,
        frozenset({ORG, SYSTEM}),
        needs_reason=True,
        refusal="鉴定尚未定稿，可直接修改。",
        forbidden="只有组织部门可以更正鉴定。",
    ),
    # a terminated posting is not appraised (rule 6): an appraisal still open when it is terminated
    # closes, and its reminders stop (assessments.receivers)
    "close": Transition(
        "终止鉴定",
        (A.OPEN,),
        A.CLOSED,
        frozenset({SYSTEM}),
        needs_reason=True,
        refusal="鉴定已定稿，不能终止。",
        forbidden="鉴定随挂职终止而终止，不能单独终止。",
    ),
}
# the history's names for every appraisal event, opening included
STEP_LABELS: dict[str, str] = {"open": "启动鉴定", **{key: t.label for key, t in APPRAISAL_TRANSITIONS.items()}}
STEP_ROLES: dict[str, set[str]] = {step.key: set(step.roles) for step in (*STEPS, FINALIZE)}


def next_step(appraisal: Appraisal) -> Step | None:
    """The first step in order that is not done yet."""
    return next((step for step in STEPS if getattr(appraisal, step.done_field) is None), None)


Y = AnnualAssessment.Status
ANNUAL_TRANSITIONS: dict[str, Transition] = {
    # "": the year's assessment does not exist yet; proposing again resets the dispatching opinion
    "propose": Transition(
        "提出建议等次",
        ("", Y.PROPOSED, Y.OPINION),
        Y.PROPOSED,
        frozenset({RECEIVE, SYSTEM}),
        refusal="等次已确定，不能再提出建议等次。",
        forbidden="年度考核建议等次由接收单位提出。",
    ),
    "opinion": Transition(
        "提出派出单位意见",
        (Y.PROPOSED, Y.OPINION),
        Y.OPINION,
        frozenset({DISPATCH, SYSTEM}),
        refusal="等次已确定。",
        forbidden="派出单位意见由派出单位联系人填写。",
    ),
    # seed 004 (the default practice): the receiving unit determines the grade after the opinion …
    "determine": Transition(
        "确定等次",
        (Y.OPINION,),
        Y.DETERMINED,
        frozenset({RECEIVE, SYSTEM}),
        refusal={
            Y.PROPOSED: "须先征求派出单位意见，再确定等次。",
            Y.DETERMINED: "等次已确定。",
            Y.CONFIRMED: "等次已确定并备案。",
        },
        forbidden="年度考核等次由接收单位确定。",
    ),
    # … and the org department records it
    "record": Transition(
        "组织部门备案",
        (Y.DETERMINED,),
        Y.CONFIRMED,
        frozenset({ORG, SYSTEM}),
        refusal={Y.CONFIRMED: "已备案。"},
        forbidden="年度考核结果由组织部门备案。",
    ),
    # where the jurisdiction's practice is that the org department determines the grade (AnnualPractice)
    "confirm": Transition(
        "组织部门确定等次",
        (Y.OPINION,),
        Y.CONFIRMED,
        frozenset({ORG, SYSTEM}),
        refusal={
            Y.PROPOSED: "须先征求派出单位意见，再确定等次。",
            Y.DETERMINED: "等次已确定。",
            Y.CONFIRMED: "等次已确定并备案。",
        },
        forbidden="年度考核等次确定不由您填写。",
    ),
}
# the actions that determine the grade, by the practice that allows each (AnnualPractice.Determiner)
DETERMINING_ACTION = {"receiving_unit": "determine", "org_department": "confirm"}


def allowed_actions(status: str, roles: set[str]) -> list[str]:
    """The appraisal actions these roles may take from `status`."""
    return allowed(APPRAISAL_TRANSITIONS, status, roles)


def annual_allowed_actions(status: str, roles: set[str]) -> list[str]:
    return allowed(ANNUAL_TRANSITIONS, status, roles)


# 民主测评（扫码）(issue 20): a phone vote runs (opened with its codes) until closed — at the window's end by
# the worker, or by hand — and may be reopened with a reason; performed by
# `services.votes.democratic_vote_transition`. The organizing side (the org department; the receiving unit
# too where DemocraticVotePractice says so) acts: `access.vote_organizer_roles`.
V = DemocraticVote.Status
VOTE_FORBIDDEN = "扫码民主测评不由您组织。"
VOTE_TRANSITIONS: dict[str, Transition] = {
    "close": Transition(
        "结束测评",
        (V.OPEN,),
        V.CLOSED,
        frozenset({ORG, RECEIVE, SYSTEM}),
        refusal="测评已经结束。",
        forbidden=VOTE_FORBIDDEN,
    ),
    "reopen": Transition(
        "重新开放测评",
        (V.CLOSED,),
        V.OPEN,
        frozenset({ORG, RECEIVE, SYSTEM}),
        needs_reason=True,
        refusal="测评正在进行，无须重新开放。",
        forbidden=VOTE_FORBIDDEN,
    ),
}
