"""The first security property: nobody sees a cadre or unit outside their scope (lists and URLs)."""

import re

import pytest
from django.urls import reverse

from cadres.access import cadres_visible_to, units_visible_to


def _names(qs):
    return set(qs.values_list("name", flat=True))


def test_dispatch_contact_sees_only_their_units_cadres(world):
    assert _names(cadres_visible_to(world.dispatch_a)) == {"甲干部"}
    assert _names(units_visible_to(world.dispatch_a)) == {"甲县农业农村局"}


def test_county_org_staff_sees_their_county_only(world):
    assert _names(units_visible_to(world.org_county_a)) == {"甲县县委", "甲县农业农村局", "甲县石门镇"}
    assert _names(cadres_visible_to(world.org_county_a)) == {"甲干部"}


def test_city_org_staff_and_admin_see_everything(world):
    for user in (world.org_city, world.admin):
        assert _names(cadres_visible_to(user)) == {"甲干部", "乙干部"}
        assert len(units_visible_to(user)) == 6


def test_cadre_sees_only_their_own_record(world):
    assert _names(cadres_visible_to(world.cadre_user)) == {"甲干部"}
    assert _names(units_visible_to(world.cadre_user)) == {"甲县农业农村局"}


def test_receiving_contact_sees_no_cadres_until_postings_exist(world):
    assert _names(cadres_visible_to(world.receive_a)) == set()
    assert _names(units_visible_to(world.receive_a)) == {"甲县石门镇"}


def test_user_without_roles_sees_nothing(world):
    from tests.factories import make_user

    nobody = make_user()
    assert not cadres_visible_to(nobody).exists()
    assert not units_visible_to(nobody).exists()


@pytest.mark.parametrize(
    ("role", "cadre_attr", "status"),
    [
        ("dispatch", "cadre_b", 404),
        ("dispatch", "cadre_a", 200),
        ("org_county", "cadre_b", 404),
        ("org_county", "cadre_a", 200),
        ("org_city", "cadre_b", 200),
        ("receive", "cadre_a", 404),
        ("cadre", "cadre_b", 404),
        ("cadre", "cadre_a", 200),
    ],
)
def test_cadre_detail_by_direct_url(client, world, role, cadre_attr, status):
    client.force_login(world.users_by_role()[role])
    response = client.get(reverse("cadres:cadre-detail", args=[getattr(world, cadre_attr).pk]))
    assert response.status_code == status
    if status == 404:
        assert getattr(world, cadre_attr).name not in response.content.decode()


def test_missing_and_foreign_records_get_the_same_404(client, world):
    client.force_login(world.dispatch_a)
    foreign = client.get(reverse("cadres:cadre-detail", args=[world.cadre_b.pk]))
    missing = client.get(reverse("cadres:cadre-detail", args=[999999]))
    assert foreign.status_code == missing.status_code == 404
    strip_token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip_token.sub(b"", foreign.content) == strip_token.sub(b"", missing.content)


@pytest.mark.parametrize(
    ("role", "unit_attr", "status"),
    [
        ("org_county", "unit_b", 404),
        ("org_county", "town_a", 200),
        ("dispatch", "town_a", 404),
        ("receive", "town_a", 200),
        ("org_city", "unit_b", 200),
    ],
)
def test_unit_detail_by_direct_url(client, world, role, unit_attr, status):
    client.force_login(world.users_by_role()[role])
    assert client.get(reverse("cadres:unit-detail", args=[getattr(world, unit_attr).pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("dispatch", {"甲干部"}, {"乙干部"}),
        ("org_county", {"甲干部"}, {"乙干部"}),
        ("org_city", {"甲干部", "乙干部"}, set()),
    ],
)
def test_cadre_list_pages_are_scoped(client, world, role, visible, hidden):
    client.force_login(world.users_by_role()[role])
    html = client.get(reverse("cadres:cadre-list")).content.decode()
    assert all(name in html for name in visible)
    assert not any(name in html for name in hidden)


def test_unit_list_page_is_scoped(client, world):
    client.force_login(world.org_county_a)
    html = client.get(reverse("cadres:unit-list")).content.decode()
    assert "甲县石门镇" in html and "乙县教育局" not in html


def test_moving_a_unit_moves_its_scope(world):
    """Re-parenting a unit re-roots its subtree; scopes follow, references stay."""
    from cadres.services import unit_update

    unit_update(unit=world.unit_b, acting_user=world.admin, parent=world.county_a)
    world.org_county_a.__dict__.pop("_gzt_roles", None)
    assert "乙干部" in _names(cadres_visible_to(world.org_county_a))
    world.cadre_b.refresh_from_db()
    assert world.cadre_b.unit_id == world.unit_b.pk
