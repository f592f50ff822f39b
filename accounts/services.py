"""Write services for users and roles. The pages, admin and the demo seeder call these."""

from django.db import models, transaction

from core.services import audit_log_record

from .models import RoleAssignment, User
from .roles import forget_roles


@transaction.atomic
def user_grant_role(*, user: User, role: str, unit: models.Model, acting_user: User | None) -> RoleAssignment:
    """Give `user` the `role` over `unit` (a cadres.Unit, which this layer does not import). Granting a
    role the user already holds changes nothing and records nothing."""
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_log_record(actor=acting_user, action="role.grant", target=user, data={"role": role, "unit_id": unit.pk})
    forget_roles(user)
    return assignment


@transaction.atomic
def user_revoke_role(*, user: User, role: str, unit: models.Model, acting_user: User | None) -> None:
    """Take the `role` over `unit` away from `user`; revoking a role not held records nothing."""
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role, unit=unit).delete()
    if deleted:
        audit_log_record(actor=acting_user, action="role.revoke", target=user, data={"role": role, "unit_id": unit.pk})
    forget_roles(user)
