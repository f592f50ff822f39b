"""The demo gives every login work (issue 16): each demo login's home page shows at least two to-dos
with something in them, and every link on it answers 200 for that login."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from accounts.models import User

LOGINS = ["admin", "org_city", "org_county", "dispatch", "receive", "cadre"]


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo")


def _main(html: str) -> str:
    """The page's own content, without the navigation bar (its links are tested elsewhere)."""
    return html[html.index("<main") :] if "<main" in html else html


@override_settings(DEBUG=True)
def test_every_demo_login_has_two_things_to_do_and_every_link_on_its_home_page_works(client, demo):
    for username in LOGINS:
        client.force_login(User.objects.get(username=username))
        html = _main(client.get("/").content.decode())
        todos = re.findall(r'data-todo="([\w-]+)" data-count="(\d+)"', html)
        quick = re.findall(r'data-action="(\w+)"', html)
        waiting = [key for key, n in todos if int(n) > 0]
        if username == "cadre":  # the cadre's to-dos are its reports and quick actions
            assert {"report", "leave", "worklog"} <= set(quick)
            assert 'data-testid="my-reports"' in html and "近期没有需要报送的汇报" not in html
        else:
            assert len(waiting) >= 2, (username, todos)
        links = set(re.findall(r'href="(/[^"#]*)"', html))
        assert links, username
        for link in sorted(links):
            link = link.replace("&amp;", "&")
            assert client.get(link).status_code == 200, (username, link)


@override_settings(DEBUG=True)
def test_demo_history_carries_the_day_each_event_happened(demo):
    """Nothing in the story is stamped with the seeding time alone: the posting histories span the
    years of the demo, and a posting's arrival is recorded on its arrival day."""
    from core.models import AuditLog
    from reports.models import WorkReport
    from secondment.models import Posting, PostingStatusChange

    days = {e.created_at.date() for e in PostingStatusChange.objects.all()}
    assert len({d.year for d in days}) >= 3
    assert len({e.created_at.year for e in AuditLog.objects.all()}) >= 3  # the audit trail too
    for report in WorkReport.objects.filter(first_submitted_at__isnull=False)[:30]:  # submitted around the due day
        assert abs((timezone.localtime(report.first_submitted_at).date() - report.due_date).days) <= 10
    for posting in Posting.objects.exclude(arrival_date=None)[:20]:
        arrival = posting.history.get(action="confirm_arrival")
        assert timezone.localtime(arrival.created_at).date() == posting.arrival_date
