"""Annual assessment (年度考核) services: propose (receiving unit), opinion (dispatching unit),
confirm (org department) — each records who and when (rule 8)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import audit_log_record
from core.workflow import transition_check
from secondment.models import Posting

from .. import access
from ..models import AnnualAssessment
from ..workflow import ANNUAL_TRANSITIONS


def _stamp(user):
    return user if getattr(user, "pk", None) else None


@transaction.atomic
def annual_transition(
    *,
    assessment: AnnualAssessment,
    action: str,
    acting_user,
    apply: Callable[[AnnualAssessment, dict], None] | None = None,
) -> AnnualAssessment:
    """Perform one action of assessments.workflow.ANNUAL_TRANSITIONS: the one place that changes an
    annual assessment's status. A saved row is locked first; an unsaved one (the year's first
    proposal) leaves from "". `apply(assessment, record)` validates and sets the action's fields and
    adds to the audit row's data, which is the annual assessment's history."""
    if assessment.pk is not None:
        assessment = (
            AnnualAssessment.objects.select_for_update(of=("self",)).select_related("posting").get(pk=assessment.pk)
        )
    status = assessment.status if assessment.pk is not None else ""
    transition = transition_check(
        ANNUAL_TRANSITIONS,
        action,
        status=status,
        status_label=assessment.get_status_display() if status else "",
        roles=access.annual_assessment_roles(acting_user, assessment),
        subject="年度考核",
    )
    record = {"from": status}
    if apply is not None:
        apply(assessment, record)
    assessment.status = transition.target
    assessment.save()
    audit_log_record(actor=acting_user, action=f"annual.{action}", target=assessment, data=record)
    return assessment


@transaction.atomic
def annual_propose(*, posting: Posting, year: int, grade, comments: str, acting_user) -> AnnualAssessment:
    existing = AnnualAssessment.objects.filter(posting=posting, year=year).first()

    def propose(assessment: AnnualAssessment, record: dict) -> None:
        if posting.status not in access.ANNUAL_POSTING_STATUSES:
            raise ValidationError(gettext("在岗的挂职干部才参加年度考核。"))
        if not comments.strip():
            raise ValidationError({"comments": gettext("请填写评语。")})
        assessment.proposed_grade, assessment.proposed_comments = grade, comments.strip()
        assessment.proposed_by, assessment.proposed_at = _stamp(acting_user), timezone.now()
        # a new proposal asks the dispatching unit again
        assessment.dispatch_opinion, assessment.dispatch_by, assessment.dispatch_at = "", None, None
        record["grade"] = str(grade)

    return annual_transition(
        assessment=existing or AnnualAssessment(posting=posting, year=year),
        action="propose",
        acting_user=acting_user,
        apply=propose,
    )


@transaction.atomic
def annual_dispatch_opinion(*, assessment: AnnualAssessment, opinion: str, acting_user) -> AnnualAssessment:
    def give(assessment: AnnualAssessment, record: dict) -> None:
        if not opinion.strip():
            raise ValidationError({"opinion": gettext("请填写意见。")})
        assessment.dispatch_opinion, assessment.dispatch_by, assessment.dispatch_at = (
            opinion.strip(),
            _stamp(acting_user),
            timezone.now(),
        )

    return annual_transition(assessment=assessment, action="opinion", acting_user=acting_user, apply=give)


@transaction.atomic
def annual_confirm(*, assessment: AnnualAssessment, grade, acting_user) -> AnnualAssessment:
    """The grade is set after the dispatching unit's opinion is asked (rule 8)."""

    def confirm(assessment: AnnualAssessment, record: dict) -> None:
        assessment.final_grade, assessment.confirmed_by, assessment.confirmed_at = (
            grade,
            _stamp(acting_user),
            timezone.now(),
        )
        record["grade"] = str(grade)

    return annual_transition(assessment=assessment, action="confirm", acting_user=acting_user, apply=confirm)
