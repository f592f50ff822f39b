"""Demo termination proposals (one waiting for the city's decision, one decided) and 任职手续."""

from core.demo import clock
from core.demo import story_date as on

from ..models import AppointmentFormality, Posting, TerminationProposal
from ..services import conduct
from ..services.termination import appointment_formality_record, termination_proposal_decide, termination_propose


def seed_termination(*, users) -> int:
    if TerminationProposal.objects.exists() or AppointmentFormality.objects.exists():
        return 0
    org_city, org_county, receive = users["org_city"], users["org_county"], users["receive"]
    mine = Posting.objects.filter(cadre=users["cadre"].cadre, status="on_post").first()
    if mine is not None:
        # 任职手续 by the receiving unit (石门镇), then a proposal it made and the city rejected
        with clock(on(2026, 3, 2)):
            appointment_formality_record(
                posting=mine,
                date=on(2026, 3, 2),
                doc_no="石党〔2026〕5号",
                title=f"关于{mine.cadre.name}同志挂任石门镇{mine.post}的通知",
                acting_user=receive,
            )
        with clock(on(2026, 7, 1)):
            proposal = termination_propose(
                posting=mine,
                grounds="rectification",
                reasons="督查发现工作日志记录不及时，提请研究是否终止挂职。",
                inspections=list(mine.inspections.all()[:1]),
                acting_user=receive,
            )
        with clock(on(2026, 7, 10)):
            termination_proposal_decide(
                proposal=proposal,
                approve=False,
                reason="督查问题已按期整改到位，不同意终止，继续挂职。",
                acting_user=org_city,
            )
    # 桃源乡 (青山县): appointed but never arrived; the county org department proposes, the city decides
    absent = Posting.objects.filter(status="appointed", receiving_unit__name="青山县桃源乡").first()
    if absent is not None:
        with clock(on(2026, 3, 25)):
            check = conduct.inspection_record(
                posting=absent,
                date=on(2026, 3, 25),
                method="phone",
                findings="任职已超过两周，本人仍未到岗，接收单位多次联系未果。",
                acting_user=org_county,
            )
        with clock(on(2026, 3, 30)):
            termination_propose(
                posting=absent,
                grounds="absence",
                reasons="任职后逾期未到岗，经提醒仍未报到，建议终止挂职。",
                inspections=[check],
                acting_user=org_county,
            )
    for posting in Posting.objects.filter(status="on_post").exclude(pk=getattr(mine, "pk", None))[:1]:
        appointment_formality_record(
            posting=posting,
            date=posting.appointment_date or posting.start_date,
            doc_no="湖滨街党〔2025〕12号",
            title=f"关于{posting.cadre.name}同志挂任{posting.post}的通知",
            acting_user=None,
        )
    return TerminationProposal.objects.count()
