"""Demo for the appraisal ranking (issue 15): three more postings of the 2025 batch, ended and appraised
with different scores, so that the batch's ranking shows an order (idempotent)."""

from datetime import timedelta
from decimal import Decimal

from cadres.models import Cadre, Unit
from core import demo
from core.demo import clock
from core.demo import story_date as on
from secondment.demo import old_batch_name
from secondment.models import Batch, Posting
from secondment.services.postings import posting_create, posting_transition, postings_end_terms

from .models import Appraisal
from .services import appraisals as services

# (agency, receiving unit, indicator score, 优秀 votes, 称职 votes)
ENTRIES = [
    ("临江市发展和改革委员会", "青山县桃源乡", 94, 22, 2),
    ("临江市教育局", "白水县白沙镇", 86, 15, 9),
    ("临江市农业农村局", "东湖区新港镇", 90, 18, 6),
]


def _appraise(appraisal, score: int, excellent: int, competent: int) -> None:
    """Each step a week after the one before, from the posting's end (stamped that day)."""
    end = appraisal.posting.end_date
    with clock(end + timedelta(days=5)):
        a = services.appraisal_self_summary(appraisal=appraisal, text="一年来，我认真履职……", acting_user=None)
    with clock(end + timedelta(days=12)):
        _appraise_rest(a, score, excellent, competent)


def _appraise_rest(a, score: int, excellent: int, competent: int) -> None:
    scores = {item.pk: Decimal(score) for item in a.template.items.all()}
    a = services.appraisal_receiving_evaluation(
        appraisal=a,
        scores=scores,
        intro="该同志挂职期间协助分管乡村振兴工作。",
        strengths="工作主动，作风扎实。",
        shortcomings="统筹协调能力有待提升。",
        hopes="希望继续保持扎根基层的作风。",
        main_work="协助推进乡村振兴项目。",
        acting_user=None,
    )
    n = excellent + competent
    a = services.appraisal_democratic_evaluation(
        appraisal=a,
        acting_user=None,
        headcount=n,
        expected=n,
        present=n,
        ballots_valid=n,
        ballots_invalid=0,
        ballots_abstain=0,
        votes_excellent=excellent,
        votes_competent=competent,
        votes_basic=0,
        votes_incompetent=0,
        votes_unknown=0,
    )
    a = services.appraisal_talks(
        appraisal=a, talks="个别谈话10人，反映良好。", verification="情况属实。", acting_user=None
    )
    a = services.appraisal_dispatch_opinion(appraisal=a, opinion="同意。", acting_user=None)
    a = services.appraisal_conclude(
        appraisal=a,
        conclusion="挂职锻炼期间表现良好。",
        final_grade=services.appraisal_numbers(a)["suggested"],
        acting_user=None,
    )
    services.appraisal_finalize(appraisal=a, acting_user=None)


def seed_ranking(*, users) -> int:
    batch = Batch.objects.filter(name=old_batch_name()).first()
    appraised = Appraisal.objects.filter(posting__batch=batch, status="finalized").values("posting").distinct()
    if batch is None or appraised.count() > 1:  # a corrected form is two finalized versions of one posting
        return 0
    org = users["org_city"]
    taken = set(Posting.objects.active().values_list("cadre_id", flat=True))
    made = 0
    for agency, town, score, excellent, competent in ENTRIES:
        cadre = Cadre.objects.filter(unit__name=agency).exclude(pk__in=taken).order_by("-id").first()
        if cadre is None:
            continue
        taken.add(cadre.pk)
        with clock(on(2025, 2, 25)):
            posting = posting_create(
                batch=batch,
                cadre=cadre,
                receiving_unit=Unit.objects.get(name=town),
                post="镇长助理",
                start_date=on(2025, 3, 1),
                acting_user=org,
            )
        with clock(on(2025, 3, 1)):
            posting_transition(
                posting=posting,
                action="appoint",
                acting_user=org,
                appointment_doc_no=f"临组干〔2025〕{30 + made}号",
                appointment_date=on(2025, 3, 1),
            )
        with clock(on(2025, 3, 5)):
            posting_transition(posting=posting, action="confirm_arrival", acting_user=org, arrival_date=on(2025, 3, 5))
        with clock(on(2026, 3, 1)):
            postings_end_terms()
        appraisal = posting.appraisals.filter(status="open").first()
        if appraisal is not None:
            _appraise(appraisal, score, excellent, competent)
            made += 1
    return made


@demo.register(65)
def _seed(context: dict) -> str:
    n = seed_ranking(users=context["users"])
    return f"新增定稿鉴定 {n} 份（鉴定得分排名）" if n else ""
