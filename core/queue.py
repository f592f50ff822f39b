"""Enqueue a Celery task by its name, after the current transaction commits (HackSoft: tasks are sent on
commit). Services call this instead of importing their app's `tasks` module, which imports the services
back: the task module stays the thin caller, and no import cycle joins the two.

The message is sent by name (`send_task`): a web process or a management command need not have
imported the task's module (Celery registers app tasks only when a worker starts)."""

from celery import current_app
from django.db import transaction


def enqueue_on_commit(task_name: str, *args) -> None:
    """`core.tasks.send_reminder`, 42 -> sent once the transaction commits (at once outside one)."""
    transaction.on_commit(lambda: current_app.send_task(task_name, args=args))
