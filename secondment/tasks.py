from celery import shared_task

from .services.postings import postings_end_terms


@shared_task(ignore_result=True)
def end_terms() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): postings past their end date become 期满待鉴定."""
    return postings_end_terms()
