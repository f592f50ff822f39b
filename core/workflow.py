"""The shape every state machine in the product shares (STYLE: "Every state machine is a transition
table"): an action leaves from some states, leads to one, and may be taken by some roles.

Each app with states keeps its own table in its `workflow.py` (`secondment.workflow` for the posting
is the model) and one service that performs it; `transition_check` is how that service refuses,
with the same Chinese messages everywhere.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

SYSTEM = "system"  # periodic tasks and operators' commands (acting_user=None)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: decided by the action (a shortened posting may stay on post)
    roles: frozenset[str]
    needs_reason: bool = False
    # said instead of the generic "当前为…，不能…" when the source state is wrong; a mapping gives one
    # message per state the record is in
    refusal: str | Mapping[str, str] = ""
    forbidden: str = ""  # said instead of the generic "您无权…" when the role is wrong


def allowed(table: Mapping[str, Transition], status: str, roles: Iterable[str]) -> list[str]:
    """The actions of `table` that these roles may take from `status`, in the table's order."""
    held = set(roles)
    return [name for name, t in table.items() if status in t.sources and held & t.roles]


def transition_check(
    table: Mapping[str, Transition],
    action: str,
    *,
    status: str,
    roles: Iterable[str],
    subject: str,
    status_label: str = "",
    reason: str | None = None,
    forbidden: str = "",
    state_first: bool = False,
) -> Transition:
    """The transition `action` of `table` if it may be taken now, else PermissionDenied (wrong role) or
    ValidationError (wrong state, missing reason). `subject` names the thing (挂职, 请假…); `forbidden`
    says who may instead, where that depends on the record (a leave's approver).

    The role is checked first: who may not act learns nothing about the state. `state_first` turns
    that round where the state is the news for everyone (a finalized appraisal is locked, whoever asks).
    """
    transition = table.get(action)
    if transition is None:
        raise ValidationError(gettext("未知的操作。"))

    def check_role():
        if not set(roles) & transition.roles:
            default = f"您无权对该{subject}执行“{transition.label}”。"
            raise PermissionDenied(forbidden or transition.forbidden or default)

    if not state_first:
        check_role()
    if status not in transition.sources:
        refusal = transition.refusal.get(status, "") if isinstance(transition.refusal, Mapping) else transition.refusal
        raise ValidationError(
            refusal or f"{subject}当前为“{status_label or status or '未建立'}”，不能{transition.label}。"
        )
    if state_first:
        check_role()
    if transition.needs_reason and reason is not None and not reason.strip():
        raise ValidationError({"reason": f"{transition.label}须填写理由。"})
    return transition
