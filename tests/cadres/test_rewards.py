"""Rewards and punishments (奖惩情况) on a cadre's record: added, edited and deleted on the cadre page by
whoever maintains the record (like training records), through services with audit rows, in admin too;
outside the scope the pages answer 404, bad input is refused next to its field and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from cadres import services
from cadres.models import RewardPunishment
from core.models import AuditLog
from tests.factories import make_user

FIELDS = {
    "kind": "reward",
    "title": "被评为“优秀共产党员”",
    "date": date(2025, 7, 1),
    "issuing_body": "中共甲县县委",
    "document_no": "甲委〔2025〕12号",
}


def _post(**overrides) -> dict:
    data = {**FIELDS, "note": "", **overrides}
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def test_the_services_add_edit_and_delete_with_an_audit_row_each(world):
    record = services.reward_punishment_add(cadre=world.cadre_a, acting_user=world.dispatch_a, **FIELDS)
    assert record.created_by == world.dispatch_a
    services.reward_punishment_update(
        record=record, acting_user=world.org_county_a, kind="punishment", title="诫勉谈话"
    )
    record.refresh_from_db()
    assert (record.kind, record.title, record.issuing_body) == ("punishment", "诫勉谈话", "中共甲县县委")
    services.reward_punishment_delete(record=record, acting_user=world.org_county_a)
    assert not RewardPunishment.objects.exists()
    audit = AuditLog.objects.filter(action__startswith="reward.").order_by("id")
    assert [(a.action, a.target_id) for a in audit] == [
        ("reward.add", str(world.cadre_a.pk)),
        ("reward.update", str(world.cadre_a.pk)),
        ("reward.delete", str(world.cadre_a.pk)),
    ]
    assert audit[1].data["changed"] == ["kind", "title"]


@pytest.mark.parametrize("role", ["cadre", "receive"])
def test_only_who_maintains_the_record_may_write_rewards(world, role):
    """The cadre and the receiving unit read the record; they do not write its rewards."""
    user = world.users_by_role()[role]
    with pytest.raises(PermissionDenied):
        services.reward_punishment_add(cadre=world.cadre_a, acting_user=user, **FIELDS)
    record = services.reward_punishment_add(cadre=world.cadre_a, acting_user=world.dispatch_a, **FIELDS)
    with pytest.raises(PermissionDenied):
        services.reward_punishment_update(record=record, acting_user=user, title="改")
    with pytest.raises(PermissionDenied):
        services.reward_punishment_delete(record=record, acting_user=user)
    assert RewardPunishment.objects.get().title == FIELDS["title"]


def test_the_cadre_page_adds_a_reward_and_lists_it(client, world):
    client.force_login(world.dispatch_a)
    response = client.post(reverse("cadres:reward-add", args=[world.cadre_a.pk]), _post())
    assert response.status_code == 302
    page = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    record = RewardPunishment.objects.get()
    assert "被评为“优秀共产党员”" in page and "甲委〔2025〕12号" in page
    assert reverse("cadres:reward-edit", args=[record.pk]) in page


def test_the_cadre_sees_their_rewards_without_the_edit_controls(client, world):
    record = services.reward_punishment_add(cadre=world.cadre_a, acting_user=None, **FIELDS)
    client.force_login(world.cadre_user)
    page = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert "被评为“优秀共产党员”" in page
    assert reverse("cadres:reward-edit", args=[record.pk]) not in page
    assert reverse("cadres:reward-add", args=[world.cadre_a.pk]) not in page
    assert client.get(reverse("cadres:reward-edit", args=[record.pk])).status_code == 403
    assert client.post(reverse("cadres:reward-add", args=[world.cadre_a.pk]), _post()).status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", (timezone.localdate() + timedelta(days=1)).isoformat(), "奖惩日期不能晚于今天。"),
        ("title", "", "这个字段是必填项。"),
        ("issuing_body", "", "这个字段是必填项。"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_saves_nothing(client, world, field, value, message):
    client.force_login(world.dispatch_a)
    response = client.post(reverse("cadres:reward-add", args=[world.cadre_a.pk]), _post(**{field: value}))
    assert response.status_code == 200
    assert response.context["reward_form"].errors[field] == [message]
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert not RewardPunishment.objects.exists()


def test_the_edit_page_changes_and_deletes_a_record(client, world):
    record = services.reward_punishment_add(cadre=world.cadre_a, acting_user=None, **FIELDS)
    client.force_login(world.org_county_a)
    url = reverse("cadres:reward-edit", args=[record.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _post(date=(timezone.localdate() + timedelta(days=3)).isoformat()))
    assert response.context["form"].errors["date"] == ["奖惩日期不能晚于今天。"]
    record.refresh_from_db()
    assert record.date == FIELDS["date"]
    assert client.post(url, _post(kind="punishment", title="通报批评")).status_code == 302
    record.refresh_from_db()
    assert (record.kind, record.title) == ("punishment", "通报批评")
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not RewardPunishment.objects.exists()


def test_outside_the_scope_the_pages_answer_404(client, world):
    record = services.reward_punishment_add(cadre=world.cadre_a, acting_user=None, **FIELDS)
    client.force_login(make_user(roles=[("org_staff", world.county_b)]))
    assert client.get(reverse("cadres:reward-edit", args=[record.pk])).status_code == 404
    assert client.post(reverse("cadres:reward-edit", args=[record.pk]), {"delete": "1"}).status_code == 404
    assert client.post(reverse("cadres:reward-add", args=[world.cadre_a.pk]), _post()).status_code == 404
    assert RewardPunishment.objects.count() == 1


def test_admin_writes_go_through_the_services(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("admin:cadres_rewardpunishment_add"), {"cadre": world.cadre_a.pk, **_post()})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = RewardPunishment.objects.get()
    assert record.created_by == world.admin
    response = client.post(reverse("admin:cadres_rewardpunishment_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(AuditLog.objects.filter(actor=world.admin).values_list("action", flat=True).order_by("id")) == [
        "reward.add",
        "reward.delete",
    ]


def test_the_admin_list_filters_and_searches(client, world):
    services.reward_punishment_add(cadre=world.cadre_a, acting_user=None, **FIELDS)
    services.reward_punishment_add(cadre=world.cadre_b, acting_user=None, **{**FIELDS, "kind": "punishment"})
    client.force_login(world.admin)
    url = reverse("admin:cadres_rewardpunishment_changelist")
    assert client.get(url, {"kind__exact": "punishment"}).context["cl"].result_count == 1
    assert client.get(url, {"q": "甲干部"}).context["cl"].result_count == 1
