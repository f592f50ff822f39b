"""Write services for users and roles."""

from django.db import transaction

from core.services import audit_log_record

from .models import RoleAssignment, User
from .roles import forget_roles


@transaction.atomic
def user_grant_role(*, user: User, role: str, unit, acting_user) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_log_record(actor=acting_user, action="role.grant", target=user, data={"role": role, "unit_id": unit.pk})
    forget_roles(user)
    return assignment


@transaction.atomic
def user_revoke_role(*, user: User, role: str, unit, acting_user) -> None:
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role, unit=unit).delete()
    if deleted:
        audit_log_record(actor=acting_user, action="role.revoke", target=user, data={"role": role, "unit_id": unit.pk})
    forget_roles(user)
