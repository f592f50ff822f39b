"""结对帮扶 (seed 000): in a 对口帮扶 batch its organizing department pairs a dispatching unit (with a
quota) with a receiving unit (with a post); the paired unit's posts are suggested when a nominee of the
dispatching unit is matched to a post. Read by whoever sees the batch, 404 otherwise; exported to Excel."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cadres.models import Unit
from secondment.models import BatchKind, Nomination, PostTitle, UnitPairing
from secondment.services import support as services
from secondment.services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status
from secondment.services.nominations import nomination_create, nomination_record_inspection
from tests.factories import make_unit, make_user


@pytest.fixture
def paired_world(world):
    w = world
    today = timezone.localdate()
    w.batch = batch_create(
        acting_user=w.org_county_a,
        name="甲县对口帮扶挂职",
        kind=BatchKind.objects.get(name="对口帮扶"),
        year=today.year,
        organizer=w.county_a,
        planned_start=today + timedelta(days=10),
        nomination_deadline=today + timedelta(days=5),
    )
    w.town_b = make_unit("甲县云岭乡", parent=w.county_a, kind=Unit.Kind.TOWNSHIP, level=Unit.Level.TOWNSHIP)
    batch_quota_set(batch=w.batch, dispatching_unit=w.unit_a, quota=2, acting_user=w.org_county_a)
    post = PostTitle.objects.get(name="副镇长")
    w.offer_a = batch_offer_add(
        batch=w.batch, receiving_unit=w.town_a, post_title=post, count=1, acting_user=w.org_county_a
    )
    w.offer_b = batch_offer_add(
        batch=w.batch, receiving_unit=w.town_b, post_title=post, count=1, acting_user=w.org_county_a
    )
    batch_set_status(batch=w.batch, status="open", acting_user=w.org_county_a)
    w.paired_batch = w.batch
    return w


def _pair(w, dispatching=None, receiving=None, user=None):
    return services.pairing_add(
        batch=w.paired_batch,
        dispatching_unit=dispatching or w.unit_a,
        receiving_unit=receiving or w.town_b,
        notes="产业帮扶",
        acting_user=user or w.org_county_a,
    )


def test_pairs_are_set_by_the_organizing_department_of_a_paired_batch_only(paired_world, batch_world):
    w = paired_world
    _pair(w)
    for user in (w.dispatch_a, w.receive_a, make_user(roles=[("org_staff", w.county_b)])):
        with pytest.raises(PermissionDenied):
            _pair(w, receiving=w.town_a, user=user)
    with pytest.raises(PermissionDenied):  # a 下派 batch has no pairs
        services.pairing_add(
            batch=batch_world.batch, dispatching_unit=w.unit_a, receiving_unit=w.town_a, acting_user=w.org_county_a
        )
    assert UnitPairing.objects.count() == 1


def test_a_pair_joins_a_unit_with_a_quota_and_a_unit_with_a_post(paired_world):
    w = paired_world
    with pytest.raises(ValidationError) as error:
        _pair(w, dispatching=w.unit_b, receiving=w.county_b)
    assert set(error.value.message_dict) == {"dispatching_unit", "receiving_unit"}
    _pair(w)
    with pytest.raises(ValidationError, match="已经结对"):
        _pair(w)


def test_the_paired_units_posts_are_suggested_when_deciding_on_a_nominee(client, paired_world):
    w = paired_world
    _pair(w)
    nomination = nomination_create(
        batch=w.batch, cadre=w.cadre_a, method="org", reason="推荐", acting_user=w.dispatch_a
    )
    nomination_record_inspection(nomination=nomination, result="passed", notes="合格", acting_user=w.org_county_a)
    client.force_login(w.org_county_a)
    form = client.get(reverse("secondment:nomination-detail", args=[nomination.pk])).context["decision_form"]
    assert form["offer"].initial == w.offer_b.pk
    labels = dict((c[0].value, c[1]) for c in form.fields["offer"].choices if c[0])
    assert "结对单位" in labels[w.offer_b.pk] and "结对单位" not in labels[w.offer_a.pk]


def test_the_pairing_page_follows_the_batch_scope_and_exports(client, paired_world):
    w = paired_world
    _pair(w)
    url = reverse("secondment:batch-pairings", args=[w.batch.pk])
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.get(url).status_code == 404
    assert client.post(url, {"remove": UnitPairing.objects.get().pk}).status_code == 404
    client.force_login(w.dispatch_a)  # a contact with a quota sees the pairs, without the form
    response = client.get(url)
    assert (
        response.status_code == 200 and w.town_b.name in response.content.decode() and response.context["form"] is None
    )
    client.force_login(w.org_county_a)
    assert "结对帮扶" in client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("secondment:batch-pairings-export-xlsx", args=[w.batch.pk])).content)
    ).active
    assert list(sheet.iter_rows(values_only=True))[1][1:3] == (w.unit_a.name, w.town_b.name)
    client.post(url, {"remove": UnitPairing.objects.get().pk})
    assert not UnitPairing.objects.exists()


def test_pairing_page_query_count_does_not_grow_with_rows(client, paired_world):
    w = paired_world
    _pair(w)
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-pairings", args=[w.batch.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    _pair(w, receiving=w.town_a)
    for i in range(3):
        unit = make_unit(f"甲县单位{i}", parent=w.county_a)
        batch_quota_set(batch=w.batch, dispatching_unit=unit, quota=1, acting_user=w.org_county_a)
        _pair(w, dispatching=unit)
    assert count() == one


def test_a_nomination_with_an_unknown_method_is_refused(paired_world):
    """The service refuses a method outside its choices (SQLite alone would have stored it)."""
    w = paired_world
    with pytest.raises(ValidationError) as error:
        nomination_create(
            batch=w.batch, cadre=w.cadre_a, method="organization", reason="推荐", acting_user=w.dispatch_a
        )
    assert "method" in error.value.message_dict
    assert not Nomination.objects.filter(batch=w.batch, cadre=w.cadre_a).exists()
