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
from .records import reward_punishment_add, reward_punishment_delete, reward_punishment_update
from .units import unit_create, unit_update

__all__ = [
    "cadre_create",
    "cadre_update",
    "cadres_with_system_training",
    "name_initials",
    "reserve_refusal",
    "reward_punishment_add",
    "reward_punishment_delete",
    "reward_punishment_update",
    "training_record_add",
    "unit_create",
    "unit_update",
]
