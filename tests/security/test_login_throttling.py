"""Login throttling (django-axes): after repeated wrong passwords, that user name from that address is
locked with a Chinese message, even with the right password; another user from the same office address
still logs in; an administrator unlocks in admin."""

from django.conf import settings
from django.urls import reverse

from accounts.models import LoginLockout

OFFICE = {"REMOTE_ADDR": "10.1.2.3"}


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **{**OFFICE, **extra})


def test_wrong_passwords_lock_the_user_at_that_address_with_a_chinese_message(client, world):
    for _ in range(10):
        response = _login(client, "t_dispatch", "wrong-password")
        assert response.status_code in (200, 429)
    response = _login(client, "t_dispatch", "pw-12345-test")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已暂时锁定" in html and f"连续 {settings.AXES_FAILURE_LIMIT} 次密码错误" in html
    assert "_auth_user_id" not in client.session


def test_another_user_from_the_same_office_address_still_logs_in(client, world):
    for _ in range(10):
        _login(client, "t_dispatch", "wrong-password")
    response = _login(client, "t_receive", "pw-12345-test")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_the_same_user_from_another_address_is_not_locked(client, world):
    for _ in range(10):
        _login(client, "t_dispatch", "wrong-password")
    response = _login(client, "t_dispatch", "pw-12345-test", REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302


def test_a_few_mistakes_then_the_right_password_is_fine_and_resets(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "t_dispatch", "wrong-password")
    assert _login(client, "t_dispatch", "pw-12345-test").status_code == 302
    assert not LoginLockout.objects.filter(username="t_dispatch", failures_since_start__gt=0).exists()


def test_admin_unlocks_in_admin(client, world):
    for _ in range(10):
        _login(client, "t_dispatch", "wrong-password")
    assert _login(client, "t_dispatch", "pw-12345-test").status_code == 429
    admin_client = client.__class__()
    admin_client.force_login(world.admin)
    changelist = reverse("admin:accounts_loginlockout_changelist")
    page = admin_client.get(changelist).content.decode()
    assert "登录失败与锁定" in page and "t_dispatch" in page and "10.1.2.3" in page
    lockout = LoginLockout.objects.get(username="t_dispatch")
    response = admin_client.post(changelist, {"action": "unlock", "_selected_action": [lockout.pk]}, follow=True)
    assert "已解除 1 条锁定" in response.content.decode()
    assert _login(client, "t_dispatch", "pw-12345-test").status_code == 302


def test_force_login_and_test_client_login_are_not_throttled(client, world):
    for _ in range(10):
        _login(client, "t_cadre", "wrong-password")
    assert client.login(username="t_cadre", password="pw-12345-test")
