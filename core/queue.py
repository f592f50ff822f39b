"""Enqueue a Celery task by its name, after the current transaction commits (HackSoft: tasks are sent on
commit). Services call this instead of importing their app's `tasks` module, which imports the services
back: the task module stays the thin caller, and no import cycle joins the two."""

from celery import current_app
from django.db import transaction


def enqueue_on_commit(task_name: str, *args) -> None:
    """`core.tasks.send_reminder`, 42 -> sent once the transaction commits (at once outside one)."""
    transaction.on_commit(lambda: current_app.tasks[task_name].delay(*args))
