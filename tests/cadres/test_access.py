"""What each role may do with units and cadres (cadres.access), and that the pages show exactly that:
a button one role sees is absent for another, and the services refuse what the pages do not offer."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cadres import access, services
from cadres.models import Unit

ALL_UNIT = {"edit", "add_child", "add_cadre"}
ALL_CADRE = {"edit", "add_training", "manage_rewards", "read_particulars"}
READ = {"read_particulars"}  # the family members and the 任免审批表 file (issue 19)
ALL_LIST = {"add_cadre", "import_roster"}

# role -> (unit_list_actions, unit_actions(unit_a), unit_actions(unit_b), cadre_list_actions,
#          cadre_actions(cadre_a), cadre_actions(cadre_b))
EXPECTED = {
    "admin": ({"add_unit", "add_top_level"}, ALL_UNIT, ALL_UNIT, ALL_LIST, ALL_CADRE, ALL_CADRE),
    "org_city": ({"add_unit"}, ALL_UNIT, ALL_UNIT, ALL_LIST, ALL_CADRE, ALL_CADRE),
    "org_county": ({"add_unit"}, ALL_UNIT, set(), ALL_LIST, ALL_CADRE, set()),
    "dispatch": (set(), {"add_cadre"}, set(), ALL_LIST, ALL_CADRE, set()),
    "receive": (set(), set(), set(), set(), set(), set()),
    "cadre": (set(), set(), set(), set(), READ, set()),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_actions_per_role(world, role):
    user = world.users_by_role()[role]
    unit_list, on_unit_a, on_unit_b, cadre_list, on_cadre_a, on_cadre_b = EXPECTED[role]
    assert access.unit_list_actions(user) == unit_list
    assert access.unit_actions(user, world.unit_a) == on_unit_a
    assert access.unit_actions(user, world.unit_b) == on_unit_b
    assert access.cadre_list_actions(user) == cadre_list
    assert access.cadre_actions(user, world.cadre_a) == on_cadre_a
    assert access.cadre_actions(user, world.cadre_b) == on_cadre_b
    assert access.cadre_import_allowed(user) == ("import_roster" in cadre_list)


def _page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


class TestButtons:
    def test_new_unit_for_org_staff_not_for_dispatch(self, client, world):
        create = reverse("cadres:unit-create")
        assert create in _page(client, world.org_county_a, "cadres:unit-list")
        assert create not in _page(client, world.dispatch_a, "cadres:unit-list")

    def test_unit_edit_and_new_child_for_org_staff_not_for_receiving_contact(self, client, world):
        edit = reverse("cadres:unit-edit", args=[world.town_a.pk])
        child = f"{reverse('cadres:unit-create')}?parent={world.town_a.pk}"
        org_page = _page(client, world.org_county_a, "cadres:unit-detail", world.town_a.pk)
        assert edit in org_page and child in org_page
        receive_page = _page(client, world.receive_a, "cadres:unit-detail", world.town_a.pk)
        assert edit not in receive_page and child not in receive_page

    def test_dispatch_contact_sees_neither_unit_edit_nor_new_child_of_own_unit(self, client, world):
        page = _page(client, world.dispatch_a, "cadres:unit-detail", world.unit_a.pk)
        assert reverse("cadres:unit-edit", args=[world.unit_a.pk]) not in page
        assert f"?parent={world.unit_a.pk}" not in page

    def test_new_cadre_and_import_for_dispatch_not_for_receiving_contact(self, client, world):
        buttons = (reverse("cadres:cadre-create"), reverse("cadres:import-start"))
        dispatch_page = _page(client, world.dispatch_a, "cadres:cadre-list")
        receive_page = _page(client, world.receive_a, "cadres:cadre-list")
        assert all(b in dispatch_page for b in buttons)
        assert not any(b in receive_page for b in buttons)

    def test_cadre_edit_and_training_for_dispatch_not_for_the_cadre(self, client, world):
        edit = reverse("cadres:cadre-edit", args=[world.cadre_a.pk])
        training = reverse("cadres:training-add", args=[world.cadre_a.pk])
        dispatch_page = _page(client, world.dispatch_a, "cadres:cadre-detail", world.cadre_a.pk)
        own_page = _page(client, world.cadre_user, "cadres:cadre-detail", world.cadre_a.pk)
        assert edit in dispatch_page and training in dispatch_page
        assert edit not in own_page and training not in own_page


class TestRefused:
    """The pages and the services refuse what the actions do not offer."""

    def test_roster_template_only_for_who_may_import(self, client, world):
        client.force_login(world.receive_a)
        assert client.get(reverse("cadres:import-template")).status_code == 403
        client.force_login(world.dispatch_a)
        assert client.get(reverse("cadres:import-template")).status_code == 200

    def test_cadre_may_not_open_the_edit_page_of_their_own_record(self, client, world):
        client.force_login(world.cadre_user)
        assert client.get(reverse("cadres:cadre-edit", args=[world.cadre_a.pk])).status_code == 403

    def test_receiving_contact_may_not_open_the_create_pages(self, client, world):
        client.force_login(world.receive_a)
        assert client.get(reverse("cadres:cadre-create")).status_code == 403
        assert client.get(reverse("cadres:unit-create")).status_code == 403

    def test_only_the_administrator_creates_a_top_level_unit(self, world):
        with pytest.raises(PermissionDenied):
            services.unit_create(acting_user=world.org_city, name="另一市委", level=Unit.Level.CITY)
        unit = services.unit_create(acting_user=world.admin, name="另一市委", level=Unit.Level.CITY)
        assert unit.path == f"/{unit.pk}/"

    def test_dispatch_contact_may_not_add_a_child_unit(self, world):
        with pytest.raises(PermissionDenied):
            services.unit_create(acting_user=world.dispatch_a, name="下属站", parent=world.unit_a)

    def test_org_staff_may_not_move_a_unit_out_of_their_jurisdiction(self, world):
        with pytest.raises(PermissionDenied):
            services.unit_update(unit=world.unit_a, acting_user=world.org_county_a, parent=world.county_b)

    def test_training_record_needs_add_training(self, world):
        fields = {"course": "党校培训", "start_date": date(2026, 1, 5)}
        with pytest.raises(PermissionDenied):
            services.training_record_add(cadre=world.cadre_a, acting_user=world.cadre_user, **fields)
        record = services.training_record_add(cadre=world.cadre_a, acting_user=world.dispatch_a, **fields)
        assert record.created_by == world.dispatch_a
