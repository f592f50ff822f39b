from celery import shared_task

from .services.votes import democratic_votes_close_due


@shared_task(ignore_result=True)
def close_ended_votes() -> int:
    """Every minute (CELERY_BEAT_SCHEDULE): phone votes whose window has ended are closed and their
    tallies fill the appraisal's 民主测评 step."""
    return democratic_votes_close_due()
