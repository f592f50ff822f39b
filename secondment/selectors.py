"""Read selectors of the secondment app, scoped to the asking user."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import access
from .models import Batch, Nomination, Posting

AGE_BANDS = [(None, 30), (30, 35), (35, 40), (40, 45), (45, None)]


def batch_list_for_user(*, user) -> QuerySet[Batch]:
    return access.batches_visible_to(user).select_related("kind", "organizer")


def batch_get_for_user(*, user, pk: int) -> Batch:
    return access.batch_get_for_user(
        user=user, pk=pk, queryset=Batch.objects.select_related("kind", "organizer", "min_rank", "max_rank")
    )


def nomination_list_for_user(*, user) -> QuerySet[Nomination]:
    return access.nominations_visible_to(user, _nominations_with_related())


def _nominations_with_related() -> QuerySet[Nomination]:
    """With `on_secondment` (正在挂职): the cadre holds an active posting of another batch lasting into
    this batch's start."""
    overlapping = Posting.objects.filter(
        cadre=OuterRef("cadre"), status__in=Posting.ACTIVE_STATUSES, end_date__gte=OuterRef("batch__planned_start")
    ).exclude(batch=OuterRef("batch"))
    return Nomination.objects.annotate(on_secondment=Exists(overlapping)).select_related(
        "batch",
        "cadre",
        "cadre__rank",
        "cadre__political_status",
        "dispatching_unit",
        "offer",
        "offer__receiving_unit",
        "offer__post_title",
    )


def nomination_get_for_user(*, user, pk: int) -> Nomination:
    return access.nomination_get_for_user(user=user, pk=pk, queryset=_nominations_with_related())


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _band_q(reference: date, low: int | None, high: int | None) -> Q:
    """Age in [low, high) on `reference`, as a condition on cadre__birth_date."""
    q = Q()
    if low is not None:
        q &= Q(cadre__birth_date__lte=_years_before(reference, low))
    if high is not None:
        q &= Q(cadre__birth_date__gt=_years_before(reference, high))
    return q


def band_label(low, high) -> str:
    if low is None:
        return f"{high}岁以下"
    if high is None:
        return f"{low}岁及以上"
    return f"{low}–{high - 1}岁"


@dataclass
class Composition:
    total: int
    women: int
    minorities: int
    non_party: int
    reserve: int
    bands: list[tuple[str, int]]


def _composition_aggregates(prefix: str, within: Q, reference: date) -> dict:
    aggregates = {
        "total": Count("pk", filter=within),
        "women": Count("pk", filter=within & Q(cadre__gender="F")),
        "minorities": Count("pk", filter=within & ~Q(cadre__ethnicity__name="汉族")),
        "non_party": Count("pk", filter=within & Q(cadre__political_status__is_party_member=False)),
        "reserve": Count("pk", filter=within & Q(cadre__is_reserve=True)),
    }
    for i, (low, high) in enumerate(AGE_BANDS):
        aggregates[f"band{i}"] = Count("pk", filter=within & _band_q(reference, low, high))
    return {f"{prefix}{name}": value for name, value in aggregates.items()}


def _composition_from(row: dict, prefix: str) -> Composition:
    bands = [(band_label(low, high), row[f"{prefix}band{i}"]) for i, (low, high) in enumerate(AGE_BANDS)]
    return Composition(
        row[f"{prefix}total"],
        row[f"{prefix}women"],
        row[f"{prefix}minorities"],
        row[f"{prefix}non_party"],
        row[f"{prefix}reserve"],
        bands,
    )


def _compositions(queryset, reference: date, **groups: Q) -> dict[str, Composition]:
    """The composition of each group of `queryset` (a condition each), in one pass over its rows."""
    aggregates = {}
    for name, within in groups.items():
        aggregates.update(_composition_aggregates(f"{name}_", within, reference))
    row = queryset.aggregate(**aggregates)
    return {name: _composition_from(row, f"{name}_") for name in groups}


@dataclass
class BatchProgress:
    quotas: list  # BatchQuota with .used annotated
    by_status: list[tuple[str, int]]
    nominees: Composition
    selected: Composition
    postings: list[tuple[str, int]]  # postings of the batch by state


def batch_progress(*, batch: Batch, user) -> BatchProgress:
    """Quota filled per dispatching unit, nominations by state and the composition of the nominees
    and of the selected — a fixed number of queries whatever the batch's size. Only the nominations
    the user may see are counted. Cached per jurisdiction and batch under the data version
    (core.stats_cache): the composition of a province's batch aggregates 1,700 nominations (issue 18)."""
    from accounts.roles import roles_of
    from core.stats_cache import cached_stats

    key = (roles_of(user).scope_key(), batch.pk)
    return cached_stats("batch_progress", key, lambda: _batch_progress(batch, user))


def _batch_progress(batch: Batch, user) -> BatchProgress:
    visible = access.nominations_visible_to(user).filter(batch=batch)
    used = (
        Nomination.objects.active()
        .filter(batch=OuterRef("batch"), dispatching_unit=OuterRef("dispatching_unit"))
        .values("batch")
        .annotate(n=Count("pk"))
        .values("n")
    )
    quotas = list(
        batch.quotas.select_related("dispatching_unit")
        .annotate(used=Coalesce(Subquery(used), 0))
        .order_by("dispatching_unit__path")
    )
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = [(label, counts.get(value, 0)) for value, label in Nomination.Status.choices]
    # the nominees' and the selected's composition in one pass over the batch's nominations (issue 18)
    compositions = _compositions(
        visible,
        batch.reference_date,
        active=~Q(status=Nomination.Status.WITHDRAWN),
        chosen=Q(status__in=[Nomination.Status.SELECTED, Nomination.Status.POSTED]),
    )
    posting_counts = dict(
        access.postings_visible_to(user)
        .filter(batch=batch)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    postings = [(label, posting_counts.get(value, 0)) for value, label in Posting.Status.choices]
    return BatchProgress(quotas, by_status, compositions["active"], compositions["chosen"], postings)


def batch_ranking(*, batch: Batch, user, offer_pk=None) -> QuerySet[Nomination]:
    """Active nominations ranked by composite score, highest first; unscored at the end (`rank` None).
    Ranked in the database (a window over the batch's nominations), so a page of the ranking reads only
    its own rows: a province's batch ranks 1,750 nominations (issue 18)."""
    from django.db.models import Case, DecimalField, ExpressionWrapper, F, IntegerField, When, Window
    from django.db.models.functions import RowNumber

    composite = ExpressionWrapper(
        F("written_score") * batch.written_weight + F("interview_score") * batch.interview_weight,
        output_field=DecimalField(max_digits=6, decimal_places=2),
    )
    order = [F("composite").desc(nulls_last=True), F("id").asc()]
    qs = (
        access.nominations_visible_to(user, Nomination.objects.all())
        .filter(batch=batch)
        .exclude(status=Nomination.Status.WITHDRAWN)
        .annotate(composite=composite)
    )
    if offer_pk:
        qs = qs.filter(offer_id=offer_pk)
    # the unscored come last in the order, so the row number of a scored one is its rank
    position = Window(RowNumber(), order_by=order)
    rank = Case(When(composite__isnull=False, then=position), default=None, output_field=IntegerField())
    return qs.annotate(rank=rank).order_by(*order)


def batch_ranking_page(*, batch: Batch, user, offer_pk=None, number, per_page: int):
    """A page of the ranking: (the Paginator page, its nominations with cadre and dispatching unit, each
    with its `rank` and `composite`). The window runs over the nominations alone and the page's rows are
    read by id afterwards: joined to their cadres first, PostgreSQL hashed all 100,000 cadres to rank a
    batch of 1,700 (issue 18)."""
    from django.core.paginator import Paginator

    ranked = batch_ranking(batch=batch, user=user, offer_pk=offer_pk).values_list("pk", "rank")
    page = Paginator(ranked, per_page).get_page(number)
    from core.paginator import rows_in_order

    ranks = {pk: rank for pk, rank in page.object_list}
    shown = ("written_score", "interview_score", "inspection", "status", "cadre__name", "dispatching_unit__name")
    visible = access.nominations_visible_to(user, Nomination.objects.select_related("cadre", "dispatching_unit"))
    rows = rows_in_order(visible.only(*shown), ranks)
    for row in rows:
        row.rank = ranks[row.pk]
        # shown as the nomination's page shows it (to the fen): the database's sum orders the ranking, but
        # SQLite returns it as a float (88.6000000000000) and PostgreSQL with four places
        row.batch = batch
        row.composite = row.composite_score()
    return page, rows


def _postings_with_related() -> QuerySet[Posting]:
    return Posting.objects.select_related(
        "cadre", "batch", "batch__kind", "dispatching_unit", "receiving_unit"
    ).with_flags()


def posting_list_for_user(*, user) -> QuerySet[Posting]:
    return access.postings_visible_to(user, _postings_with_related())


def posting_get_for_user(*, user, pk: int) -> Posting:
    return access.posting_get_for_user(user=user, pk=pk, queryset=_postings_with_related())


def registration_form_context(*, nomination: Nomination) -> dict:
    """What the 《挂职干部基本情况登记表》 shows, for the printable page and the PDF alike."""
    from cadres.models import Cadre

    cadre = Cadre.objects.select_related("unit", "ethnicity", "political_status", "education", "degree", "rank").get(
        pk=nomination.cadre_id
    )
    return {
        "nomination": nomination,
        "cadre": cadre,
        "trainings": cadre.trainings.all()[:8],
        "age": cadre.age_on(nomination.batch.reference_date),
    }


def termination_evidence(*, posting: Posting) -> tuple[QuerySet, QuerySet]:
    """The posting's absence and inspection records a termination proposal may cite."""
    from .models import AbsenceRecord, Inspection

    return (
        AbsenceRecord.objects.filter(posting=posting).order_by("-start_date"),
        Inspection.objects.filter(posting=posting).order_by("-date"),
    )


def termination_queue_for_user(*, user, decision: str | None = "pending") -> QuerySet:
    """终止挂职建议 the user's org department decides (the decider's queue), oldest first."""
    from .models import TerminationProposal

    qs = access.termination_proposals_to_decide(
        user,
        TerminationProposal.objects.select_related(
            "posting__cadre", "posting__receiving_unit", "posting__batch", "proposer_unit", "proposed_by", "decided_by"
        ),
    )
    if decision:
        qs = qs.filter(decision=decision)
    return qs.order_by("created_at", "id")
