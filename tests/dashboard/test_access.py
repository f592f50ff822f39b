"""dashboard.access: the statistics and the reminder log are for org staff and the administrator; the
menus and the home page offer the links access gives (and the verification of a printed form, from
documents.access), and the pages refuse everyone else."""

import pytest
from django.urls import reverse

from core.models import Reminder
from dashboard.access import dashboard_actions, reminders_visible_to
from documents.access import archive_actions
from tests.factories import make_user

ORG = {"admin", "org_city", "org_county"}


def test_dashboard_actions_per_role(world):
    for role, user in world.users_by_role().items():
        expected = {"statistics", "reminder_log"} if role in ORG else set()
        assert dashboard_actions(user) == expected, role
        assert archive_actions(user) == ({"verify"} if role in ORG else set()), role


def test_reminders_visible_to(reminder_world):
    w = reminder_world
    from datetime import timedelta

    from core.reminders import reminder_scan

    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    reminder_scan(today=report.due_date + timedelta(days=8))
    assert Reminder.objects.exists()
    assert reminders_visible_to(w.admin).count() == Reminder.objects.count()
    assert reminders_visible_to(w.org_county_a).exists()
    assert reminders_visible_to(w.receive_a).count() == 0  # not a reader of the log
    assert not reminders_visible_to(make_user(roles=[("org_staff", w.county_b)])).exists()


@pytest.mark.parametrize("role", ["admin", "org_city", "org_county", "dispatch", "receive", "cadre"])
def test_pages_and_links_follow_access(client, world, role):
    user = world.users_by_role()[role]
    client.force_login(user)
    allowed = role in ORG
    for url in (reverse("dashboard:index"), reverse("notifications:log"), reverse("documents:verify")):
        assert client.get(url).status_code == (200 if allowed else 403), (role, url)
    home = client.get(reverse("home"))
    assert home.context["nav_actions"] == dashboard_actions(user) | archive_actions(user)
    body = home.content.decode()
    for testid in ("statistics-link", "reminder-log-link", "verify-link"):
        assert (f'data-testid="{testid}"' in body) == allowed, (role, testid)
