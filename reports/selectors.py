"""Reads of work reports: one report for a user (404 outside scope), the reviewers' queue, compliance."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from accounts.roles import roles_of
from core.stats_cache import cached_count, cached_stats
from secondment.models import Posting

from .access import work_reports_visible_to
from .models import ReportCycle, WorkReport


def work_report_get_for_user(*, user, pk: int) -> WorkReport:
    """One report with what its pages show; the same 404 for a missing report and one out of scope."""
    report = (
        work_reports_visible_to(user)
        .select_related(
            "posting__cadre", "posting__receiving_unit", "posting__dispatching_unit", "posting__batch", "cycle"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404(gettext("工作汇报不存在或不在您的权限范围内"))
    return report


def _awaiting_review(user) -> QuerySet:
    """The queue's own conditions (what this user reviews), without the visibility filter they imply."""
    from accounts.models import Role
    from accounts.roles import roles_of
    from secondment.access import batches_managed_by

    roles = roles_of(user)
    to_org = Q(cycle__recipient=ReportCycle.Recipient.ORG_DEPT)
    if not roles.is_admin:
        to_org &= Q(posting__batch__in=batches_managed_by(user))
    to_unit = ~Q(cycle__recipient=ReportCycle.Recipient.ORG_DEPT)
    if not roles.is_admin:
        to_unit &= Q(posting__dispatching_unit_id__in=roles.unit_ids.get(Role.DISPATCH_CONTACT, ()))
    return (
        WorkReport.objects.filter(status=WorkReport.Status.SUBMITTED)
        .filter(to_org | to_unit)
        # a terminated or completed posting is closed everywhere (rule 11): its last report stays readable
        # and reviewable from the posting, but waits in nobody's queue
        .exclude(posting__status__in=Posting.CLOSED_STATUSES)
        .order_by("submitted_at", "id")
    )


def reports_awaiting_review(*, user) -> QuerySet:
    """Submitted reports this user reviews: quarterly reports of the batches their org department
    organizes; half-yearly (and monthly) reports of the units they are dispatching contact for; none of a
    closed posting."""
    return work_reports_visible_to(user, _awaiting_review(user)).select_related(
        "posting__cadre", "posting__receiving_unit", "posting__dispatching_unit", "cycle"
    )


def review_queue_page(*, user, number, per_page: int):
    """A page of the queue: (the Paginator page, its reports with cadre and units, without their bodies).
    The page is counted and picked by the queue's conditions alone — the batches a user's org department
    organizes and the units they are contact for lie within what they see, and joining a city's 4,000
    waiting reports to the visibility condition was most of the time (issue 18); the page's own rows are
    then read through `reports_awaiting_review`, visibility included."""
    from django.core.paginator import Paginator

    queue = _awaiting_review(user).only("pk")
    paginator = Paginator(queue, per_page)
    # a city waits on 4,000 reports: counted once per jurisdiction and data version
    paginator.count = cached_count("review_queue", roles_of(user).scope_key(), None, queue)
    page = paginator.get_page(number)
    ids = [report.pk for report in page.object_list]
    # the columns the queue shows, of the records it shows (a row built six whole records; issue 18)
    shown = ("period_start", "period_end", "submitted_at", "cycle__name", "posting__cadre__name")
    shown += ("posting__receiving_unit__name",)
    rows = (
        reports_awaiting_review(user=user)
        .filter(pk__in=ids)
        .select_related(None)
        .select_related("cycle", "posting__cadre", "posting__receiving_unit")
        .only(*shown)
        if ids
        else []
    )
    return page, rows


def report_compliance(*, user, today=None, group_by: str = "batch") -> list[dict]:
    """Per batch (or per receiving unit): reports due so far, submitted on time, late, missing —
    one aggregate query whatever the number of reports, cached per jurisdiction and day under the data
    version (core.stats_cache)."""
    today = today or timezone.localdate()
    scope = roles_of(user).scope_key()
    return cached_stats(
        "report_compliance", (scope, group_by, today), lambda: _report_compliance(user, today, group_by)
    )


def _report_compliance(user, today, group_by: str) -> list[dict]:
    key = {
        "batch": ("posting__batch_id", "posting__batch__name"),
        "unit": ("posting__receiving_unit_id", "posting__receiving_unit__name"),
    }[group_by]
    due = Q(due_date__lt=today) | Q(first_submitted_at__isnull=False)
    rows = (
        work_reports_visible_to(user)
        .filter(out_of_term=False)
        .values(*key)
        .annotate(
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=Q(submitted_late=False)),
            late=Count("pk", filter=Q(submitted_late=True)),
            missing=Count("pk", filter=Q(first_submitted_at__isnull=True, due_date__lt=today)),
            upcoming=Count("pk", filter=Q(first_submitted_at__isnull=True, due_date__gte=today)),
        )
        .order_by(key[1])
    )
    return [
        {
            "id": r[key[0]],
            "name": r[key[1]],
            "due": r["due"],
            "on_time": r["on_time"],
            "late": r["late"],
            "missing": r["missing"],
            "upcoming": r["upcoming"],
            "rate": round(100 * r["on_time"] / r["due"]) if r["due"] else None,
        }
        for r in rows
    ]


def reports_missing(*, user, today=None) -> QuerySet:
    """逾期未报: reports past their due date and never submitted, of postings still running (a closed
    posting owes nothing, rule 11), within the user's scope; by batch, receiving unit, cadre, due date."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return (
        work_reports_visible_to(user)
        .filter(out_of_term=False, first_submitted_at__isnull=True, due_date__lt=today)
        .exclude(posting__status__in=Posting.CLOSED_STATUSES)
        .select_related(
            "posting__cadre", "posting__batch", "posting__receiving_unit", "posting__dispatching_unit", "cycle"
        )
        .order_by("posting__batch__name", "posting__receiving_unit__name", "posting__cadre__name", "due_date", "id")
    )
