"""Demo appraisals at every step, one finalized (which completes its posting), annual assessments in
each state, and extensions whose conditions are records: an approved one (request, the dispatching
unit's consent, the org department's decision, the annual result linked) and one awaiting the demo
dispatching contact's consent."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from core import demo
from core.demo import clock, story_year
from core.demo import story_date as on
from secondment.models import Posting
from secondment.services import postings as posting_services

from .models import Appraisal, GradeScale
from .services import appraisals as services
from .services.annual import annual_determine, annual_dispatch_opinion, annual_propose, annual_record

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
    """The appraisal's steps up to `until`, a week apart from the posting's end (each stamped that day)."""
    steps = ["self_summary", "receiving", "democratic", "talks", "dispatch", "conclusion", "finalize"]
    for i, step in enumerate(steps[: steps.index(until) + 1]):
        with clock(appraisal.posting.end_date + timedelta(days=7 * (i + 1))):
            appraisal = _step(appraisal, step)
    return appraisal


def _step(appraisal, step: str):
    scale = GradeScale.objects.get(pk=appraisal.scale_id)
    if True:
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
    with clock(appraisal.finalized_at.date() + timedelta(days=20)):
        return _correct(appraisal)


def _correct(appraisal):
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
    by_batch_year = {2025 if year == story_year(2025) else 2026: p for year, p in by_batch_year.items()}
    if 2025 in by_batch_year:  # the older batch's posting: finalized, so the posting completes; then corrected
        _reward_during_term(by_batch_year[2025], "被评为“优秀挂职干部”")
        _corrected(_through(by_batch_year[2025].appraisals.get(), until="finalize"))
    if 2026 in by_batch_year:  # the shortened posting: waiting for the dispatching unit's opinion
        _reward_during_term(by_batch_year[2026], "嘉奖")
        _through(by_batch_year[2026].appraisals.get(), until="talks")
    seed_annual_and_extensions(users=users)
    return Appraisal.objects.count()


def _annual(posting, year: int, *, until: str, grade: str, receive=None, dispatch=None, org=None):
    """An annual assessment driven through its steps up to `until` (proposed, opinion, determined,
    confirmed); None as a user is the system (units without a demo login)."""
    grades = GradeScale.objects.get(is_default=True).grades
    story, year = year, story_year(year)
    with clock(on(story, 11, 20)):
        a = annual_propose(
            posting=posting,
            year=year,
            grade=grades.get(name=grade),
            comments="工作实绩突出，群众认可。",
            acting_user=receive,
        )
    if until == "proposed":
        return a
    with clock(on(story, 11, 24)):
        a = annual_dispatch_opinion(assessment=a, opinion="同意接收单位的建议等次。", acting_user=dispatch)
    if until == "opinion":
        return a
    with clock(on(story, 11, 27)):
        a = annual_determine(assessment=a, grade=grades.get(name=grade), acting_user=receive)
    if until == "determined":
        return a
    with clock(on(story, 11, 30)):
        return annual_record(assessment=a, acting_user=org)


def seed_older_extension(*, users) -> None:
    """The older batch's posting at 湖滨街道 (its term to 2026-05-31): its 2025 grade determined by the
    receiving unit after the dispatching unit's opinion (not yet recorded), then an extension requested
    by the org department on the unit's behalf, consented, approved to 2026-12-31 with the result
    linked. Seeded before the reports and conduct demos, which follow the extended term. 东湖区湖滨街道
    and 临江市财政局 have no demo login: their steps are the system's."""
    older = (
        Posting.objects.filter(receiving_unit__name="东湖区湖滨街道", batch__year=story_year(2025))
        .order_by("id")
        .first()
    )
    if older is None or older.extension_requests.exists():
        return
    org = users["org_city"]
    _annual(older, 2025, until="determined", grade="称职")
    new_end = on(2026, 12, 31)
    with clock(on(2026, 4, 20)):
        request = posting_services.extension_request_create(
            posting=older,
            new_end_date=new_end,
            receiving_unit_request="旧城改造项目进入关键阶段，需其继续牵头协调，申请延期至年底。",
            cadre_willing=True,
            acting_user=org,
        )
    with clock(on(2026, 4, 25)):
        request = posting_services.extension_request_consent(
            request=request, consent=True, reason="同意延期，原职务继续保留。", acting_user=None
        )
    with clock(on(2026, 5, 8)):
        posting_services.extension_request_decide(
            request=request, approve=True, reason=f"经部务会研究，同意延期至{new_end:%Y年%m月%d日}。", acting_user=org
        )


def seed_annual_and_extensions(*, users) -> None:
    """Annual assessments in each state, and an extension waiting for the demo dispatching contact."""
    receive, dispatch, org = users["receive"], users["dispatch"], users["org_city"]
    # the demo cadre at 石门镇: 2026 determined by the receiving unit after the dispatching unit's opinion
    # and recorded by the org department; then the receiving unit asks for an extension, which waits for
    # the dispatching unit's consent (login "dispatch"), then the org department's decision ("org_city")
    mine = Posting.objects.filter(status="on_post", cadre=users["cadre"].cadre).first()
    if mine is not None and not mine.annual_assessments.exists():
        _annual(mine, 2026, until="confirmed", grade="优秀", receive=receive, dispatch=dispatch, org=org)
        with clock(on(2026, 11, 30)):
            posting_services.extension_request_create(
                posting=mine,
                new_end_date=on(2027, 8, 31),
                receiving_unit_request="柳溪村高标准农田项目二期正在实施，需其继续牵头推进，申请延期半年。",
                cadre_willing=True,
                acting_user=receive,
            )
    # 湖滨街道 (extended to the year's end): its 2026 grade proposed by the receiving unit
    older = Posting.objects.filter(
        receiving_unit__name="东湖区湖滨街道", batch__year=story_year(2025), status="on_post"
    ).first()
    if older is not None and not older.annual_assessments.filter(year=story_year(2026)).exists():
        _annual(older, 2026, until="proposed", grade="称职")
    # the shortened posting at 新港镇: 2026 waiting for the receiving unit to determine the grade
    shortened = Posting.objects.filter(receiving_unit__name="东湖区新港镇", status="term_ended").first()
    if shortened is not None and not shortened.annual_assessments.exists():
        _annual(shortened, 2026, until="opinion", grade="优秀")


__all__ = ["seed_annual_and_extensions", "seed_appraisals", "seed_older_extension"]


@demo.register(35)
def _seed_extension(context: dict) -> str:
    seed_older_extension(users=context["users"])
    return ""


@demo.register(60)
def _seed(context: dict) -> str:
    seed_appraisals(users=context["users"])
    return ""


def _phone_vote(appraisal) -> None:
    """民主测评（扫码） on the day `_through` would have typed the tallies in: 28 slips printed, 25 voted on
    their phones (德能勤绩廉 rated too), closed by hand when the meeting ended; the tallies fill the step."""
    from .models import BallotCode
    from .services import votes

    with clock(appraisal.posting.end_date + timedelta(days=21), time(15, 0)):
        now = timezone.now()
        vote = votes.democratic_vote_open(
            appraisal=appraisal,
            expected=28,
            opens_at=now - timedelta(minutes=20),
            closes_at=now + timedelta(hours=1),
            with_indicators=True,
            acting_user=None,
        )
        keys = [i["key"] for i in vote.indicators]
        plan = ["votes_excellent"] * 15 + ["votes_competent"] * 7 + ["votes_basic", "votes_unknown", "abstain"]
        codes = BallotCode.objects.filter(vote=vote).order_by("id").values_list("code", flat=True)[: len(plan)]
        for i, (code, choice) in enumerate(zip(codes, plan, strict=True)):
            ratings = {key: ("好", "较好", "好", "一般")[(i + j) % 4] for j, key in enumerate(keys)}
            votes.democratic_vote_cast(code=code, choice=choice, ratings=ratings if choice != "abstain" else {})
        votes.democratic_vote_close(vote=vote, acting_user=None, reason="测评会议结束，3人请假未到会")


def seed_department_assessments(*, users) -> int:
    """The department's appraisals and annual assessments (secondment.demo.department): the batch two
    years back finalized (its postings complete), the county batch's appraisals at every step (two at
    石门镇 waiting for the demo receiving contact's evaluation), this year's annual assessments proposed
    (the demo dispatching contact's opinion pending for 市农业农村局), given an opinion, or determined."""
    from secondment.demo.department import batch_names

    names = batch_names()
    ended = Posting.objects.filter(batch__name=names["old"], status="term_ended").order_by("id")
    county = Posting.objects.filter(batch__name=names["county"], status="term_ended").order_by("id")
    city2 = Posting.objects.filter(batch__name=names["city2"], status="on_post").order_by("id")
    if Appraisal.objects.filter(posting__batch__name=names["county"]).exclude(self_summary="").exists():
        return 0
    steps = ["self_summary", "receiving", "democratic", "talks", "dispatch", "conclusion", "finalize"]
    for posting in ended:
        _through(posting.appraisals.get(), until="finalize")
    # 石门镇's first two wait for its evaluation; the others spread over the later steps
    plan = ["self_summary", "self_summary", "receiving", "democratic", "talks", "dispatch", "conclusion", None]
    for posting, until in zip(county, plan, strict=False):
        if until == "democratic":  # this one's 民主测评 was run on phones (issue 20)
            _phone_vote(_through(posting.appraisals.get(), until="receiving"))
        elif until is not None:
            _through(posting.appraisals.get(), until=until)
    receive, dispatch, org = users["receive"], users["dispatch"], users["org_city"]
    for i, posting in enumerate(city2):
        mine = posting.dispatching_unit.name == "临江市农业农村局"
        until = "proposed" if mine or i % 4 == 0 else ("opinion", "determined", "confirmed")[i % 3]
        if mine and i == 2:
            until = "confirmed"
        grade = "优秀" if i % 3 == 0 else "称职"
        _annual(posting, 2026, until=until, grade=grade, dispatch=dispatch if mine else None, org=org)
    del receive, steps
    return ended.count() + county.count()


@demo.register(74)
def _seed_department(context: dict) -> str:
    seed_department_assessments(users=context["users"])
    return ""
