"""Delivery exactly once: twice sending, two workers at once, failures retried then marked failed
without blocking others, email opt-out, the webhook channel against a local HTTP server."""

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import override_settings

from core.models import Delivery, Notification, Reminder, WebhookTarget
from core.reminders import RetryLater, reminder_deliver, reminder_scan


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def _scan(w):
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    return reminder_scan(today=report.due_date - timedelta(days=7))  # one reminder: the cadre's


def test_sending_twice_sends_once(reminder_world):
    created, [reminder_id] = _scan(reminder_world)
    assert created == 1
    assert reminder_deliver(reminder_id=reminder_id) == {"in_app": "sent", "email": "sent", "webhook": "skipped"}
    assert reminder_deliver(reminder_id=reminder_id) == {}
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject.startswith("【挂职通】季度工作汇报") and email.to == ["t_cadre@example.gov.cn"]
    assert "/reports/" in email.body and "请登录挂职通办理" in email.alternatives[0][0]


def test_scan_twice_then_send_gives_one_notification_and_one_email(reminder_world):
    _, pending = _scan(reminder_world)
    _, pending_again = _scan(reminder_world)
    for reminder_id in pending + pending_again:
        reminder_deliver(reminder_id=reminder_id)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_email_opt_out_keeps_in_app(reminder_world):
    reminder_world.cadre_user.email_reminders = False
    reminder_world.cadre_user.save()
    _, [reminder_id] = _scan(reminder_world)
    assert reminder_deliver(reminder_id=reminder_id)["email"] == "skipped"
    assert Notification.objects.count() == 1 and mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.core.reminders.test_reminder_delivery.FailingBackend", REMINDER_MAX_ATTEMPTS=3)
def test_failing_email_is_retried_then_failed_and_in_app_still_happens(reminder_world):
    _, [reminder_id] = _scan(reminder_world)
    for _ in range(2):
        with pytest.raises(RetryLater):
            reminder_deliver(reminder_id=reminder_id)
    assert reminder_deliver(reminder_id=reminder_id) == {"email": "failed"}
    email = Delivery.objects.get(channel="email")
    assert (email.status, email.attempts) == ("failed", 3) and "SMTP down" in email.last_error
    assert Delivery.objects.get(channel="in_app").status == "sent" and Notification.objects.count() == 1


def test_the_send_task_retries_with_backoff_then_gives_up(reminder_world, settings, caplog):
    from core.tasks import send_reminder

    settings.EMAIL_BACKEND = "tests.core.reminders.test_reminder_delivery.FailingBackend"
    _, [reminder_id] = _scan(reminder_world)
    send_reminder.apply(args=[reminder_id])  # eager: the retries run inline
    email = Delivery.objects.get(channel="email")
    assert (email.status, email.attempts) == ("failed", settings.REMINDER_MAX_ATTEMPTS)
    waits = [r.getMessage() for r in caplog.records if "Retry in" in r.getMessage()]
    assert [w.split("Retry in ")[1].split("s")[0] for w in waits] == ["60", "120", "240", "480"]
    assert settings.REMINDER_RETRY_MAX_SECONDS < settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(
        "visibility_timeout", 3600
    )


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"errcode":0}')

    def log_message(self, *args):
        pass


def test_webhook_channel_posts_to_the_units_robot(reminder_world):
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    WebhookTarget.objects.create(
        name="甲县挂职群", unit=reminder_world.county_a, url=f"http://127.0.0.1:{server.server_port}/robot"
    )
    WebhookTarget.objects.create(name="乙县挂职群", unit=reminder_world.county_b, url="http://127.0.0.1:9/never")
    _, [reminder_id] = _scan(reminder_world)
    assert reminder_deliver(reminder_id=reminder_id)["webhook"] == "sent"
    thread.join(timeout=10)
    server.server_close()
    [message] = _Hook.received
    assert message["msgtype"] == "text" and "季度工作汇报" in message["text"]["content"]


def test_returned_report_reminds_the_cadre_at_once(reminder_world, django_capture_on_commit_callbacks):
    from reports.services import work_report_return, work_report_submit

    w = reminder_world
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    report = work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work_report_return(report=report, comments="请补充", acting_user=w.org_county_a)
    reminder = Reminder.objects.get(kind="report_returned")
    assert reminder.recipient == w.cadre_user and reminder.body == "请补充" and len(callbacks) == 1
    reminder_deliver(reminder_id=reminder.pk)
    assert Notification.objects.get(reminder=reminder).title.endswith("被退回修改")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_once(reminder_world):
    from django.db import close_old_connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED need PostgreSQL; SQLite serializes writers anyway")
    _, [reminder_id] = _scan(reminder_world)
    barrier = threading.Barrier(2)
    outcomes = []

    def work():
        try:
            barrier.wait(timeout=10)
            outcomes.append(reminder_deliver(reminder_id=reminder_id))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1
    assert sum(1 for o in outcomes for v in o.values() if v == "sent") == 2  # in-app + email, once each


def test_the_command_prints_what_it_did(reminder_world, capsys):
    from django.core.management import call_command

    report = reminder_world.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    call_command("run_reminder_scan", "--date", str(report.due_date - timedelta(days=7)))
    assert "新建提醒 1 条，发送 2 次，失败 0 次。" in capsys.readouterr().out
    call_command("run_reminder_scan", "--date", str(report.due_date - timedelta(days=7)))
    assert "新建提醒 0 条，发送 0 次" in capsys.readouterr().out
    assert date.today() and len(mail.outbox) == 1


def test_a_reminder_made_before_its_posting_closed_is_not_sent_after(reminder_world):
    """Scanned, then the posting is terminated before the send task runs (a queue backlog, a retry):
    the delivery is skipped, nobody is notified."""
    from secondment.services.postings import posting_transition

    w = reminder_world
    _, [reminder_id] = _scan(w)
    posting_transition(
        posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期离岗"
    )
    assert reminder_deliver(reminder_id=reminder_id) == {"closed": "skipped"}
    assert set(Delivery.objects.filter(reminder_id=reminder_id).values_list("status", flat=True)) == {"skipped"}
    assert Notification.objects.count() == 0 and mail.outbox == []
