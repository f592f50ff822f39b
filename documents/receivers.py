"""What documents do when something happens below them (core.events)."""

from core import events

from .services import appraisal_archive


@events.subscribe("appraisal.finalized", after_commit=True)
def archive_finalized_appraisal(*, appraisal, **_event) -> None:
    """The PDF as finalized, with its SHA-256. Rendered after the finalization has committed, outside
    its row locks; `documents.tasks.cleanup_print_jobs` archives any finalized form still missing."""
    from assessments.models import Appraisal

    appraisal_archive(appraisal=Appraisal.objects.get(pk=appraisal.pk))
