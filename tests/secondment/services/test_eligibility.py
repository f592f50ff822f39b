"""Each eligibility rule, including age computed on the batch's reference date."""

from datetime import date

import pytest

from cadres.models import Education, Rank
from secondment.eligibility import eligibility_failures
from secondment.services.batches import batch_age_ceiling_add, batch_update
from tests.factories import make_cadre


@pytest.fixture
def batch(batch_world):
    return batch_world.batch


def _cadre(world, **kwargs):
    return make_cadre(world.unit_a, **kwargs)


def test_age_on_the_reference_date_boundary(batch_world, batch):
    batch_update(batch=batch, acting_user=None, age_reference_date=date(2026, 12, 1), max_age=40)
    turns_41_on_the_day = _cadre(batch_world, birth=date(1985, 12, 1))
    turns_41_the_day_after = _cadre(batch_world, birth=date(1985, 12, 2))
    assert eligibility_failures(batch=batch, cadre=turns_41_on_the_day)[0].startswith("年龄：2026年12月01日时41岁")
    assert eligibility_failures(batch=batch, cadre=turns_41_the_day_after) == []


def test_reference_date_defaults_to_planned_start(batch_world, batch):
    batch_update(
        batch=batch,
        acting_user=None,
        age_reference_date=None,
        max_age=40,
        planned_start=date(2027, 1, 1),
        nomination_deadline=date(2026, 12, 31),
    )
    cadre = _cadre(batch_world, birth=date(1986, 6, 1))  # 40 on 2027-01-01
    assert eligibility_failures(batch=batch, cadre=cadre) == []
    batch_update(batch=batch, acting_user=None, age_reference_date=date(2027, 6, 1))  # 41 then
    assert len(eligibility_failures(batch=batch, cadre=cadre)) == 1


def test_rank_bounds(batch_world, batch):
    batch_update(
        batch=batch,
        acting_user=None,
        min_rank=Rank.objects.get(name="一级科员"),
        max_rank=Rank.objects.get(name="正科级"),
    )
    low = _cadre(batch_world, rank=Rank.objects.get(name="二级科员"))
    high = _cadre(batch_world, rank=Rank.objects.get(name="副处级"))
    ok = _cadre(batch_world, rank=Rank.objects.get(name="副科级"))
    none = _cadre(batch_world)
    assert "低于本批次最低职级一级科员" in eligibility_failures(batch=batch, cadre=low)[0]
    assert "高于本批次最高职级正科级" in eligibility_failures(batch=batch, cadre=high)[0]
    assert eligibility_failures(batch=batch, cadre=ok) == []
    assert "未登记职级" in eligibility_failures(batch=batch, cadre=none)[0]


def test_age_ceiling_by_rank(batch_world, batch):
    batch_age_ceiling_add(
        batch=batch,
        rank_from=Rank.objects.get(name="副科级"),
        rank_to=Rank.objects.get(name="一级主任科员"),
        max_age=40,
        acting_user=None,
    )
    section = _cadre(batch_world, birth=date(1983, 1, 1), rank=Rank.objects.get(name="正科级"))
    county = _cadre(batch_world, birth=date(1984, 1, 1), rank=Rank.objects.get(name="副处级"))
    assert "副科级至一级主任科员的干部年龄上限为40岁" in eligibility_failures(batch=batch, cadre=section)[0]
    assert eligibility_failures(batch=batch, cadre=county) == []  # outside the span: only the batch's 45


def test_reserve_only_and_education(batch_world, batch):
    batch_update(batch=batch, acting_user=None, reserve_only=True, min_education=Education.objects.get(name="大学本科"))
    plain = _cadre(batch_world, education=Education.objects.get(name="大学专科"))
    good = _cadre(batch_world, is_reserve=True, education=Education.objects.get(name="硕士研究生"))
    failures = eligibility_failures(batch=batch, cadre=plain)
    assert any("限后备干部" in f for f in failures)
    assert any("要求大学本科及以上，该干部为大学专科" in f for f in failures)
    assert eligibility_failures(batch=batch, cadre=good) == []
