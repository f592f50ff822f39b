"""Annual assessment (年度考核) services: propose (receiving unit), opinion (dispatching unit),
confirm (org department) — each records who and when (rule 8)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import audit_log_record
from secondment.models import Posting
from secondment.services.postings import posting_roles

from ..models import AnnualAssessment


def _stamp(user):
    return user if getattr(user, "pk", None) else None


def _require(posting, roles_needed: set[str], acting_user, label: str) -> None:
    if not posting_roles(acting_user, posting) & (roles_needed | {"system"}):
        raise PermissionDenied(f"{label}不由您填写。")


@transaction.atomic
def annual_propose(*, posting: Posting, year: int, grade, comments: str, acting_user) -> AnnualAssessment:
    _require(posting, {"receive_contact"}, acting_user, "年度考核建议等次")
    if posting.status not in (Posting.Status.ON_POST, Posting.Status.TERM_ENDED):
        raise ValidationError(gettext("在岗的挂职干部才参加年度考核。"))
    if not comments.strip():
        raise ValidationError({"comments": gettext("请填写评语。")})
    existing = AnnualAssessment.objects.select_for_update().filter(posting=posting, year=year).first()
    if existing and existing.status == AnnualAssessment.Status.CONFIRMED:
        raise ValidationError(f"{year}年度考核等次已确定。")
    assessment, _ = AnnualAssessment.objects.update_or_create(
        posting=posting,
        year=year,
        defaults={
            "proposed_grade": grade,
            "proposed_comments": comments.strip(),
            "proposed_by": _stamp(acting_user),
            "proposed_at": timezone.now(),
            "status": AnnualAssessment.Status.PROPOSED,
            "dispatch_opinion": "",
            "dispatch_by": None,
            "dispatch_at": None,
        },
    )
    audit_log_record(actor=acting_user, action="annual.propose", target=assessment, data={"grade": str(grade)})
    return assessment


@transaction.atomic
def annual_dispatch_opinion(*, assessment: AnnualAssessment, opinion: str, acting_user) -> AnnualAssessment:
    assessment = (
        AnnualAssessment.objects.select_for_update(of=("self",)).select_related("posting").get(pk=assessment.pk)
    )
    _require(assessment.posting, {"dispatch_contact"}, acting_user, "派出单位意见")
    if assessment.status == AnnualAssessment.Status.CONFIRMED:
        raise ValidationError(gettext("等次已确定。"))
    if not opinion.strip():
        raise ValidationError({"opinion": gettext("请填写意见。")})
    assessment.dispatch_opinion, assessment.dispatch_by, assessment.dispatch_at = (
        opinion.strip(),
        _stamp(acting_user),
        timezone.now(),
    )
    assessment.status = AnnualAssessment.Status.OPINION
    assessment.save()
    audit_log_record(actor=acting_user, action="annual.opinion", target=assessment)
    return assessment


@transaction.atomic
def annual_confirm(*, assessment: AnnualAssessment, grade, acting_user) -> AnnualAssessment:
    """The grade is set after the dispatching unit's opinion is asked (rule 8)."""
    assessment = (
        AnnualAssessment.objects.select_for_update(of=("self",)).select_related("posting").get(pk=assessment.pk)
    )
    _require(assessment.posting, {"org_staff"}, acting_user, "年度考核等次确定")
    if assessment.status != AnnualAssessment.Status.OPINION:
        raise ValidationError(gettext("须先征求派出单位意见，再确定等次。"))
    assessment.final_grade, assessment.confirmed_by, assessment.confirmed_at = (
        grade,
        _stamp(acting_user),
        timezone.now(),
    )
    assessment.status = AnnualAssessment.Status.CONFIRMED
    assessment.save()
    audit_log_record(actor=acting_user, action="annual.confirm", target=assessment, data={"grade": str(grade)})
    return assessment
