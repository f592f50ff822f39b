"""Role grants and revocations made in admin go through accounts.services: one audit row each,
naming the admin user."""

from django.urls import reverse

from accounts.models import Role, RoleAssignment
from core.models import AuditLog


def _rows_by(user):
    return list(AuditLog.objects.filter(actor=user).values_list("action", "target_id", "data"))


def test_a_grant_in_the_role_admin_leaves_one_audit_row(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": world.dispatch_a.pk, "role": Role.RECEIVE_CONTACT, "unit": world.town_a.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=world.dispatch_a, role=Role.RECEIVE_CONTACT, unit=world.town_a).exists()
    assert _rows_by(world.admin) == [
        ("role.grant", str(world.dispatch_a.pk), {"role": Role.RECEIVE_CONTACT, "unit_id": world.town_a.pk})
    ]


def test_a_revoke_in_the_role_admin_leaves_one_audit_row(client, world):
    assignment = RoleAssignment.objects.get(user=world.receive_a)
    client.force_login(world.admin)
    response = client.post(reverse("admin:accounts_roleassignment_delete", args=[assignment.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert _rows_by(world.admin) == [
        ("role.revoke", str(world.receive_a.pk), {"role": Role.RECEIVE_CONTACT, "unit_id": world.town_a.pk})
    ]


def test_bulk_revoke_from_the_role_list_leaves_a_row_per_role(client, world):
    pks = list(RoleAssignment.objects.filter(user__in=[world.receive_a, world.dispatch_a]).values_list("pk", flat=True))
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_roleassignment_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk__in=pks).exists()
    assert sorted(action for action, _target, _data in _rows_by(world.admin)) == ["role.revoke", "role.revoke"]


def test_changing_an_assignment_is_a_revoke_and_a_grant(client, world):
    assignment = RoleAssignment.objects.get(user=world.dispatch_a)
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_roleassignment_change", args=[assignment.pk]),
        {"user": world.dispatch_a.pk, "role": Role.DISPATCH_CONTACT, "unit": world.unit_b.pk},
    )
    assert response.status_code == 302
    assert list(world.dispatch_a.role_assignments.values_list("unit", flat=True)) == [world.unit_b.pk]
    assert sorted((action, data["unit_id"]) for action, _target, data in _rows_by(world.admin)) == [
        ("role.grant", world.unit_b.pk),
        ("role.revoke", world.unit_a.pk),
    ]


def test_the_role_inline_on_the_user_page_grants_and_revokes_through_the_service(client, world, admin_form_data):
    client.force_login(world.admin)
    url = reverse("admin:accounts_user_change", args=[world.receive_a.pk])
    data = admin_form_data(client.get(url))
    data["role_assignments-0-DELETE"] = "on"  # revoke the receiving contact role at town A ...
    data.update(  # ... and grant the dispatching contact role at unit A
        {
            "role_assignments-TOTAL_FORMS": "2",
            "role_assignments-1-user": str(world.receive_a.pk),
            "role_assignments-1-role": Role.DISPATCH_CONTACT,
            "role_assignments-1-unit": str(world.unit_a.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(world.receive_a.role_assignments.values_list("role", "unit")) == [
        (Role.DISPATCH_CONTACT, world.unit_a.pk)
    ]
    assert sorted(_rows_by(world.admin)) == [
        ("role.grant", str(world.receive_a.pk), {"role": Role.DISPATCH_CONTACT, "unit_id": world.unit_a.pk}),
        ("role.revoke", str(world.receive_a.pk), {"role": Role.RECEIVE_CONTACT, "unit_id": world.town_a.pk}),
    ]


def test_saving_the_user_page_unchanged_records_nothing(client, world, admin_form_data):
    client.force_login(world.admin)
    url = reverse("admin:accounts_user_change", args=[world.receive_a.pk])
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert RoleAssignment.objects.filter(user=world.receive_a).count() == 1
    assert _rows_by(world.admin) == []


def test_deleting_a_user_revokes_their_roles_through_the_service(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("admin:accounts_user_delete", args=[world.dispatch_a.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert _rows_by(world.admin) == [
        ("role.revoke", str(world.dispatch_a.pk), {"role": Role.DISPATCH_CONTACT, "unit_id": world.unit_a.pk})
    ]
