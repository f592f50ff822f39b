"""Demo data of the registry: units and cadres (`registry`), the demo logins (`users`). Importing this
package registers the seeder (`cadres.apps` does, in `ready()`)."""

from core import demo

from .lrmx import seed_lrmx_cadres
from .records import seed_rewards
from .registry import seed_cadres, seed_units
from .users import DEMO_PASSWORD, DEMO_USERS, seed_users

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "seed_cadres",
    "seed_lrmx_cadres",
    "seed_rewards",
    "seed_units",
    "seed_users",
]


@demo.register(10)
def _seed_registry(context: dict) -> str:
    """Units, cadres and the demo logins (cadres sits above accounts, so it seeds the users too)."""
    units = seed_units(acting_user=None)
    cadres = seed_cadres(acting_user=None, units=units)
    rewards = seed_rewards(acting_user=None)
    from_files = seed_lrmx_cadres()  # after the rewards: seed_rewards fills an empty table only
    users = seed_users()
    context.update(units=units, users=users, demo_password=DEMO_PASSWORD)
    return (
        f"单位 {len(units)} 个，新增干部 {len(cadres)} 人，奖惩记录 {rewards} 条，"
        f"由任免审批表导入干部 {from_files} 人，账号 {len(users)} 个"
    )
