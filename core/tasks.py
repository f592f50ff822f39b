from celery import shared_task

from .services import worker_heartbeat_record


@shared_task(ignore_result=True)
def record_worker_heartbeat() -> None:
    """Periodic (see CELERY_BEAT_SCHEDULE): proves worker and beat run; /healthz/ reports it."""
    worker_heartbeat_record(name="celery")


@shared_task(bind=True, ignore_result=True, max_retries=None)
def send_reminder(self, reminder_id: int) -> None:
    """Deliver one reminder; a failed channel is retried with exponential backoff, capped well below
    the broker's visibility timeout, until REMINDER_MAX_ATTEMPTS, then marked failed."""
    from django.conf import settings

    from .reminders import RetryLater, reminder_deliver

    try:
        reminder_deliver(reminder_id=reminder_id)
    except RetryLater as exc:
        countdown = min(
            settings.REMINDER_RETRY_BASE_SECONDS * 2**self.request.retries, settings.REMINDER_RETRY_MAX_SECONDS
        )
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(bind=True, ignore_result=True, max_retries=None)
def send_reminders(self, reminder_ids: list[int]) -> None:
    """Deliver a batch of reminders (the scan's fan-out, DELIVERY_BATCH at a time): each channel claims,
    sends and records the whole batch in a bounded number of queries. Retried like send_reminder; a
    retry finds only the rows still pending."""
    from django.conf import settings

    from .reminders import RetryLater, reminder_deliver

    try:
        reminder_deliver(reminder_ids=reminder_ids)
    except RetryLater as exc:
        countdown = min(
            settings.REMINDER_RETRY_BASE_SECONDS * 2**self.request.retries, settings.REMINDER_RETRY_MAX_SECONDS
        )
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(ignore_result=True)
def scan_reminders(today: str | None = None) -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): create the reminders due and not yet made, and fan out one send
    task each. A scan that did not run (worker down, server off over a holiday) loses nothing: the next
    one catches up what became due meanwhile, the latest rung of each item only. `today` (YYYY-MM-DD)
    is for operators replaying a date. The sends go out in batches of DELIVERY_BATCH reminders."""
    from datetime import date

    from django.db import transaction

    from .reminders import DELIVERY_BATCH, reminder_scan

    created, pending = reminder_scan(today=date.fromisoformat(today) if today else None)
    batches = [pending[i : i + DELIVERY_BATCH] for i in range(0, len(pending), DELIVERY_BATCH)]
    transaction.on_commit(lambda: [send_reminders.delay(batch) for batch in batches])
    return created


@shared_task(ignore_result=True)
def run_export_job(job_id: int) -> None:
    """A list export too large for a request (core.exports), written by a worker in constant memory."""
    from .exports import export_job_run

    export_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def cleanup_export_jobs() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remove export jobs and their files past EXPORT_RETENTION_DAYS."""
    from .exports import export_jobs_cleanup

    return export_jobs_cleanup()
