"""Statistics cached per scope and never stale (issue 18): the dashboard's and the compliance pages'
aggregates cost seconds at a province's size; they are computed once per jurisdiction, filters and
day, and kept in the cache (Redis in production, local memory in the embedded default) under the
**data version** — a random token in the database (`DataVersion`) replaced after every committed
write to the product's data. A write changes the token, so the next request computes afresh: no
number outlives the data it was computed from, whichever process wrote it (web, worker, admin).

Writes are seen where every write passes, the database cursor (`watch_writes`, installed on every
connection): any INSERT, UPDATE, DELETE or TRUNCATE on a table not in `IGNORED_TABLES` schedules one
bump for when its transaction commits (at once outside a transaction) — services, admin,
`QuerySet.update()`, `bulk_create` and raw SQL alike. Code that writes around Django's cursor
(PostgreSQL COPY in `seed_scale`) calls `data_changed()` itself.

A transaction that has written and not yet committed sees data nobody else sees: its reads bypass
the cache (neither read nor filled), so a page shown inside it (the test suite's transactions)
is exact too.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone

T = TypeVar("T")
_TABLE = "core_dataversion"

# Bookkeeping no statistic reads: writing them (every login, request, reminder, heartbeat) does not
# change a number, so it keeps the cache. Prefixes of table names.
IGNORED_TABLES = (
    "core_dataversion",
    "core_auditlog",
    "core_reminder",
    "core_delivery",
    "core_notification",
    "core_workerheartbeat",
    "core_exportjob",
    "core_importupload",
    "reports_printjob",
    "django_session",
    "django_admin_log",
    "django_celery_beat_",
    "axes_",
)
# a login's `UPDATE accounts_user SET last_login = …` (nothing else of the user row is counted)
_LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"?accounts_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.I)
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.I)


def _is_data_write(sql: str) -> bool:
    match = _WRITE.match(sql)
    if match is None:
        return False
    if match.group(0).lstrip()[:8].upper() == "TRUNCATE":
        return True  # PostgreSQL's flush empties every table in one statement, whichever comes first
    return not match.group(1).lower().startswith(IGNORED_TABLES) and not _LAST_LOGIN.match(sql)


def reads_watched_tables_only(sql: str) -> bool:
    """Whether a query's text names no table in `IGNORED_TABLES` — whether a count of it may be cached
    under the data version (a write to an ignored table does not replace the version)."""
    return not any(f'"{table}' in sql for table in IGNORED_TABLES)


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the data version once the current transaction commits (at once outside one)."""
    connection = connections[using]
    if _bump_pending(connection):
        return
    if not connection.in_atomic_block and not connection.get_autocommit():
        _Bump(using)()  # manual transaction management: the new token commits with the data
        return
    transaction.on_commit(_Bump(using), using=using)


class _Bump:
    """The after-commit callback (a class, so that a transaction's pending one can be recognized)."""

    def __init__(self, using: str):
        self.using = using

    def __call__(self) -> None:
        connection = connections[self.using]
        manual = not connection.get_autocommit()
        if manual and _TABLE not in connection.introspection.table_names():
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {_TABLE} (id, token, changed_at) VALUES (1, %s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET token = excluded.token, changed_at = excluded.changed_at",
                    [secrets.randbits(62), timezone.now()],
                )
        except DatabaseError:
            # a migration's write before the version table exists (or after it was unapplied): nothing
            # is cached then; anything else is an error (autocommit: the failed statement stands alone)
            if manual or _TABLE in connection.introspection.table_names():
                raise


def _bump_pending(connection) -> bool:
    return connection.in_atomic_block and any(isinstance(item[1], _Bump) for item in connection.run_on_commit)


def watch_writes(execute, sql, params, many, context):
    """Execute wrapper (Django's `connection.execute_wrapper` protocol): a data write bumps the version."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _is_data_write(sql):
        data_changed(context["connection"].alias)
    return result


def install(connection, **kwargs) -> None:
    """`connection_created` receiver: watch this connection's writes (once per connection object)."""
    if watch_writes not in connection.execute_wrappers:
        # first in the list: the test tools' wrappers are pushed and popped at the end
        connection.execute_wrappers.insert(0, watch_writes)


def renew_after_migrate(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """`post_migrate` receiver: a deployment's new code computes its statistics afresh (a schema change
    writes no rows)."""
    if _TABLE in connections[using].introspection.table_names():
        data_changed(using)


def data_version(using: str = DEFAULT_DB_ALIAS) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def cached_stats(name: str, key: tuple, compute: Callable[[], T], using: str = DEFAULT_DB_ALIAS) -> T:
    """`compute()`, cached under `name`, `key` (the scope, filters and day it depends on) and the data
    version: one query (the version) when cached. `compute` must return something picklable."""
    connection = connections[using]
    if _bump_pending(connection):
        return compute()  # this transaction's own writes: nobody else's numbers, nothing to share
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"stats:{name}:{data_version(using)}:{digest}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, settings.STATS_CACHE_SECONDS)
    return value


def _list_key(scope: tuple, params, day) -> tuple:
    """A list's jurisdiction (`UserRoles.scope_key()`), filters (the request's GET without its paging
    keys) and day — the one its filters were built with (a request that spans midnight must not store
    yesterday's list under today's key), today when none is given."""
    lists = params.lists() if params is not None else ()
    filters = tuple(sorted((k, tuple(v)) for k, v in lists if k not in ("page", "after", "before")))
    return (scope, filters, day or timezone.localdate())


def cached_count(name: str, scope: tuple, params, queryset, *, day=None, using: str = DEFAULT_DB_ALIAS) -> int:
    """The length of a list page's `queryset` — what a user of jurisdiction `scope` (their roles'
    `scope_key()`) sees under the filters in `params` (the request's GET, or None for a list without
    filters) — cached like the statistics: a city's cadre list counted 65,000 records through the
    scope's OR on every page (issue 18). Users of one jurisdiction share it; the day is in the key, since
    some filters are relative to today (到岗逾期, 整改逾期)."""
    return cached_stats(f"count:{name}", _list_key(scope, params, day), queryset.count, using)


def cached_list_ids(name: str, scope: tuple, params, queryset, *, day=None, using: str = DEFAULT_DB_ALIAS) -> list:
    """The ids of a list page's `queryset` in its order, cached as `cached_count` caches its length: for a
    list whose order joins several tables over a scope (逾期未报 by batch, unit and cadre), where even one
    page of it sorts the whole list. A page is then a slice of these ids and a read of its rows by id."""
    ids = lambda: list(queryset.values_list("pk", flat=True))  # noqa: E731
    return cached_stats(f"ids:{name}", _list_key(scope, params, day), ids, using)
