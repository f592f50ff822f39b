"""Counts that do not scan the world (issue 18): a paginator whose count is the planner's estimate on
PostgreSQL once that estimate is large, and exact below it (and on SQLite). For lists of millions of
rows (the audit trail, reminders, deliveries) where "about 1.6 million" is as useful as the exact
figure and costs nothing."""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from .stats_cache import cached_stats, reads_watched_tables_only

EXACT_BELOW = 10_000

# Rows a page of the big tables' admin changelists: a row of admin costs 0.3–0.5 ms to render (its
# link, each cell formatted, its related records loaded), so 100 a page were half of a search's time
# at a province's size; 50 is what one reads before narrowing.
ADMIN_PER_PAGE = 50


def estimated_count(queryset, exact_below: int = EXACT_BELOW) -> int:
    """The row count of `queryset`: PostgreSQL's estimate when it is at least `exact_below`, else
    COUNT(*) — of at most `exact_below` rows (`SELECT COUNT(*) FROM (… LIMIT n)`), so a search the
    planner underestimates ("王" in 130,000 reports) stops counting at the bound instead of reading
    every match.

    One query whichever way it goes: the estimate comes from the `count_estimate()` function (core
    migration 0013, EXPLAIN inside the database) and the bounded count is a branch of the same
    statement that PostgreSQL runs only when the estimate is small — a changelist takes as many
    queries on a province as on the demo (issue 18)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count()
    rows = queryset.order_by().values("pk")
    sql, params = rows.query.sql_with_params()
    bounded_sql, bounded_params = rows[:exact_below].query.sql_with_params()
    text = connection.ops.compose_sql(sql, params)  # the query as a literal for EXPLAIN inside count_estimate
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN e.rows >= %s THEN e.rows "
            f"ELSE (SELECT COUNT(*) FROM ({bounded_sql}) bounded) END "
            "FROM (SELECT count_estimate(%s) AS rows) e",
            (exact_below, *bounded_params, text),
        )
        return int(cursor.fetchone()[0])


class EstimatedCountPaginator(Paginator):
    """Paginator for Django admin's very large changelists (`paginator = EstimatedCountPaginator`).

    The count of a list of the product's own tables is also cached under the data version
    (core.stats_cache), keyed by the list's query: paging through a search ("林": 848 nominations,
    2,724 status changes) counted its matches again on every page, 5–10 ms at a province's size. Any
    committed write to those tables counts afresh. Lists that read a table whose writes keep the version
    (the audit trail, reminders, deliveries, notifications) are counted every time."""

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if not hasattr(object_list, "query"):
            return len(object_list)
        sql, params = object_list.query.sql_with_params()
        if not reads_watched_tables_only(sql):
            return estimated_count(object_list)
        key = (object_list.model._meta.label, sql, params)
        return cached_stats("admin-count", key, lambda: estimated_count(object_list), using=object_list.db)

    def page(self, number):
        """The page's rows picked by their keys first, then read with their related records: `WHERE
        pk IN (SELECT pk … ORDER BY … LIMIT n)`. A search that matches thousands of rows ("王": 2,500
        reports) joined every match to every related table of the list and sorted them all before
        LIMIT; now only the search's own joins see the matches, and the page's 50 are joined
        (issue 18). The same rows in the same order, in one query."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if _keys_first(rows):
            rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)


class KeysFirstPaginator(Paginator):
    """A list page picked by its keys alone, then read with what its rows show. `object_list` is the
    list — its scope, filters and order —, `read` the queryset the page's rows are read from (the same
    model with the related records a row shows, no conditions): one statement, `read WHERE pk IN
    (SELECT pk FROM list ORDER BY … LIMIT 50)`. Sorting a search's matches with every row's columns and
    related records joined costs for all the matches (林 among a province's postings: 633 joined to
    their cadres and two units to keep 50; issue 18); the keys are narrow."""

    def __init__(self, object_list, per_page, *, read, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.read = read

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        order = self.object_list.query.order_by or self.object_list.model._meta.ordering
        if _keys_first(self.object_list):
            rows = self.read.filter(pk__in=keys).order_by(*order)
        else:
            rows = rows_in_order(self.read, [key["pk"] for key in keys])
        return self._get_page(rows, number, self)


def _keys_first(rows) -> bool:
    """Whether a page of `rows` may be read keys first: a plain queryset (not sliced, not DISTINCT —
    whose subquery would carry its ordering columns —, not a UNION) on a database that takes LIMIT
    inside IN (PostgreSQL, SQLite)."""
    query = getattr(rows, "query", None)
    if query is None or query.is_sliced or query.distinct or query.combinator:
        return False
    return connections[rows.db].features.allow_sliced_subqueries_with_in


class KeysetPage:
    """A page of a list ordered by ascending, non-null `keys` (the last one unique), read after or before
    a cursor — the keys of the row next to it — instead of skipping rows with OFFSET (issue 18: the 50th
    page of a city's 65,000 cadres sorted and skipped 2,450 rows of the whole scope). `?page=N` without a
    cursor still reads by OFFSET; the page's 上一页 / 下一页 links carry cursors, so walking deep is as
    cheap as the first page. The page number is shown, never used to read."""

    def __init__(self, rows, *, number: int, count: int, per_page: int, keys, has_next: bool, has_previous: bool):
        self.object_list = rows
        self.number = number
        self.paginator = Paginator(range(count), per_page)  # count and num_pages for the labels, no query
        self.keys = keys
        self._has_next, self._has_previous = has_next, has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self._has_next or self._has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return max(self.number - 1, 1)

    @property
    def next_cursor(self) -> str:
        return _cursor(self.object_list[-1], self.keys) if self._has_next and self.object_list else ""

    @property
    def previous_cursor(self) -> str:
        return _cursor(self.object_list[0], self.keys) if self._has_previous and self.object_list else ""


def _key_value(obj, key: str):
    for part in key.split("__"):
        obj = getattr(obj, part)
    return obj


def _cursor(obj, keys) -> str:
    return json.dumps([_key_value(obj, key) for key in keys], ensure_ascii=False, separators=(",", ":"))


def _parse_cursor(text: str | None, keys) -> list | None:
    """The cursor's values, or None when it is missing or not one of ours (then the page reads by OFFSET)."""
    if not text or len(text) > 500:
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, list) or len(values) != len(keys):
        return None
    if not all(isinstance(v, str) and "\x00" not in v for v in values[:-1]):
        return None
    if not isinstance(values[-1], int) or isinstance(values[-1], bool) or not 0 < values[-1] < 2**63:
        return None
    return values


def _beyond(keys, values, *, after: bool):
    """Rows after (or before) `values` in the order of `keys`: (k1 > v1) or (k1 = v1 and k2 > v2) or …,
    with k1 >= v1 (<=) on its own as well, so the first key's index bounds the scan."""
    from django.db.models import Q

    op = "gt" if after else "lt"
    condition = Q()
    for i, key in enumerate(keys):
        term = Q(**{f"{k}": v for k, v in zip(keys[:i], values[:i], strict=True)}, **{f"{key}__{op}": values[i]})
        condition |= term
    return Q(**{f"{keys[0]}__{op}e": values[0]}) & condition


def keyset_page(
    queryset, *, keys, per_page: int, number, after=None, before=None, count=None, read=None
) -> "KeysetPage":
    """A page of `queryset` in the order of `keys` (ascending, non-null, the last one unique): after the
    `after` cursor, before the `before` cursor, or (neither) by OFFSET at page `number`. `count` is
    the list's length (one COUNT(*)), read here when not given.

    `read`: the queryset the page's rows are read from (the same model, with the related records a row
    shows, no conditions): the page is then picked by its keys alone — `queryset`'s conditions, joins
    and order over ids — and its rows read by id, in one statement. A city's search for 林 joined and
    sorted all 1,337 matches' full rows with their 民族, 政治面貌 and 职级 to keep 50 (11 → 4 ms;
    issue 18)."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    count = queryset.count() if count is None else count

    def rows(picked, order):
        if read is None:
            return list(picked)
        ids = picked.values("pk")
        return list(read.filter(pk__in=ids).order_by(*order))

    ordered = queryset.order_by(*keys)
    after_values, before_values = _parse_cursor(after, keys), _parse_cursor(before, keys)
    if after_values is not None:
        found = rows(ordered.filter(_beyond(keys, after_values, after=True))[: per_page + 1], keys)
        return KeysetPage(
            found[:per_page],
            number=number,
            count=count,
            per_page=per_page,
            keys=keys,
            has_next=len(found) > per_page,
            has_previous=True,
        )
    if before_values is not None:
        descending = [f"-{key}" for key in keys]
        backwards = queryset.order_by(*descending)
        found = rows(backwards.filter(_beyond(keys, before_values, after=False))[: per_page + 1], descending)
        more = len(found) > per_page
        found = found[:per_page][::-1]
        return KeysetPage(
            found,
            number=number if more else 1,
            count=count,
            per_page=per_page,
            keys=keys,
            has_next=True,
            has_previous=more,
        )
    paginator = Paginator(ordered, per_page)
    paginator.count = count  # already read
    number = paginator.get_page(number).number  # a number out of range: the last page, as get_page reads it
    bottom = (number - 1) * per_page
    page_rows = rows(ordered[bottom : bottom + per_page], keys)
    return KeysetPage(
        page_rows,
        number=number,
        count=count,
        per_page=per_page,
        keys=keys,
        has_next=number < paginator.num_pages,
        has_previous=number > 1,
    )


def rows_in_order(queryset, ids) -> list:
    """The rows of `queryset` whose keys are `ids`, in the order of `ids` — a page picked by its keys
    first (sorted alone, or cached) and then read with what it shows (issue 18). A key whose row has
    gone since, or is not in `queryset`, is left out. No query for no keys."""
    ids = list(ids)
    if not ids:
        return []
    by_id = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]
