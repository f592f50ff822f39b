"""Document reads: which settings a form follows."""

from django.db.models import Q
from django.db.models.functions import Length

from cadres.models import Unit

from .models import DEFAULT_APPRAISAL_FORM_TITLE, DocumentSettings


def document_settings_for(*, unit: Unit) -> DocumentSettings | None:
    """The settings of the nearest jurisdiction at or above `unit` (the longest path that is a prefix
    of the unit's path), else the row for everywhere, else None."""
    lineage = [int(part) for part in unit.path.strip("/").split("/") if part]
    return (
        DocumentSettings.objects.filter(Q(jurisdiction__isnull=True) | Q(jurisdiction_id__in=lineage))
        .order_by(Length("jurisdiction__path").desc(nulls_last=True))
        .first()
    )


def appraisal_form_title(*, batch) -> str:
    """The appraisal form's title (without 《》) for a batch: its organizer's jurisdiction decides."""
    found = document_settings_for(unit=batch.organizer)
    return found.appraisal_form_title if found else DEFAULT_APPRAISAL_FORM_TITLE
