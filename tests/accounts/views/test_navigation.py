"""Each role logs in and sees its own navigation and home page."""

import pytest
from django.urls import reverse

EXPECTED_NAV = {
    "admin": {"home", "units", "cadres", "batches", "postings", "reports", "support", "dashboard", "admin"},
    "org_city": {"home", "units", "cadres", "batches", "postings", "reports", "support", "dashboard"},
    "org_county": {"home", "units", "cadres", "batches", "postings", "reports", "support", "dashboard"},
    "dispatch": {"home", "units", "cadres", "batches", "postings", "reports", "support"},
    "receive": {"home", "units", "batches", "postings", "support"},
    "cadre": {"home", "postings", "me"},
}
HOME_SECTIONS = {
    "admin": {"home-org"},
    "org_city": {"home-org"},
    "org_county": {"home-org"},
    "dispatch": {"home-dispatch"},
    "receive": {"home-receive"},
    "cadre": {"home-cadre"},
}
ALL_SECTIONS = {"home-org", "home-dispatch", "home-receive", "home-cadre"}


@pytest.mark.parametrize("role", sorted(EXPECTED_NAV))
def test_each_role_logs_in_and_sees_its_navigation(client, world, role):
    user = world.users_by_role()[role]
    assert client.login(username=user.username, password="pw-12345-test")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    nav_keys = {key for key, _label, _url in response.context["nav_items"]}
    assert nav_keys == EXPECTED_NAV[role]
    html = response.content.decode()
    for section in ALL_SECTIONS:
        assert (f'data-testid="{section}"' in html) == (section in HOME_SECTIONS[role]), section


def test_login_with_the_form_then_logout(client, world):
    response = client.post(reverse("login"), {"username": "t_dispatch", "password": "pw-12345-test"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "本单位干部" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_a_chinese_message(client, world):
    response = client.post(reverse("login"), {"username": "t_dispatch", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_a_user_with_two_roles_sees_the_union(client, world):
    from accounts.models import Role
    from accounts.services import user_grant_role

    user_grant_role(user=world.dispatch_a, role=Role.RECEIVE_CONTACT, unit=world.town_a, acting_user=None)
    client.force_login(world.dispatch_a)
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-dispatch"' in html and 'data-testid="home-receive"' in html


def test_password_change_page(client, world):
    client.force_login(world.cadre_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "pw-12345-test", "new_password1": "Xq7-long-new-pw", "new_password2": "Xq7-long-new-pw"},
    )
    assert response.status_code == 302
    world.cadre_user.refresh_from_db()
    assert world.cadre_user.check_password("Xq7-long-new-pw")
