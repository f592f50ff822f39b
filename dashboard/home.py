"""What each role needs to act on now, for the home pages (counts and short lists, scoped)."""

from django.utils import timezone

from accounts.models import Role
from accounts.roles import roles_of
from secondment.models import Posting

from . import todo


def org_todo(user) -> dict:
    """Counts of the org department's to-dos, by key (dashboard.todo)."""
    return {t.key: n for t, n in todo.todos_for(user, todo.ORG)}


def receiving_todo(user) -> dict:
    units = roles_of(user).unit_ids.get(Role.RECEIVE_CONTACT, ())
    mine = Posting.objects.filter(receiving_unit_id__in=units)
    todos = todo.todos_for(user, todo.RECEIVE)
    counts = {t.key: n for t, n in todos}
    return {
        **counts,
        "todos": todos,
        "cadres": list(mine.active().select_related("cadre").order_by("end_date")[:20]),
        "arrival_list": list(todo.receive_arrivals(user)[:10]),
    }


def dispatching_todo(user) -> dict:
    units = roles_of(user).unit_ids.get(Role.DISPATCH_CONTACT, ())
    mine = Posting.objects.filter(dispatching_unit_id__in=units)
    todos = todo.todos_for(user, todo.DISPATCH)
    counts = {t.key: n for t, n in todos}
    return {
        **counts,
        "todos": todos,
        "cadres": list(mine.active().select_related("cadre", "receiving_unit").order_by("end_date")[:20]),
        # the opinions asked of the dispatching unit: appraisal, annual assessment, extension
        "opinions": counts["appraisal_opinions"] + counts["annual_opinions"] + counts["extension_consents"],
        "quotas": list(todo.dispatch_open_batches(user).values("pk", "name", "nomination_deadline")),
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
