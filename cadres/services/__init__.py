"""Write services of the cadres app, one module per record family, re-exported here so that
`from cadres.services import cadre_create` reads as before. Views, admin, imports and commands call
these; each asserts what `cadres.access` offers the acting user."""

from .cadres import (
    cadre_create,
    cadre_update,
    cadres_with_system_training,
    name_initials,
    reserve_refusal,
    training_record_add,
)
from .particulars import (
    family_member_add,
    family_member_delete,
    family_member_update,
    particulars_update,
    resume_entry_add,
    resume_entry_delete,
    resume_entry_update,
)
from .records import reward_punishment_add, reward_punishment_delete, reward_punishment_update
from .units import unit_create, unit_update

__all__ = [
    "cadre_create",
    "cadre_update",
    "cadres_with_system_training",
    "family_member_add",
    "family_member_delete",
    "family_member_update",
    "name_initials",
    "particulars_update",
    "reserve_refusal",
    "resume_entry_add",
    "resume_entry_delete",
    "resume_entry_update",
    "reward_punishment_add",
    "reward_punishment_delete",
    "reward_punishment_update",
    "training_record_add",
    "unit_create",
    "unit_update",
]
