"""A real Celery worker (against Redis in CI, the filesystem broker otherwise) runs the scan, which
fans out send tasks; notification rows and emails (file backend) appear."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import app as celery_app
from core.models import Notification
from reports.models import WorkReport
from tests.core.tasks.test_worker_process import _database_url_of_test_db

ROOT = Path(__file__).resolve().parents[3]


def _emails_to(mail_dir: Path, address: str) -> list[Path]:
    return [e for e in mail_dir.iterdir() if address in e.read_text()] if mail_dir.exists() else []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_delivers_reminders(reminder_world, tmp_path):
    w = reminder_world
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    WorkReport.objects.filter(pk=report.pk).update(due_date=timezone.localdate() + timedelta(days=7))
    # the posting's other reports are not due for a long while, whatever today's date: one reminder only
    WorkReport.objects.filter(posting=w.posting).exclude(pk=report.pk).update(
        due_date=timezone.localdate() + timedelta(days=400)
    )
    queue = f"test-reminders-{os.getpid()}-{time.time_ns()}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url_of_test_db(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # the scan's send tasks go to this worker only
        "EMAIL_URL": f"filemail:///{mail_dir}",  # django-environ drops one leading slash
        "TEST_EMAIL_BACKEND_FROM_ENV": "1",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        celery_app.send_task("core.tasks.scan_reminders", queue=queue)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert worker.poll() is None, worker.stdout.read()
            # other people may have their own reminders today (the month's attendance, say): wait for the
            # cadre's own email, not for any email
            if Notification.objects.filter(user=w.cadre_user).exists() and _emails_to(mail_dir, "t_cadre@"):
                break
            time.sleep(0.5)
        note = Notification.objects.get(user=w.cadre_user)
        assert "季度工作汇报" in note.title
        to_cadre = _emails_to(mail_dir, "t_cadre@example.gov.cn")
        assert len(to_cadre) == 1 and "季度工作汇报" in to_cadre[0].read_text()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
