"""The demo data shows what issue 15 built: a 座谈会 with attendees and minutes, 情况反馈 acknowledged and
waiting, 轮岗, 生活保障, 结对 in a 对口帮扶 batch, and a ranking of several finalized appraisals."""

from django.core.management import call_command
from django.test import override_settings

from assessments.ranking import batch_appraisal_ranking
from secondment.demo import old_batch_name
from secondment.models import Batch, LivingSupport, PostingFeedback, PostingRotation, Symposium, UnitPairing


@override_settings(DEBUG=True)
def test_the_demo_shows_the_support_records_and_a_ranking(db):
    call_command("seed_demo")
    symposium = Symposium.objects.get()
    assert symposium.attendees.exists() and symposium.minutes
    assert {True, False} == {f.acknowledged_at is not None for f in PostingFeedback.objects.all()}
    assert PostingRotation.objects.count() == 2 and LivingSupport.objects.exists()
    assert UnitPairing.objects.filter(batch__kind__name="对口帮扶").count() == 2
    ranking = batch_appraisal_ranking(batch=Batch.objects.get(name=old_batch_name()))
    assert len(ranking) >= 3 and [r.rank for r in ranking] == sorted(r.rank for r in ranking)
    call_command("seed_demo")
    assert Symposium.objects.count() == 1 and UnitPairing.objects.count() == 2
