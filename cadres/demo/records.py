"""Demo rewards and punishments (奖惩情况) for some of the demo cadres: deterministic, idempotent."""

import random
from datetime import date, timedelta

from ..models import Cadre, RewardPunishment
from ..services import reward_punishment_add

REWARDS = [
    ("嘉奖", "{county}人民政府", "{short}政发〔{year}〕{n}号"),
    ("记三等功", "{county}人民政府", "{short}政发〔{year}〕{n}号"),
    ("被评为“优秀共产党员”", "中共{county}委", "{short}委〔{year}〕{n}号"),
    ("被评为年度考核优秀等次", "{unit}", ""),
    ("被评为“脱贫攻坚先进个人”", "中共{county}委、{county}人民政府", "{short}委〔{year}〕{n}号"),
]
PUNISHMENTS = [("诫勉谈话", "中共{county}委组织部", ""), ("通报批评", "{unit}", "")]


def seed_rewards(*, acting_user) -> int:
    """About one cadre in five gets a reward between 2022 and 2025, one in forty a punishment."""
    if RewardPunishment.objects.exists():
        return 0
    rng = random.Random(20260101)
    count = 0
    for i, cadre in enumerate(Cadre.objects.select_related("unit").order_by("id_number")):
        county = next((name for name in ("青山县", "白水县", "东湖区") if name in cadre.unit.region), "临江市")
        short = county[:2]
        picks = []
        if i % 5 == 0:
            picks.append((RewardPunishment.Kind.REWARD, rng.choice(REWARDS)))
        if i % 40 == 7:
            picks.append((RewardPunishment.Kind.PUNISHMENT, rng.choice(PUNISHMENTS)))
        for kind, (title, body, doc) in picks:
            day = date(2022, 1, 10) + timedelta(days=rng.randrange(0, 365 * 4 - 30))
            fields = {"county": county, "short": short, "unit": cadre.unit.name, "year": day.year}
            reward_punishment_add(
                cadre=cadre,
                acting_user=acting_user,
                kind=kind,
                title=title,
                date=day,
                issuing_body=body.format(**fields)[:100],
                document_no=doc.format(n=rng.randrange(2, 60), **fields),
            )
            count += 1
    return count
