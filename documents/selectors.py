"""Document reads: which settings a form follows."""

from django.db.models import Q
from django.db.models.functions import Length

from cadres.models import Unit

from .models import DEFAULT_APPRAISAL_FORM_TITLE, DocumentSettings, FileTransfer


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


def file_transfer_materials(*, batch) -> list[tuple[str, str]]:
    """The materials a hand-off (转递材料清单) lists, the appraisal form under the title its batch's
    jurisdiction gives it."""
    title = appraisal_form_title(batch=batch)
    return [(key, title if key == "form" else label) for key, label in FileTransfer.MATERIALS]
