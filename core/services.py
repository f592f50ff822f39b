"""Shared write services: the audit trail and the worker heartbeat."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import AuditLog, WorkerHeartbeat


def audit_log_record(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict | None = None
) -> AuditLog:
    """Write one audit row. Call it inside the transaction of the change it records."""
    entry = AuditLog(actor=actor if getattr(actor, "pk", None) else None, action=action, data=data or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry


def worker_heartbeat_record(*, name: str = "celery") -> WorkerHeartbeat:
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
    return heartbeat
