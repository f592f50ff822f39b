"""Statistics for the org department's dashboard, by database aggregation: a fixed number of queries
whatever the data size. Everything is scoped to the user's jurisdiction and the chosen filters, and
cached per jurisdiction, filters and day under the data version (core.stats_cache): one query when
nothing changed since they were computed."""

from dataclasses import astuple, dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from accounts.roles import roles_of
from core.stats_cache import cached_stats
from reports.models import WorkReport
from secondment.access import postings_visible_to
from secondment.filters import long_absence, rectification_overdue
from secondment.models import Posting


@dataclass
class DashboardFilters:
    year: int | None = None
    batch_id: int | None = None
    kind_id: int | None = None
    county_id: int | None = None


def scoped_postings(user, f: DashboardFilters):
    qs = postings_visible_to(user, Posting.objects.all())
    if f.year:
        qs = qs.filter(batch__year=f.year)
    if f.batch_id:
        qs = qs.filter(batch_id=f.batch_id)
    if f.kind_id:
        qs = qs.filter(batch__kind_id=f.kind_id)
    if f.county_id:
        from cadres.models import Unit

        county = Unit.objects.filter(pk=f.county_id).first()
        qs = qs.filter(receiving_unit__path__startswith=county.path) if county else qs.none()
    return qs


def dashboard(user, f: DashboardFilters, today=None) -> dict:
    today = today or timezone.localdate()
    key = (roles_of(user).scope_key(), astuple(f), today)
    return cached_stats("dashboard", key, lambda: _dashboard(user, f, today))


def _dashboard(user, f: DashboardFilters, today) -> dict:
    from assessments.models import AfterSecondment, AnnualAssessment, Appraisal

    postings = scoped_postings(user, f)
    # in lifecycle order (the order Posting.Status lists them), not alphabetically by code
    counts = {r["status"]: r["n"] for r in postings.values("status").annotate(n=Count("pk")).order_by()}
    by_status = [(str(label), value, counts[value]) for value, label in Posting.Status.choices if value in counts]
    by_kind = [
        (r["batch__kind__name"], r["batch__kind_id"], r["n"])
        for r in postings.values("batch__kind_id", "batch__kind__name")
        .annotate(n=Count("pk"))
        .order_by("batch__kind_id")
    ]
    by_region = [
        (r["receiving_unit__region"] or "未填写", r["n"])
        for r in postings.filter(status="on_post")
        .values("receiving_unit__region")
        .annotate(n=Count("pk"))
        .order_by("-n", "receiving_unit__region")
    ]
    reports = WorkReport.objects.filter(posting__in=postings, out_of_term=False, due_date__lt=today)
    # grouped by the quarter the report's period ends in (a Q3 report is due in October: it counts for Q3)
    compliance = [
        {
            "period": f"{r['y']}年第{r['q']}季度",
            "due": r["due"],
            "on_time": r["on_time"],
            "rate": round(100 * r["on_time"] / r["due"]) if r["due"] else None,
        }
        for r in reports.annotate(y=ExtractYear("period_end"), q=ExtractQuarter("period_end"))
        .values("y", "q")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=Q(submitted_late=False)))
        .order_by("y", "q")
    ]
    annual = [
        (r["final_grade__name"], r["n"])
        for r in AnnualAssessment.objects.filter(posting__in=postings, status="confirmed")
        .values("final_grade__name", "final_grade__order")
        .annotate(n=Count("pk"))
        .order_by("final_grade__order")
    ]
    appraisal = [
        (r["final_grade__name"], r["n"])
        for r in Appraisal.objects.filter(posting__in=postings, status="finalized", correction__isnull=True)
        .values("final_grade__name", "final_grade__order")
        .annotate(n=Count("pk"))
        .order_by("final_grade__order")
    ]
    promoted = AfterSecondment.objects.filter(
        posting=OuterRef("pk"), outcome="promoted", date__lte=F("posting__end_date") + timedelta(days=365)
    )
    finished = postings.filter(status="completed").aggregate(
        total=Count("pk"), promoted=Count("pk", filter=Q(Exists(promoted)))
    )
    overdue = {
        "arrival": postings.arrival_overdue(today).count(),
        "reports": reports.filter(first_submitted_at__isnull=True).count(),
        "rectification": rectification_overdue(postings, today).count(),
        "absence": long_absence(postings).count(),
    }
    return {
        "by_status": by_status,
        "by_kind": by_kind,
        "by_region": by_region,
        "compliance": compliance,
        "annual": annual,
        "appraisal": appraisal,
        "after": {
            **finished,
            "share": round(100 * finished["promoted"] / finished["total"]) if finished["total"] else None,
        },
        "overdue": overdue,
    }
