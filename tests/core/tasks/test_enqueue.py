"""Services enqueue tasks by name after commit (core.queue). In a fresh process that never imported the
task's module — a management command such as `seed_demo`, or a web worker — sending must still work."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import django
django.setup()
import sys
from core.queue import enqueue_on_commit
enqueue_on_commit("core.tasks.record_worker_heartbeat")  # outside a transaction: sent at once
assert "core.tasks" not in sys.modules, "the task module was imported"
print("sent")
"""


def test_a_fresh_process_enqueues_a_task_it_never_imported():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DATABASE_URL": "sqlite://:memory:",  # enqueueing outside a transaction still asks the connection
    }
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "sent"
