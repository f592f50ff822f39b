"""The cadre list's count is cached per jurisdiction and filters under the data version (issue 18: a
city's list counted 65,000 records through its scope on every page) — and never stale: a committed
write shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadres.models import Cadre
from tests.factories import make_cadre


def _count(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cadres:cadre-list"), params)
    assert response.status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    counted = [sql for sql in sqls if sql.startswith("SELECT COUNT(*)") and "cadres_cadre" in sql]
    return response.context["page"].paginator.count, counted


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_count_is_read_once_and_follows_a_committed_write(client, world):
    client.force_login(world.org_county_a)
    visible = Cadre.objects.filter(unit__path__startswith=world.county_a.path).count()
    count, counted = _count(client)
    assert count == visible and counted  # computed
    assert _count(client) == (visible, [])  # served from the cache
    assert _count(client, page=1)[1] == []  # paging keys are not filters

    make_cadre(world.unit_a, "新干部")

    count, counted = _count(client)
    assert count == visible + 1 and counted


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_filter_and_jurisdiction_has_its_own_count(client, world):
    client.force_login(world.org_city)
    everyone, _ = _count(client)
    assert everyone == Cadre.objects.filter(unit__path__startswith=world.city.path).count() > 1
    searched, counted = _count(client, q=world.cadre_a.name)
    assert searched == 1 and counted
    client.force_login(world.org_county_a)
    county, counted = _count(client)
    assert county == Cadre.objects.filter(unit__path__startswith=world.county_a.path).count() < everyone
    assert counted
