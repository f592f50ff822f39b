from celery import shared_task

from .services import worker_heartbeat_record


@shared_task(ignore_result=True)
def record_worker_heartbeat() -> None:
    """Periodic (see CELERY_BEAT_SCHEDULE): proves worker and beat run; /healthz/ reports it."""
    worker_heartbeat_record(name="celery")
