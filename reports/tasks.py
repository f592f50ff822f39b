from celery import shared_task

from .services import print_job_run


@shared_task(ignore_result=True)
def run_print_job(job_id: int) -> None:
    """Batch printing runs in a worker (workers recycle: --max-tasks-per-child in production)."""
    print_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def cleanup_print_jobs() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remove print jobs past their retention period."""
    from .services import print_jobs_cleanup

    return print_jobs_cleanup()
