"""A living org department (issue 16): three years of batches and about fifty more postings, so the
statistics, the lists and every demo login's home page have work in them. Runs after the stories of
the other demo modules (which pick their postings by name and state), and is idempotent: skipped once
its first batch exists.

The years: a batch two years back (its postings completed or terminated; assessments.demo finalizes
their appraisals), a county batch a year back (its term just over, appraisals under way), a second city
batch of this year (on post: reports, annual assessments), a batch whose cadres were appointed in the
last days (arrivals waiting at 石门镇, the demo receiving unit), a batch starting next month (拟派), and
a city batch open for nomination with a quota for 市农业农村局 (the demo dispatching unit).
Each step is seeded under `core.demo.clock`, on the day it happens in the story."""

from datetime import timedelta

from cadres.models import Cadre, Unit
from core.demo import clock, real_today, story_year
from core.demo import story_date as on

from ..models import Batch, BatchKind, Posting, PostTitle
from ..services import postings as services
from ..services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status
from ..services.postings import posting_transition

CITY_ORG, COUNTY_ORG = "中共临江市委", "中共青山县委"
AGENCIES = ["临江市农业农村局", "临江市发展和改革委员会", "临江市财政局", "临江市教育局", "临江市卫生健康委员会"]
TOWNS = ["青山县石门镇", "青山县桃源乡", "白水县白沙镇", "白水县云岭乡", "东湖区湖滨街道", "东湖区新港镇"]
COUNTY_AGENCIES = ["青山县农业农村局", "青山县教育局", "青山县人民医院"]
COUNTY_TOWNS = ["青山县石门镇", "青山县桃源乡", "青山县石门镇柳溪村"]
POSTS = ["副镇长", "镇长助理", "副乡长", "村党组织第一书记"]


def batch_names() -> dict[str, str]:
    return {
        "old": f"{story_year(2024)}年市直单位干部到乡镇挂职",
        "county": f"{story_year(2025)}年青山县机关干部到乡镇挂职",
        "city2": f"{story_year(2026)}年市直单位干部到乡镇挂职（第二批）",
        "arriving": f"{story_year(2026)}年市直单位干部到乡镇挂职（第三批）",
        "next": f"{story_year(2027)}年市直单位干部到乡镇挂职（第一批）",
        "open": f"{story_year(2027)}年市直单位优秀年轻干部到乡镇挂职（推荐中）",
    }


def seed_department(*, users) -> int:
    names = batch_names()
    if Batch.objects.filter(name=names["old"]).exists():
        return 0
    org, county_org = users["org_city"], users["org_county"]
    today = real_today()
    pool = _Pool()
    before = Posting.objects.count()

    # two years back: a year on post, then ended (completed by their appraisals) or terminated
    old = _batch(names["old"], org, CITY_ORG, AGENCIES, TOWNS, on(2024, 3, 1), created=on(2024, 1, 5))
    for i in range(4):
        p = _posting(
            old, pool.take(AGENCIES[i % 5]), TOWNS[i % 6], org, on(2024, 3, 1), doc=f"临组干〔{old.year}〕{i + 3}号"
        )
        if i == 3:
            with clock(on(2024, 9, 12)):
                posting_transition(
                    posting=p,
                    action="terminate",
                    acting_user=org,
                    grounds="health",
                    reason="因病不能继续挂职，本人申请。",
                )
    with clock(on(2025, 3, 1)):
        services.postings_end_terms()

    # a year back, the county's own batch: the term just over, appraisals under way (assessments.demo)
    county = _batch(
        names["county"], county_org, COUNTY_ORG, COUNTY_AGENCIES, COUNTY_TOWNS, on(2025, 9, 1), created=on(2025, 7, 1)
    )
    for i in range(8):
        receiving = "青山县石门镇" if i < 3 else COUNTY_TOWNS[i % 3]
        _posting(
            county,
            pool.take(COUNTY_AGENCIES[i % 3]),
            receiving,
            county_org,
            on(2025, 9, 1),
            doc=f"青组干〔{county.year}〕{i + 11}号",
        )
    with clock(on(2026, 9, 1)):
        services.postings_end_terms()

    # this year's second city batch: on post since June, reports and annual assessments under way
    city2 = _batch(names["city2"], org, CITY_ORG, AGENCIES, TOWNS, on(2026, 6, 1), created=on(2026, 4, 10))
    for i in range(22):
        agency = "临江市农业农村局" if i < 3 else AGENCIES[i % 5]
        _posting(city2, pool.take(agency), TOWNS[i % 6], org, on(2026, 6, 1), doc=f"临组干〔{city2.year}〕{i + 40}号")

    # appointed in the last days: arrivals waiting (石门镇 first), within the two weeks
    start = today - timedelta(days=6)
    arriving = _batch(names["arriving"], org, CITY_ORG, AGENCIES, TOWNS, start, created=start - timedelta(days=50))
    for i in range(5):
        receiving = "青山县石门镇" if i < 2 else TOWNS[i % 6]
        _posting(
            arriving,
            pool.take(AGENCIES[i % 5]),
            receiving,
            org,
            start,
            doc=f"临组干〔{arriving.year}〕{i + 70}号",
            arrive=False,
        )

    # starting next month: planned (拟派)
    first_next = (today.replace(day=1) + timedelta(days=40)).replace(day=1)
    nxt = _batch(names["next"], org, CITY_ORG, AGENCIES, TOWNS, first_next, created=today - timedelta(days=45))
    for i in range(4):
        with clock(today - timedelta(days=3)):
            services.posting_create(
                batch=nxt,
                cadre=pool.take(AGENCIES[(i + 1) % 5]),
                receiving_unit=Unit.objects.get(name=TOWNS[(i + 2) % 6]),
                post=POSTS[i % 3],
                start_date=first_next,
                acting_user=org,
            )

    # open for nomination, the deadline ahead: 市农业农村局 has places to fill
    with clock(today - timedelta(days=8)):
        _open_batch(names["open"], org, today)
    return Posting.objects.count() - before


class _Pool:
    """Cadres of a unit not yet seconded, the youngest first (deterministic)."""

    def __init__(self):
        self.taken = set(Posting.objects.values_list("cadre_id", flat=True)) | set(
            Cadre.objects.filter(user__isnull=False).values_list("pk", flat=True)
        )

    def take(self, unit_name: str) -> Cadre:
        cadre = (
            Cadre.objects.filter(unit__name=unit_name).exclude(pk__in=self.taken).order_by("-birth_date", "id").first()
        )
        if cadre is None:  # the unit has none left: a cadre of another agency (not of a receiving town)
            others = Cadre.objects.exclude(unit__name__in=TOWNS + COUNTY_TOWNS).exclude(unit__is_org_department=True)
            cadre = others.exclude(pk__in=self.taken).order_by("id").first()
        self.taken.add(cadre.pk)
        return cadre


def _batch(name, org, organizer, agencies, towns, start, *, created) -> Batch:
    """A batch through its states to 已派出, with the quotas and posts its postings fill."""
    with clock(created):
        batch = batch_create(
            acting_user=org,
            name=name,
            kind=BatchKind.objects.get(name="下派"),
            year=start.year,
            organizer=Unit.objects.get(name=organizer),
            planned_start=start,
            nomination_deadline=created + timedelta(days=20),
        )
        for agency in agencies:
            batch_quota_set(batch=batch, dispatching_unit=Unit.objects.get(name=agency), quota=5, acting_user=org)
        post = PostTitle.objects.get(name="镇长助理")
        for town in towns:
            batch_offer_add(
                batch=batch, receiving_unit=Unit.objects.get(name=town), post_title=post, count=4, acting_user=org
            )
        batch_set_status(batch=batch, status="open", acting_user=org)
    with clock(created + timedelta(days=21)):
        batch_set_status(batch=batch, status="closed", acting_user=org)
    with clock(created + timedelta(days=35)):
        batch_set_status(batch=batch, status="decided", acting_user=org)
    return batch


def _posting(batch, cadre, receiving, org, start, *, doc: str, arrive: bool = True) -> Posting:
    with clock(start - timedelta(days=7)):
        posting = services.posting_create(
            batch=batch,
            cadre=cadre,
            receiving_unit=Unit.objects.get(name=receiving),
            post="村党组织第一书记" if receiving.endswith("村") else POSTS[cadre.pk % 3],
            start_date=start,
            acting_user=org,
        )
    with clock(start):
        posting = posting_transition(
            posting=posting, action="appoint", acting_user=org, appointment_doc_no=doc, appointment_date=start
        )
    if arrive:
        day = start + timedelta(days=2 + cadre.pk % 6)
        with clock(day):
            posting = posting_transition(posting=posting, action="confirm_arrival", acting_user=None, arrival_date=day)
    return posting


def _open_batch(name, org, today) -> Batch:
    batch = batch_create(
        acting_user=org,
        name=name,
        kind=BatchKind.objects.get(name="下派"),
        year=story_year(2027),
        organizer=Unit.objects.get(name=CITY_ORG),
        planned_start=(today.replace(day=1) + timedelta(days=95)).replace(day=1),
        nomination_deadline=today + timedelta(days=18),
        max_age=40,
        description="选派市直单位优秀年轻干部到乡镇挂任镇长助理，挂职一年。",
    )
    for agency in AGENCIES:
        batch_quota_set(batch=batch, dispatching_unit=Unit.objects.get(name=agency), quota=2, acting_user=org)
    post = PostTitle.objects.get(name="镇长助理")
    for town in TOWNS[:4]:
        batch_offer_add(
            batch=batch, receiving_unit=Unit.objects.get(name=town), post_title=post, count=1, acting_user=org
        )
    return batch_set_status(batch=batch, status="open", acting_user=org)
