"""Demo postings in every state and with every flag (idempotent: skipped once postings exist)."""

from cadres.models import Cadre, Unit
from core.demo import clock, story_year
from core.demo import story_date as on

from ..models import AbsenceRecord, Batch, BatchKind, Posting, PostTitle
from ..services import postings as services
from ..services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status
from ..services.postings import posting_transition


def seed_postings(*, users) -> int:
    from . import city_batch_name, old_batch_name

    if Posting.objects.exists():
        return 0
    org = users["org_city"]
    receive = users["receive"]
    city_batch = Batch.objects.get(name=city_batch_name())
    with clock(on(2026, 2, 20)):
        created = services.batch_create_postings(batch=city_batch, start_date=on(2026, 3, 1), acting_user=org)
    by_unit = {p.receiving_unit.name: p for p in created}
    with clock(on(2026, 3, 1)):
        _city_postings(by_unit, org, receive)
    _old_batch(org, old_batch_name())
    return Posting.objects.count()


def _city_postings(by_unit, org, receive) -> None:
    # the demo cadre at 石门镇: appointed, arrived, filed, 三定 set -> 在岗
    p = by_unit["青山县石门镇"]
    posting_transition(
        posting=p,
        action="appoint",
        acting_user=org,
        appointment_doc_no="临组干〔2026〕15号",
        appointment_date=on(2026, 3, 1),
    )
    with clock(on(2026, 3, 6)):
        posting_transition(posting=p, action="confirm_arrival", acting_user=receive, arrival_date=on(2026, 3, 6))
    with clock(on(2026, 3, 10)):
        services.posting_record_filing(
            posting=p, filing_no="青组备〔2026〕8号", filing_date=on(2026, 3, 10), acting_user=receive
        )
        services.posting_update_plan(
            posting=p,
            acting_user=receive,
            mentor="石门镇党委书记 周建华",
            duties="协助分管农业农村、乡村振兴工作",
            responsibilities="牵头推进柳溪村高标准农田项目；联系2个村",
            training_plan="参加镇党委会议；每季度专题调研1次",
            subsidy_monthly=500,
        )
    # 桃源乡: appointed but never confirmed -> 待到岗, arrival overdue, not filed
    posting_transition(
        posting=by_unit["青山县桃源乡"],
        action="appoint",
        acting_user=org,
        appointment_doc_no="临组干〔2026〕16号",
        appointment_date=on(2026, 3, 1),
    )
    # 白沙镇: on post, long unapproved absence, then terminated (rule 6)
    p = by_unit["白水县白沙镇"]
    posting_transition(
        posting=p,
        action="appoint",
        acting_user=org,
        appointment_doc_no="临组干〔2026〕17号",
        appointment_date=on(2026, 3, 1),
    )
    with clock(on(2026, 3, 8)):
        posting_transition(posting=p, action="confirm_arrival", acting_user=org, arrival_date=on(2026, 3, 8))
    with clock(on(2026, 6, 12)):
        AbsenceRecord.objects.create(
            posting=p, start_date=on(2026, 6, 1), end_date=on(2026, 6, 10), days=10, notes="未请假离岗，电话联系不上。"
        )
    with clock(on(2026, 6, 20)):
        posting_transition(
            posting=p,
            action="terminate",
            acting_user=org,
            grounds="absence",
            reason="长期未经批准离岗，经部务会研究终止挂职。",
        )
    # 新港镇: on post, shortened after consultation -> 期满待鉴定
    p = by_unit["东湖区新港镇"]
    posting_transition(
        posting=p,
        action="appoint",
        acting_user=org,
        appointment_doc_no="临组干〔2026〕18号",
        appointment_date=on(2026, 3, 1),
    )
    with clock(on(2026, 3, 3)):
        posting_transition(posting=p, action="confirm_arrival", acting_user=org, arrival_date=on(2026, 3, 3))
    with clock(on(2026, 9, 15)):
        posting_transition(
            posting=p,
            action="shorten",
            acting_user=org,
            reason="派出单位重大专项工作需要",
            new_end_date=on(2026, 9, 30),
            consultation="已征求派出单位、接收单位和本人意见，均同意。",
        )
    if p.status != "term_ended":
        with clock(on(2026, 10, 1)):
            services.postings_end_terms()


def _old_batch(org, name) -> None:
    """An older batch, decided (已派出) with quotas and posts for the units it sent to: one posting
    completed, one to be extended, one planned to start this month."""
    town = Unit.objects.get(name="白水县云岭乡")
    with clock(on(2025, 1, 10)):
        old = batch_create(
            acting_user=org,
            name=name,
            kind=BatchKind.objects.get(name="下派"),
            year=story_year(2025),
            organizer=Unit.objects.get(name="中共临江市委"),
            planned_start=on(2025, 3, 1),
            nomination_deadline=on(2025, 2, 1),
        )
        # 财政局 sends this story's three; the ranking demo (assessments) adds one from each of the others
        for agency in ["临江市财政局", "临江市发展和改革委员会", "临江市教育局", "临江市农业农村局"]:
            batch_quota_set(batch=old, dispatching_unit=Unit.objects.get(name=agency), quota=3, acting_user=org)
        post = PostTitle.objects.get(name="镇长助理")
        for receiving in ["白水县云岭乡", "东湖区湖滨街道", "青山县桃源乡", "白水县白沙镇", "东湖区新港镇"]:
            batch_offer_add(
                batch=old, receiving_unit=Unit.objects.get(name=receiving), post_title=post, count=1, acting_user=org
            )
        batch_set_status(batch=old, status="open", acting_user=org)
    with clock(on(2025, 2, 1)):
        batch_set_status(batch=old, status="closed", acting_user=org)
    with clock(on(2025, 2, 20)):
        batch_set_status(batch=old, status="decided", acting_user=org)
    taken = set(Posting.objects.active().values_list("cadre_id", flat=True))
    spare = list(Cadre.objects.filter(unit__name="临江市财政局").exclude(pk__in=taken).order_by("id")[:3])
    with clock(on(2025, 2, 25)):
        done = services.posting_create(
            batch=old, cadre=spare[0], receiving_unit=town, post="副乡长", start_date=on(2025, 3, 1), acting_user=org
        )
    with clock(on(2025, 3, 1)):
        posting_transition(
            posting=done,
            action="appoint",
            acting_user=org,
            appointment_doc_no="临组干〔2025〕9号",
            appointment_date=on(2025, 3, 1),
        )
    with clock(on(2025, 3, 4)):
        posting_transition(posting=done, action="confirm_arrival", acting_user=org, arrival_date=on(2025, 3, 4))
    with clock(on(2026, 3, 1)):
        services.postings_end_terms()  # 期满待鉴定; the appraisal demo (assessments.demo) finalizes it
    with clock(on(2025, 5, 20)):
        extended = services.posting_create(
            batch=old,
            cadre=spare[1],
            receiving_unit=Unit.objects.get(name="东湖区湖滨街道"),
            post="街道办事处主任助理",
            start_date=on(2025, 6, 1),
            acting_user=org,
        )
    with clock(on(2025, 6, 1)):
        posting_transition(
            posting=extended,
            action="appoint",
            acting_user=org,
            appointment_doc_no="临组干〔2025〕21号",
            appointment_date=on(2025, 6, 1),
        )
    with clock(on(2025, 6, 6)):
        posting_transition(posting=extended, action="confirm_arrival", acting_user=org, arrival_date=on(2025, 6, 6))
    # its annual result and its extension (request, consent, decision) are seeded by assessments.demo at
    # order 35, before the reports and conduct demos: the assessment condition links the annual results,
    # which live in an app above this one
    with clock(on(2026, 11, 20)):
        services.posting_create(
            batch=old, cadre=spare[2], receiving_unit=town, post="乡长助理", start_date=on(2026, 12, 1), acting_user=org
        )  # 拟派
