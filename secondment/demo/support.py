"""Demo support records (issue 15): a 座谈会 with minutes, 情况反馈 (one acknowledged, one waiting),
轮岗, 生活保障, and a 对口帮扶 batch with its 结对 (idempotent: skipped once a 座谈会 exists)."""

from decimal import Decimal

from cadres.models import Unit
from core.demo import clock
from core.demo import story_date as on

from ..models import Batch, BatchKind, LivingSupport, Posting, PostTitle, Symposium
from ..services import support as services
from ..services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status


def seed_support(*, users) -> int:
    from . import city_batch_name

    if Symposium.objects.exists():
        return 0
    org, receive, dispatch = users["org_city"], users["receive"], users["dispatch"]
    city = Unit.objects.get(name="中共临江市委")
    city_batch = Batch.objects.filter(name=city_batch_name()).first()
    shimen = Posting.objects.filter(receiving_unit__name="青山县石门镇", status=Posting.Status.ON_POST).first()
    if city_batch is None or shimen is None:
        return 0
    day = on(2026, 6, 18)
    attendees = [
        p for p in city_batch.postings.select_related("cadre") if p.arrival_date and p.start_date <= day <= p.end_date
    ]
    with clock(day):
        services.symposium_create(
            organizer=city,
            batch=city_batch,
            title=f"市直单位挂职干部座谈会（{day.year}年上半年）",
            date=day,
            place="市委组织部三楼会议室",
            topics="交流挂职体会；听取对挂职管理工作的意见建议；部署下半年工作",
            minutes=(
                "会议由市委组织部干部科主持。挂职干部逐一汇报了到岗以来的工作和体会。\n"
                "大家建议：增加与派出单位的联系频次；接收单位进一步明确分管工作。\n"
                "部领导要求：沉下身子，扎根基层，按时报送季度汇报。"
            ),
            other_attendees="市委组织部副部长 王明；干部科全体人员",
            attendees=attendees,
            acting_user=org,
        )
    with clock(on(2026, 6, 2)):
        first = services.feedback_create(
            posting=shimen,
            period_start=on(2026, 3, 1),
            period_end=on(2026, 5, 31),
            content="该同志到岗后迅速进入角色，协助分管农业农村工作，牵头柳溪村高标准农田项目，考勤正常。",
            acting_user=receive,
        )
    with clock(on(2026, 6, 5)):
        services.feedback_acknowledge(feedback=first, reply="已知悉，感谢石门镇的关心培养。", acting_user=dispatch)
    with clock(on(2026, 9, 2)):
        services.feedback_create(
            posting=shimen,
            period_start=on(2026, 6, 1),
            period_end=on(2026, 8, 31),
            content="防汛期间坚守一线，带队排查隐患12处；季度汇报按时报送。",
            acting_user=org,
        )
    with clock(on(2026, 9, 1)):
        services.rotation_add(
            posting=shimen,
            post="副镇长",
            duties="协助分管农业农村、乡村振兴工作",
            start_date=on(2026, 3, 1),
            end_date=on(2026, 8, 31),
            acting_user=receive,
        )
        services.rotation_add(
            posting=shimen,
            post="副镇长",
            duties="协助分管文化旅游、招商引资工作（轮岗）",
            start_date=on(2026, 9, 1),
            notes="经镇党委会研究轮岗",
            acting_user=receive,
        )
        services.living_support_set(
            posting=shimen,
            housing=LivingSupport.Housing.DORMITORY,
            housing_detail="镇政府周转房一间",
            transport=LivingSupport.Transport.ALLOWANCE,
            transport_allowance=Decimal("300"),
            travel_payer=LivingSupport.TravelPayer.RECEIVING,
            travel_detail="因公出差按接收单位标准报销",
            notes="在镇机关食堂就餐",
            acting_user=receive,
        )
    _paired_batch(org)
    return Symposium.objects.count()


def _paired_batch(org) -> None:
    from . import paired_batch_name

    if Batch.objects.filter(name=paired_batch_name()).exists():
        return
    with clock(on(2026, 11, 10)):
        batch = batch_create(
            acting_user=org,
            name=paired_batch_name(),
            kind=BatchKind.objects.get(name="对口帮扶"),
            year=2027,
            organizer=Unit.objects.get(name="中共临江市委"),
            planned_start=on(2027, 3, 1),
            nomination_deadline=on(2027, 2, 10),
            description="市直单位与青山县乡镇结对，选派干部对口帮扶。",
        )
        pairs = [("临江市农业农村局", "青山县石门镇"), ("临江市教育局", "青山县桃源乡")]
        post = PostTitle.objects.get(name="镇长助理")
        for dispatching, receiving in pairs:
            d, r = Unit.objects.get(name=dispatching), Unit.objects.get(name=receiving)
            batch_quota_set(batch=batch, dispatching_unit=d, quota=2, acting_user=org)
            batch_offer_add(batch=batch, receiving_unit=r, post_title=post, count=2, acting_user=org)
        batch_set_status(batch=batch, status="open", acting_user=org)
        for dispatching, receiving in pairs:
            services.pairing_add(
                batch=batch,
                dispatching_unit=Unit.objects.get(name=dispatching),
                receiving_unit=Unit.objects.get(name=receiving),
                notes="产业发展和教育帮扶",
                acting_user=org,
            )
