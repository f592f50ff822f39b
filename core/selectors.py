"""Read-side helpers of the shared kernel: system health."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import WorkerHeartbeat


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str


def health_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "unreachable"
        return Check(False, type(exc).__name__)
    return Check(True, connection.vendor)


def health_broker(timeout: float = 3.0) -> Check:
    from celery import current_app as app  # the project app (config.celery), without importing config

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            transport = conn.transport_cls
    except Exception as exc:
        return Check(False, type(exc).__name__)
    return Check(True, str(transport))


def health_worker_last_seen() -> datetime | None:
    try:
        return WorkerHeartbeat.objects.filter(name="celery").values_list("seen_at", flat=True).first()
    except Exception:
        return None


def health_worker(now: datetime | None = None) -> Check:
    seen = health_worker_last_seen()
    if seen is None:
        return Check(False, "never")
    now = now or timezone.now()
    fresh = now - seen <= timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS)
    return Check(fresh, seen.isoformat())


def audit_entries_for(target, *, limit: int = 100):
    """The audit rows of one record (变更记录), newest first, with who did it."""
    from django.contrib.contenttypes.models import ContentType

    from .models import AuditLog

    return list(
        AuditLog.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
