"""Demo batches and nominations in every state (idempotent: skipped when the batch exists)."""

from datetime import timedelta
from decimal import Decimal

from cadres.models import Cadre, Rank, Unit
from core import demo
from core.demo import clock, real_today, story_year
from core.demo import story_date as on

from ..models import Batch, BatchKind, PostTitle
from ..services import batches as batch_services
from ..services import nominations as services


def city_batch_name() -> str:
    return f"{story_year(2026)}年市直单位优秀年轻干部到乡镇挂职"


def county_batch_name() -> str:
    return f"{story_year(2026)}年青山县机关干部到村（社区）挂职"


def old_batch_name() -> str:
    return f"{story_year(2025)}年市直单位干部到县区挂职"


def paired_batch_name() -> str:
    return f"{story_year(2027)}年临江市对口帮扶青山县干部挂职"


def seed_batches(*, users) -> list[Batch]:
    org_city, org_county = users["org_city"], users["org_county"]
    created = []
    if not Batch.objects.filter(name=city_batch_name()).exists():
        created.append(_city_batch(org_city, users["dispatch"]))
    if not Batch.objects.filter(name=county_batch_name()).exists():
        created.append(_county_batch(org_county))
    return created


def _city_batch(org, dispatch_user) -> Batch:
    city = Unit.objects.get(name="中共临江市委")
    with clock(on(2026, 1, 8)):
        return _city_batch_story(org, dispatch_user, city)


def _city_batch_story(org, dispatch_user, city) -> Batch:
    batch = batch_services.batch_create(
        acting_user=org,
        name=city_batch_name(),
        kind=BatchKind.objects.get(name="下派"),
        year=story_year(2026),
        organizer=city,
        planned_start=on(2026, 3, 1),
        nomination_deadline=on(2026, 2, 10),
        max_age=40,
        min_rank=Rank.objects.get(name="一级科员"),
        pre_training="3月上旬在市委党校集中培训3天。",
        written_weight=Decimal("0.40"),
        interview_weight=Decimal("0.60"),
        description="选派市直单位优秀年轻干部到乡镇挂任副镇长、镇长助理，挂职一年。",
    )
    agencies = ["临江市农业农村局", "临江市发展和改革委员会", "临江市财政局", "临江市教育局"]
    for name in agencies:
        batch_services.batch_quota_set(
            batch=batch, dispatching_unit=Unit.objects.get(name=name), quota=3, acting_user=org
        )
    towns = ["青山县石门镇", "青山县桃源乡", "白水县白沙镇", "东湖区新港镇"]
    offers = []
    for i, name in enumerate(towns):
        post = PostTitle.objects.get(name="副镇长" if i % 2 == 0 else "镇长助理")
        offers.append(
            batch_services.batch_offer_add(
                batch=batch, receiving_unit=Unit.objects.get(name=name), post_title=post, count=1, acting_user=org
            )
        )
    with clock(on(2026, 1, 12)):
        batch_services.batch_set_status(batch=batch, status="open", acting_user=org)
    # nominate the youngest eligible cadres of each agency, the demo cadre first
    nominations = []
    demo_cadre = Cadre.objects.filter(user__username="cadre").first()
    for name in agencies:
        cadres = list(
            Cadre.objects.filter(unit__name=name, rank__order__gte=20, birth_date__gte=on(1986, 3, 2))
            .exclude(pk=getattr(demo_cadre, "pk", None))
            .order_by("-birth_date")[:2]
        )
        if name == "临江市农业农村局" and demo_cadre is not None:
            cadres.insert(0, demo_cadre)  # first, so the demo cadre is selected for 青山县石门镇
        for cadre in cadres[:3]:
            try:
                with clock(on(2026, 2, 1)):
                    nominations.append(
                        services.nomination_create(
                            batch=batch,
                            cadre=cadre,
                            method="org",
                            reason="政治素质好，工作实绩突出，群众公认。",
                            acting_user=None,
                            override_reason="演示数据：组织部门同意破格推荐。",
                            today=on(2026, 2, 1),
                        )
                    )
            except Exception:  # an ineligible demo cadre without an override path: skip it
                continue
    # scores, inspection and decisions for a spread of states
    with clock(on(2026, 2, 14)):
        _city_batch_decisions(org, dispatch_user, batch, nominations, offers)
    return batch


def _city_batch_decisions(org, dispatch_user, batch, nominations, offers) -> None:
    for i, nomination in enumerate(nominations):
        services.nomination_record_scores(
            nomination=nomination,
            written_score=Decimal(70 + (i * 7) % 25),
            interview_score=Decimal(72 + (i * 5) % 23),
            acting_user=org,
        )
        passed = i % 5 != 4
        nominations[i] = services.nomination_record_inspection(
            nomination=nomination,
            result="passed" if passed else "failed",
            notes="德才表现良好。" if passed else "群众反映一般。",
            acting_user=org,
        )
    free_offers = list(offers)
    for i, nomination in enumerate(nominations):
        if i == len(nominations) - 1:
            services.nomination_withdraw(
                nomination=nomination,
                reason="本人家庭原因申请退出",
                acting_user=dispatch_user if nomination.dispatching_unit.name == "临江市农业农村局" else None,
            )
        elif nomination.inspection == "passed" and free_offers and i % 3 != 2:
            services.nomination_decide(
                nomination=nomination,
                selected=True,
                reason="综合成绩靠前，考察合格。",
                offer=free_offers.pop(0),
                acting_user=org,
            )
        elif i % 3 == 2 or nomination.inspection == "failed":
            services.nomination_decide(nomination=nomination, selected=False, reason="综合排名靠后。", acting_user=org)
    batch_services.batch_set_status(batch=batch, status="closed", acting_user=org)


def _county_batch(org) -> Batch:
    """Open now: its nomination deadline three weeks ahead of today, whatever the date."""
    county = Unit.objects.get(name="中共青山县委")
    today = real_today()
    with clock(today - timedelta(days=12)):
        return _county_batch_story(org, county, today)


def _county_batch_story(org, county, today) -> Batch:
    batch = batch_services.batch_create(
        acting_user=org,
        name=county_batch_name(),
        kind=BatchKind.objects.get(name="下派"),
        year=story_year(2026),
        organizer=county,
        planned_start=(today + timedelta(days=62)).replace(day=1),
        nomination_deadline=today + timedelta(days=21),
        max_age=45,
    )
    for name in ["青山县农业农村局", "青山县教育局"]:
        batch_services.batch_quota_set(
            batch=batch, dispatching_unit=Unit.objects.get(name=name), quota=2, acting_user=org
        )
    batch_services.batch_offer_add(
        batch=batch,
        receiving_unit=Unit.objects.get(name="青山县石门镇柳溪村"),
        post_title=PostTitle.objects.get(name="村党组织第一书记"),
        count=2,
        acting_user=org,
    )
    batch_services.batch_set_status(batch=batch, status="open", acting_user=org)
    offer = batch.offers.get()
    nominees = Cadre.objects.filter(unit__name="青山县农业农村局", birth_date__gte=on(1982, 1, 1)).order_by("id")[:2]
    for i, cadre in enumerate(nominees):
        nomination = services.nomination_create(
            batch=batch,
            cadre=cadre,
            method="mass",
            reason="群众推荐，熟悉农村工作。",
            acting_user=None,
            override_reason="演示数据",
            today=today - timedelta(days=12),
        )
        if i == 0:  # one already selected (拟选派), its posting not yet created
            services.nomination_record_inspection(
                nomination=nomination, result="passed", notes="考察合格。", acting_user=org
            )
            services.nomination_decide(
                nomination=nomination, selected=True, reason="群众基础好。", offer=offer, acting_user=org
            )
    return batch


@demo.register(20)
def _seed_batches(context: dict) -> str:
    return f"新增批次 {len(seed_batches(users=context['users']))} 个"


@demo.register(30)
def _seed_postings(context: dict) -> str:
    from .postings import seed_postings

    return f"新增挂职 {seed_postings(users=context['users'])} 条"


@demo.register(50)
def _seed_conduct(context: dict) -> str:
    from .conduct import seed_conduct

    seed_conduct(users=context["users"])
    return ""


@demo.register(55)
def _seed_support(context: dict) -> str:
    from .support import seed_support

    n = seed_support(users=context["users"])
    return f"新增座谈会 {n} 次（及情况反馈、轮岗、生活保障、结对）" if n else ""


@demo.register(56)
def _seed_termination(context: dict) -> str:
    from .termination import seed_termination

    count = seed_termination(users=context["users"])
    return f"终止挂职建议 {count} 条" if count else ""


@demo.register(70)
def _seed_department(context: dict) -> str:
    from .department import seed_department

    count = seed_department(users=context["users"])
    return f"组织部门日常：新增挂职 {count} 条（三个年度）" if count else ""
