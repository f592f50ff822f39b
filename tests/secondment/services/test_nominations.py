"""Nominating within quota and deadline, overrides, decisions with history, and the race for the
last place (exactly one wins, on PostgreSQL with two connections)."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from secondment.models import Nomination
from secondment.services import nominations as services
from secondment.services.batches import batch_quota_set, batch_set_status, batch_update
from tests.factories import make_cadre


def _nominate(world, cadre, user=None, **kwargs):
    return services.nomination_create(
        batch=world.batch, cadre=cadre, method="org", reason="表现突出", acting_user=user or world.dispatch_a, **kwargs
    )


def test_dispatch_contact_nominates_within_quota(batch_world):
    w = batch_world
    first = _nominate(w, w.cadre_a)
    _nominate(w, make_cadre(w.unit_a))
    with pytest.raises(ValidationError, match="2个选派名额已经用完"):
        _nominate(w, make_cadre(w.unit_a))
    event = first.events.get()
    assert (event.actor, event.action, event.to_status) == (w.dispatch_a, "nominate", "nominated")


def test_withdrawn_nomination_frees_its_place(batch_world):
    w = batch_world
    first = _nominate(w, w.cadre_a)
    _nominate(w, make_cadre(w.unit_a))
    services.nomination_withdraw(nomination=first, reason="本人因病", acting_user=w.dispatch_a)
    _nominate(w, make_cadre(w.unit_a))
    assert Nomination.objects.active().filter(batch=w.batch).count() == 2


def test_deadline_is_the_end_of_the_day(batch_world):
    w = batch_world
    deadline = w.batch.nomination_deadline
    _nominate(w, w.cadre_a, today=deadline)
    with pytest.raises(ValidationError, match=f"推荐已于{deadline:%Y年%m月%d日}截止"):
        _nominate(w, make_cadre(w.unit_a), today=deadline + timedelta(days=1))


def test_closed_batch_refuses(batch_world):
    batch_set_status(batch=batch_world.batch, status="closed", acting_user=batch_world.org_county_a)
    with pytest.raises(ValidationError, match="不接受推荐"):
        _nominate(batch_world, batch_world.cadre_a)


def test_only_own_unit_and_units_with_quota(batch_world):
    w = batch_world
    with pytest.raises(PermissionDenied):
        _nominate(w, w.cadre_b)
    with pytest.raises(ValidationError, match="没有选派名额"):
        _nominate(w, make_cadre(w.town_a), user=w.org_county_a)


def test_ineligible_is_refused_with_the_rule_then_overridden_by_org_staff(batch_world):
    w = batch_world
    old = make_cadre(w.unit_a, "老同志", birth=date(1970, 1, 1))
    with pytest.raises(ValidationError, match=r"年龄：.*超过本批次45岁的上限"):
        _nominate(w, old)
    with pytest.raises(ValidationError, match="联系组织部门"):
        _nominate(w, old, override_reason="我想破格")  # a dispatching contact cannot override
    nomination = _nominate(w, old, user=w.org_county_a, override_reason="熟悉农业，工作急需")
    assert nomination.eligibility_failures and nomination.override_reason == "熟悉农业，工作急需"
    override = nomination.events.get(action="override")
    assert override.actor == w.org_county_a and override.reason == "熟悉农业，工作急需"


def test_same_cadre_twice(batch_world):
    _nominate(batch_world, batch_world.cadre_a)
    with pytest.raises(ValidationError, match="已被推荐"):
        _nominate(batch_world, batch_world.cadre_a)


def test_decision_needs_inspection_and_room_on_the_post(batch_world):
    w = batch_world
    a, b = _nominate(w, w.cadre_a), _nominate(w, make_cadre(w.unit_a))
    with pytest.raises(ValidationError, match="组织考察合格后"):
        services.nomination_decide(
            nomination=a, selected=True, reason="综合第一", offer=w.offer, acting_user=w.org_county_a
        )
    for n in (a, b):
        services.nomination_record_inspection(nomination=n, result="passed", notes="", acting_user=w.org_county_a)
    services.nomination_decide(
        nomination=a, selected=True, reason="综合第一", offer=w.offer, acting_user=w.org_county_a
    )
    with pytest.raises(ValidationError, match="1个名额已满"):
        services.nomination_decide(nomination=b, selected=True, reason="x", offer=w.offer, acting_user=w.org_county_a)
    services.nomination_decide(nomination=b, selected=False, reason="名额已满", acting_user=w.org_county_a)
    a.refresh_from_db()
    decide = a.events.get(action="decide")
    assert (a.status, a.offer, decide.actor, decide.reason) == ("selected", w.offer, w.org_county_a, "综合第一")


def test_only_the_organizing_org_department_decides(batch_world):
    w = batch_world
    n = _nominate(w, w.cadre_a)
    for user in (w.dispatch_a, w.receive_a):
        with pytest.raises(PermissionDenied):
            services.nomination_record_scores(
                nomination=n, written_score=Decimal(80), interview_score=None, acting_user=user
            )


def test_composite_score_uses_the_batch_weights(batch_world):
    w = batch_world
    batch_update(
        batch=w.batch, acting_user=w.org_county_a, written_weight=Decimal("0.40"), interview_weight=Decimal("0.60")
    )
    n = _nominate(w, w.cadre_a)
    n = services.nomination_record_scores(
        nomination=n, written_score=Decimal("80"), interview_score=Decimal("90"), acting_user=w.org_county_a
    )
    assert n.composite_score() == Decimal("86.00")  # 80×0.4 + 90×0.6


def test_weights_must_sum_to_one(batch_world):
    with pytest.raises(ValidationError, match="之和应为 1"):
        batch_update(batch=batch_world.batch, acting_user=None, written_weight=Decimal("0.7"))


def test_quota_cannot_drop_below_nominations(batch_world):
    w = batch_world
    _nominate(w, w.cadre_a)
    _nominate(w, make_cadre(w.unit_a))
    with pytest.raises(ValidationError, match="名额不能少于2"):
        batch_quota_set(batch=w.batch, dispatching_unit=w.unit_a, quota=1, acting_user=w.org_county_a)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_contacts_racing_for_the_last_place_one_wins(world):
    """Two connections nominate into the last place at once: exactly one succeeds."""
    from django.db import close_old_connections

    w = world
    from secondment.models import BatchKind
    from secondment.services.batches import batch_create

    batch = batch_create(
        acting_user=None,
        name="并发测试批次",
        kind=BatchKind.objects.get(name="下派"),
        year=2026,
        organizer=w.county_a,
        planned_start=date(2099, 1, 1),
        nomination_deadline=date(2098, 12, 1),
    )
    batch_quota_set(batch=batch, dispatching_unit=w.unit_a, quota=1, acting_user=None)
    batch_set_status(batch=batch, status="open", acting_user=None)
    cadres = [make_cadre(w.unit_a, "并发甲"), make_cadre(w.unit_a, "并发乙")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def nominate(cadre):
        try:
            barrier.wait(timeout=10)
            services.nomination_create(batch=batch, cadre=cadre, method="org", reason="并发", acting_user=w.dispatch_a)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=nominate, args=(c,)) for c in cadres]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes.count("ok") == 1, outcomes
    assert "名额已经用完" in next(o for o in outcomes if o != "ok")
    assert Nomination.objects.filter(batch=batch).count() == 1
