"""Shared write services: the audit trail and the worker heartbeat."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .audit import audit_changes, audit_rebase
from .models import AuditLog, WorkerHeartbeat


def audit_log_record(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict | None = None
) -> AuditLog:
    """Write one audit row. Call it inside the transaction of the change it records, after the change:
    the fields of `target` that differ from the values it was loaded with are stored with their values
    before and after (core.audit)."""
    entry = AuditLog(actor=actor if getattr(actor, "pk", None) else None, action=action, data=data or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
        entry.changes = audit_changes(target)
        audit_rebase(target)
    entry.save()
    return entry


def worker_heartbeat_record(*, name: str = "celery") -> WorkerHeartbeat:
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
    return heartbeat
