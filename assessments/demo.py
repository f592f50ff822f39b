"""Demo appraisals at every step, one finalized (which completes its posting), and annual assessments."""

from decimal import Decimal

from core import demo
from secondment.models import Posting

from .models import Appraisal, GradeScale
from .services import appraisals as services
from .services.annual import annual_confirm, annual_dispatch_opinion, annual_propose

OPINION = {
    "intro": "该同志挂职期间分管农业农村工作，联系两个村。",
    "strengths": "政治立场坚定，工作主动，善于协调，推动项目落地见效。",
    "shortcomings": "基层工作经验尚需积累，调查研究还可更深入。",
    "hopes": "希望回原单位后继续发扬扎根基层的作风。",
    "main_work": "牵头推进高标准农田项目；参与防汛和秋粮收购工作。",
}
TALLIES = {
    "headcount": 30,
    "expected": 28,
    "present": 25,
    "ballots_valid": 24,
    "ballots_invalid": 1,
    "ballots_abstain": 0,
    "votes_excellent": 15,
    "votes_competent": 8,
    "votes_basic": 1,
    "votes_incompetent": 0,
    "votes_unknown": 0,
}


def _through(appraisal, *, until: str):
    steps = ["self_summary", "receiving", "democratic", "talks", "dispatch", "conclusion", "finalize"]
    scale = GradeScale.objects.get(pk=appraisal.scale_id)
    for step in steps[: steps.index(until) + 1]:
        if step == "self_summary":
            appraisal = services.appraisal_self_summary(
                appraisal=appraisal, text="一年来，我认真履职……", acting_user=None
            )
        elif step == "receiving":
            scores = {item.pk: Decimal(92 + i) for i, item in enumerate(appraisal.template.items.all())}
            appraisal = services.appraisal_receiving_evaluation(
                appraisal=appraisal, scores=scores, acting_user=None, **OPINION
            )
        elif step == "democratic":
            appraisal = services.appraisal_democratic_evaluation(appraisal=appraisal, acting_user=None, **TALLIES)
        elif step == "talks":
            appraisal = services.appraisal_talks(
                appraisal=appraisal,
                talks="与镇领导班子成员和干部群众12人个别谈话，反映良好。",
                verification="核实项目台账和考勤，情况属实。",
                acting_user=None,
            )
        elif step == "dispatch":
            appraisal = services.appraisal_dispatch_opinion(
                appraisal=appraisal, opinion="同意接收单位的评价意见。", acting_user=None
            )
        elif step == "conclusion":
            numbers = services.appraisal_numbers(appraisal)
            appraisal = services.appraisal_conclude(
                appraisal=appraisal,
                conclusion="挂职锻炼期间表现优秀，鉴定为优秀等次。",
                final_grade=numbers["suggested"] or scale.grades.first(),
                filing_no="临组鉴备〔2026〕3号",
                acting_user=None,
            )
        elif step == "finalize":
            appraisal = services.appraisal_finalize(appraisal=appraisal, acting_user=None)
    return appraisal


def _reward_during_term(posting, title: str) -> None:
    """A reward dated in the middle of the posting's term, from the county above the receiving unit,
    so the demo forms print something under 奖惩情况 (cadres.demo gives other cadres theirs)."""
    from cadres.services import reward_punishment_add

    body = posting.receiving_unit.parent or posting.receiving_unit
    day = posting.start_date + (posting.end_date - posting.start_date) / 2
    reward_punishment_add(
        cadre=posting.cadre,
        acting_user=None,
        kind="reward",
        title=title,
        date=day,
        issuing_body=body.name,
        document_no=f"{body.name[2:4]}委〔{day.year}〕8号",
    )


def _corrected(appraisal):
    """The finalized form corrected: its filing number was wrong; the new version is concluded again
    with the right one and finalized, so the demo shows a 更正件 beside the version it replaces."""
    correction = services.appraisal_correct(
        appraisal=appraisal, reason="原表备案编号有误，更正为临组鉴备〔2026〕5号。", acting_user=None
    )
    correction = services.appraisal_conclude(
        appraisal=correction,
        conclusion=correction.conclusion,
        final_grade=correction.final_grade,
        deviation_reason=correction.grade_deviation_reason,
        filing_no="临组鉴备〔2026〕5号",
        acting_user=None,
    )
    return services.appraisal_finalize(appraisal=correction, acting_user=None)


def seed_appraisals(*, users) -> int:
    if Appraisal.objects.exclude(self_summary="").exists():
        return 0
    by_batch_year = {p.batch.year: p for p in Posting.objects.filter(status="term_ended").select_related("batch")}
    if 2025 in by_batch_year:  # the older batch's posting: finalized, so the posting completes; then corrected
        _reward_during_term(by_batch_year[2025], "被评为“优秀挂职干部”")
        _corrected(_through(by_batch_year[2025].appraisals.get(), until="finalize"))
    if 2026 in by_batch_year:  # the shortened posting: waiting for the dispatching unit's opinion
        _reward_during_term(by_batch_year[2026], "嘉奖")
        _through(by_batch_year[2026].appraisals.get(), until="talks")
    on_post = Posting.objects.filter(status="on_post", cadre=users["cadre"].cadre).first()
    if on_post is not None:
        grades = on_post.batch and GradeScale.objects.get(is_default=True).grades
        a = annual_propose(
            posting=on_post,
            year=2026,
            grade=grades.get(name="优秀"),
            comments="工作实绩突出。",
            acting_user=users["receive"],
        )
        annual_dispatch_opinion(assessment=a, opinion="同意。", acting_user=users["dispatch"])
        annual_confirm(assessment=a, grade=grades.get(name="优秀"), acting_user=users["org_city"])
    return Appraisal.objects.count()


__all__ = ["seed_appraisals"]


@demo.register(60)
def _seed(context: dict) -> str:
    seed_appraisals(users=context["users"])
    return ""
