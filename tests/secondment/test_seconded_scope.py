"""The cadres an org department and a receiving unit see through the postings (secondment.access
`_seconded_cadres`): the same cadres whether or not the caller says the list is narrowed by a search,
which only changes how PostgreSQL checks them (core.expressions.ProbedExists; issue 18)."""

from datetime import date

import pytest
from django.urls import reverse

from cadres.access import cadres_visible_to
from secondment.services.postings import posting_create


@pytest.fixture
def outsider_seconded(batch_world):
    """cadre_b works outside county A and is seconded into it (town_a) by county A's batch."""
    w = batch_world
    posting_create(
        batch=w.batch,
        cadre=w.cadre_b,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2026, 12, 1),
        acting_user=w.org_county_a,
    )
    return w


def test_narrowed_scope_is_the_same_cadres_for_every_role(outsider_seconded):
    w = outsider_seconded
    for role, user in w.users_by_role().items():
        plain = set(cadres_visible_to(user).values_list("pk", flat=True))
        narrowed = set(cadres_visible_to(user, narrowed=True).values_list("pk", flat=True))
        assert plain == narrowed, role
    for user in (w.org_county_a, w.receive_a):
        assert w.cadre_b.pk in set(cadres_visible_to(user, narrowed=True).values_list("pk", flat=True))
    assert w.cadre_b.pk not in set(cadres_visible_to(w.dispatch_a, narrowed=True).values_list("pk", flat=True))


def test_only_a_narrowed_list_checks_the_postings_row_by_row(outsider_seconded):
    w = outsider_seconded
    plain = str(cadres_visible_to(w.org_county_a).query)
    narrowed = str(cadres_visible_to(w.org_county_a, narrowed=True).query)
    assert "EXISTS" in plain and "OFFSET 0" not in plain
    assert "OFFSET 0)" in narrowed
    assert "OFFSET 0" not in str(cadres_visible_to(w.admin, narrowed=True).query)  # no condition to check


def test_cadre_search_finds_a_cadre_seconded_in_from_outside(client, outsider_seconded):
    w = outsider_seconded
    client.force_login(w.org_county_a)
    page = client.get(reverse("cadres:cadre-list"), {"q": w.cadre_b.name[:1]}).context["page"]
    assert w.cadre_b in list(page)
    client.force_login(w.dispatch_a)  # cadre_b is neither in their units nor seconded to them
    page = client.get(reverse("cadres:cadre-list"), {"q": w.cadre_b.name}).context["page"]
    assert w.cadre_b not in list(page)
