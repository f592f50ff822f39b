from celery import shared_task

from .services import print_job_run


@shared_task(ignore_result=True)
def run_print_job(job_id: int) -> None:
    """Batch printing runs in a worker (workers recycle: --max-tasks-per-child in production)."""
    print_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def cleanup_print_jobs() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remove print jobs past their retention period, and archive any
    finalized appraisal form still missing from the archive."""
    from .services import archives_complete, print_jobs_cleanup

    archives_complete()
    return print_jobs_cleanup()
