"""`{% audit_history record %}`: the record's change history (变更记录) with values before and after, for
org staff and administrators. The page around it has already checked the record is in the user's scope."""

from django import template

from core.selectors import audit_entries_for

from ..roles import roles_of

register = template.Library()


def may_read_audit(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or roles_of(user).is_org_staff))


@register.inclusion_tag("core/partials/audit_history.html", takes_context=True)
def audit_history(context, record):
    user = context["request"].user
    if record is None or not may_read_audit(user):
        return {"visible": False}
    return {"visible": True, "entries": audit_entries_for(record), "record": record}
