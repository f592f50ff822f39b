"""Who sees the dashboard's pages (STYLE.md "Access next to the entity").

- `dashboard_actions(user)`: "statistics" (the statistics dashboard and its Excel) and "reminder_log"
  (提醒发送记录), for the org department's staff and the administrator;
- `reminders_visible_to(user)`: the reminder log's rows — all for the administrator; for org staff,
  the reminders about postings they see and those sent to themselves.

The pages assert these (`dashboard_require`); the templates read `dashboard_actions` from the
context (`dashboard.context_processors.dashboard_access`).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from accounts.roles import roles_of
from core.models import Reminder
from secondment.access import postings_visible_to
from secondment.models import Posting


def dashboard_actions(user) -> set[str]:
    roles = roles_of(user)
    if roles.is_admin or roles.is_org_staff:
        return {"statistics", "reminder_log"}
    return set()


def dashboard_require(user, action: str) -> None:
    """403 unless the user may take `action` (a page of the dashboard)."""
    if action not in dashboard_actions(user):
        raise PermissionDenied


def reminders_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Reminder.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    if "reminder_log" not in dashboard_actions(user):
        return qs.none()
    about_postings = Q(
        subject_type=ContentType.objects.get_for_model(Posting),
        subject_id__in=postings_visible_to(user).values("pk"),
    )
    return qs.filter(about_postings | Q(recipient=user))
