"""Reminders about the personnel file (scan rules for core.reminders): a finalized appraisal whose form
has not gone into the cadre's personnel file (入档: the 转递 record with its materials, DOMAIN "Filing and
the personnel file")."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.reminders import Candidate, link_for, rule
from secondment.reminders import Recipients

APPRAISAL = "assessments.appraisal"


@rule
def appraisals_not_filed(today: date):
    """REMINDER_APPRAISAL_FILING_DAYS after finalization, no 转递入档 recorded: to the organizing org
    department, once. Its subject is the appraisal, not the posting: the posting is completed (closed,
    nothing more is asked of the cadre or the units), but the org department's own filing of the form
    is what closes the record."""
    from assessments.models import Appraisal

    from .models import FileTransfer

    days = settings.REMINDER_APPRAISAL_FILING_DAYS
    appraisals = (
        Appraisal.objects.filter(
            status=Appraisal.Status.FINALIZED,
            correction__isnull=True,
            # finalized on or before today - days (Asia/Shanghai dates)
            finalized_at__lt=timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min)),
        )
        .exclude(Exists(FileTransfer.objects.filter(appraisal=OuterRef("pk"))))
        # plain values, not instances: a province has tens of thousands of finalized appraisals
        .values_list("pk", "finalized_at", "posting__cadre__name", "posting__batch__organizer__path")
    )
    who = Recipients()
    transfer_url, zone = link_for("documents:transfer"), timezone.get_current_timezone()
    for pk, finalized_at, cadre_name, organizer_path in appraisals.iterator(chunk_size=5000):
        for uid in who.org_staff_for(organizer_path):
            yield Candidate(
                f"appraisal_filing:{pk}:{uid}",
                uid,
                "appraisal_filing",
                f"{cadre_name}的鉴定表尚未转递入档",
                f"鉴定于{finalized_at.astimezone(zone):%Y年%m月%d日}定稿，请将鉴定表等材料转递入档并登记。",
                transfer_url(pk),
                pk,
                subject_type=APPRAISAL,
            )
