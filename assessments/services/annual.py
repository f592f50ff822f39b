"""Annual assessment (年度考核) services: propose (receiving unit), opinion (dispatching unit), then the
grade is determined as the jurisdiction's practice says — by the receiving unit and recorded (备案) by
the org department (seed 004, the default), or by the org department — each step records who and when
(rules 8, 10 and 12). One assessment per posting per year, the year within the posting's term."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import audit_log_record
from core.workflow import transition_check
from secondment.models import Posting

from .. import access
from ..models import AnnualAssessment, AnnualPractice
from ..practice import annual_determiner_for
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
    if not access.annual_action_fits_practice(action, assessment.posting):
        determiner = AnnualPractice.Determiner(annual_determiner_for(assessment.posting))
        raise PermissionDenied(f"本地做法为“{determiner.label}”，不能{transition.label}。")
    record = {"from": status}
    if apply is not None:
        apply(assessment, record)
    assessment.status = transition.target
    assessment.save()
    audit_log_record(actor=acting_user, action=f"annual.{action}", target=assessment, data=record)
    return assessment


@transaction.atomic
def annual_propose(*, posting: Posting, year: int, grade, comments: str, acting_user) -> AnnualAssessment:
    posting = Posting.objects.select_related("batch__organizer").get(pk=posting.pk)  # its current status
    existing = AnnualAssessment.objects.filter(posting=posting, year=year).first()

    def propose(assessment: AnnualAssessment, record: dict) -> None:
        if posting.status not in access.ANNUAL_POSTING_STATUSES:
            raise ValidationError(gettext("在岗的挂职干部才参加年度考核。"))
        first, last = annual_years_of(posting)
        if not first <= year <= last:
            term = f"{first}年度" if first == last else f"{first}至{last}年度"
            span = f"{posting.start_date:%Y年%m月%d日}至{posting.end_date:%Y年%m月%d日}"
            raise ValidationError({"year": f"年度须在挂职期限内（{span}，即{term}），不能为{year}年度。"})
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


def annual_years_of(posting: Posting) -> tuple[int, int]:
    """The years an annual assessment may be for: those the posting's term touches."""
    return posting.start_date.year, posting.end_date.year


def _grade_of(assessment: AnnualAssessment, grade) -> None:
    if grade is None:
        raise ValidationError({"grade": gettext("请选择考核等次。")})
    if grade.scale_id != assessment.proposed_grade.scale_id:
        raise ValidationError({"grade": gettext("确定等次须与建议等次属于同一等次体系。")})


@transaction.atomic
def annual_determine(*, assessment: AnnualAssessment, grade, acting_user) -> AnnualAssessment:
    """The receiving unit determines the grade after the dispatching unit's opinion (seed 004)."""

    def determine(assessment: AnnualAssessment, record: dict) -> None:
        _grade_of(assessment, grade)
        assessment.final_grade = grade
        assessment.determined_by, assessment.determined_at = _stamp(acting_user), timezone.now()
        record["grade"] = str(grade)

    return annual_transition(assessment=assessment, action="determine", acting_user=acting_user, apply=determine)


@transaction.atomic
def annual_record(*, assessment: AnnualAssessment, acting_user) -> AnnualAssessment:
    """The org department records (备案) the grade the receiving unit determined."""

    def record_it(assessment: AnnualAssessment, record: dict) -> None:
        assessment.confirmed_by, assessment.confirmed_at = _stamp(acting_user), timezone.now()
        record["grade"] = str(assessment.final_grade)

    return annual_transition(assessment=assessment, action="record", acting_user=acting_user, apply=record_it)


@transaction.atomic
def annual_confirm(*, assessment: AnnualAssessment, grade, acting_user) -> AnnualAssessment:
    """Where the practice is that the org department determines the grade: it does so after the
    dispatching unit's opinion is asked (rule 8), and that is also its record."""

    def confirm(assessment: AnnualAssessment, record: dict) -> None:
        _grade_of(assessment, grade)
        now, who = timezone.now(), _stamp(acting_user)
        assessment.final_grade = grade
        assessment.determined_by, assessment.determined_at = who, now
        assessment.confirmed_by, assessment.confirmed_at = who, now
        record["grade"] = str(grade)

    return annual_transition(assessment=assessment, action="confirm", acting_user=acting_user, apply=confirm)


@transaction.atomic
def annual_practice_save(
    *, jurisdiction, determiner: str, note: str = "", acting_user, practice: AnnualPractice | None = None
) -> AnnualPractice:
    """Set who determines the annual grade in a jurisdiction (admin); audited. Assessments already
    determined keep their grade; open ones follow the new practice from their next step."""
    if determiner not in AnnualPractice.Determiner.values:
        raise ValidationError({"determiner": gettext("请选择年度考核等次确定方。")})
    practice = practice or AnnualPractice()
    practice.jurisdiction, practice.determiner, practice.note = jurisdiction, determiner, note.strip()
    practice.full_clean()
    practice.save()
    audit_log_record(
        actor=acting_user,
        action="annual.practice",
        target=practice,
        data={"jurisdiction": jurisdiction.pk, "determiner": determiner},
    )
    return practice
