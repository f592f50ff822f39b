"""What each role needs to act on now, for the home pages (counts and short lists, scoped)."""

from django.utils import timezone

from accounts.models import Role
from accounts.roles import roles_of
from secondment.access import batches_managed_by, postings_visible_to
from secondment.filters import long_absence, rectification_overdue
from secondment.models import Batch, ExtensionRequest, Nomination, Posting
from secondment.selectors import termination_queue_for_user

# A terminated or completed posting is closed everywhere (rule 11): it puts nothing on anyone's to-do list.
CLOSED = (Posting.Status.TERMINATED, Posting.Status.COMPLETED)


def org_todo(user) -> dict:
    from assessments.models import Appraisal
    from reports.selectors import reports_awaiting_review

    today = timezone.localdate()
    postings = postings_visible_to(user, Posting.objects.all())
    return {
        "nominations": Nomination.objects.filter(batch__in=batches_managed_by(user), status="nominated").count(),
        "arrivals_overdue": postings.arrival_overdue(today).count(),
        "reports_waiting": reports_awaiting_review(user=user).count(),
        "appraisals_to_conclude": Appraisal.objects.filter(
            posting__in=postings, status="open", dispatch_at__isnull=False
        ).count(),
        "rectifications_overdue": rectification_overdue(postings.exclude(status__in=CLOSED), today).count(),
        "long_absences": long_absence(postings).count(),
        "terminations_waiting": termination_queue_for_user(user=user).count(),
    }


def receiving_todo(user) -> dict:
    from assessments.models import Appraisal
    from secondment.services.leave import leave_requests_awaiting

    units = roles_of(user).unit_ids.get(Role.RECEIVE_CONTACT, ())
    mine = Posting.objects.filter(receiving_unit_id__in=units)
    return {
        "cadres": list(mine.active().select_related("cadre").order_by("end_date")[:20]),
        "arrivals": list(mine.filter(status="appointed").select_related("cadre")),
        "leave": leave_requests_awaiting(user)
        .filter(posting__receiving_unit_id__in=units)
        .exclude(posting__status__in=CLOSED)
        .count(),
        "evaluations": Appraisal.objects.filter(posting__in=mine, status="open", receiving_at__isnull=True).count(),
    }


def dispatching_todo(user) -> dict:
    from assessments.models import AnnualAssessment, Appraisal

    units = roles_of(user).unit_ids.get(Role.DISPATCH_CONTACT, ())
    mine = Posting.objects.filter(dispatching_unit_id__in=units)
    return {
        "cadres": list(mine.active().select_related("cadre", "receiving_unit").order_by("end_date")[:20]),
        "opinions": Appraisal.objects.filter(
            posting__in=mine, status="open", dispatch_at__isnull=True, receiving_at__isnull=False
        ).count()
        + AnnualAssessment.objects.filter(posting__in=mine.exclude(status__in=CLOSED), status="proposed").count()
        + ExtensionRequest.objects.filter(posting__in=mine.exclude(status__in=CLOSED), decision="consent").count(),
        "quotas": list(
            Batch.objects.filter(status="open", quotas__dispatching_unit_id__in=units)
            .distinct()
            .values("pk", "name", "nomination_deadline")
        ),
    }


def cadre_todo(user) -> dict:
    from assessments.models import Appraisal
    from assessments.workflow import STEPS

    roles = roles_of(user)
    posting = Posting.objects.filter(cadre_id=roles.cadre_id).active().select_related("receiving_unit").first()
    appraisal = Appraisal.objects.filter(posting=posting).order_by("-version").first() if posting else None
    today = timezone.localdate()
    return {
        "days_left": (posting.end_date - today).days if posting else None,
        "leave_pending": posting.leave_requests.filter(status="pending").count() if posting else 0,
        "appraisal": appraisal,
        # the steps as assessments.workflow lists them, not a copy of the list
        "appraisal_done": sum(1 for step in STEPS if appraisal and getattr(appraisal, step.done_field)),
        "appraisal_steps": len(STEPS),
    }


__all__ = ["cadre_todo", "dispatching_todo", "org_todo", "receiving_todo"]
