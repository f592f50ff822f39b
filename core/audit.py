"""Before and after values for the audit trail (操作记录的变更前后).

Every instance of the product's models remembers the values it was loaded with (a `post_init` receiver
connected in CoreConfig.ready: infrastructure, not business logic). `audit_log_record(target=obj)`
compares them with the values being saved and stores each changed field's label, value before and value
after on the audit row, then takes the saved values as the new starting point. Services that lock and
re-read a row before changing it (transitions) therefore record exactly what their change did.
"""

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.db import models
from django.utils import timezone

PRODUCT_APPS = frozenset({"core", "accounts", "cadres", "secondment", "reports", "assessments", "documents"})
# bookkeeping that changes with every save and says nothing to a reader
IGNORED = frozenset({"id", "created_at", "updated_at", "name_initials", "path", "version", "password"})
MAX_TEXT = 2000
_MISSING = object()


@cache
def _tracked_fields(model) -> tuple:
    """The fields whose values are remembered, worked out once per model (every instance of every list
    asks: a page of 100 postings with their related records is ~1,000 instances; issue 18)."""
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED and not isinstance(f, models.FileField | models.JSONField)
    )


@cache
def _tracked_attnames(model) -> tuple[str, ...]:
    return tuple(f.attname for f in _tracked_fields(model))


def remember_loaded_values(sender, instance, **kwargs) -> None:
    if sender._meta.app_label not in PRODUCT_APPS:
        return
    values = instance.__dict__
    instance._audit_loaded = {name: values.get(name, _MISSING) for name in _tracked_attnames(sender)}


def _shown(field, value) -> str:
    """A value as a reader understands it: choice labels, names of related records, local dates."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if timezone.is_aware(value) else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def audit_changes(target: models.Model) -> list[dict]:
    """[{field, label, before, after}] for each tracked field whose value differs from the one loaded."""
    loaded = getattr(target, "_audit_loaded", None)
    if loaded is None:
        return []
    changes = []
    for field in _tracked_fields(type(target)):
        before = loaded.get(field.attname, _MISSING)
        after = target.__dict__.get(field.attname, _MISSING)
        if before is _MISSING or after is _MISSING or before == after:
            continue
        shown_before, shown_after = _shown(field, before), _shown(field, after)
        if shown_before != shown_after:
            changes.append(
                {"field": field.name, "label": str(field.verbose_name), "before": shown_before, "after": shown_after}
            )
    return changes


def audit_rebase(target: models.Model) -> None:
    """The values just recorded become the starting point of the next change to this instance."""
    if getattr(target, "_audit_loaded", None) is not None:
        values = target.__dict__
        target._audit_loaded = {f.attname: values.get(f.attname, _MISSING) for f in _tracked_fields(type(target))}
