"""What a user is allowed to act as. Computed once per request and cached on the user object."""

from dataclasses import dataclass, field

from .models import Role


@dataclass(frozen=True)
class UserRoles:
    is_admin: bool = False
    cadre_id: int | None = None
    # role -> unit paths ("/1/5/") the role applies to
    unit_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unit_ids: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def is_org_staff(self) -> bool:
        return bool(self.unit_ids.get(Role.ORG_STAFF))

    @property
    def is_dispatch_contact(self) -> bool:
        return bool(self.unit_ids.get(Role.DISPATCH_CONTACT))

    @property
    def is_receive_contact(self) -> bool:
        return bool(self.unit_ids.get(Role.RECEIVE_CONTACT))

    @property
    def is_cadre(self) -> bool:
        return self.cadre_id is not None

    def scope_key(self) -> tuple:
        """What a user's scope (every app's `*_visible_to`) is made of, as a hashable value: users holding
        the same roles over the same units see the same records, so they can share cached statistics."""
        if self.is_admin:
            return ("admin",)
        return (self.cadre_id, tuple(sorted((role, tuple(sorted(ids))) for role, ids in self.unit_ids.items())))

    def labels(self) -> list[str]:
        labels = []
        if self.is_admin:
            labels.append("系统管理员")
        for role in Role:
            if self.unit_ids.get(role):
                labels.append(str(role.label))
        if self.is_cadre:
            labels.append("挂职干部")
        return labels


_CACHE_ATTR = "_gzt_roles"


def roles_of(user) -> UserRoles:
    """The roles of `user` (anonymous users have none). One query, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return UserRoles()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    paths: dict[str, list[str]] = {}
    ids: dict[str, list[int]] = {}
    for role, unit_id, path in user.role_assignments.values_list("role", "unit_id", "unit__path"):
        paths.setdefault(role, []).append(path)
        ids.setdefault(role, []).append(unit_id)
    roles = UserRoles(
        is_admin=bool(user.is_superuser),
        cadre_id=user.cadre_id,
        unit_paths={k: tuple(v) for k, v in paths.items()},
        unit_ids={k: tuple(v) for k, v in ids.items()},
    )
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
