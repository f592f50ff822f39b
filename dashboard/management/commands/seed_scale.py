"""Benchmark data at a province's size (issue 18): a province → city → county → town unit tree around
the demo city, cadres, five years of postings in every state with their history, nominations, work
reports in every state, annual assessments, appraisals, leave, attendance, inspections, reminders,
deliveries, notifications and audit rows.

    python manage.py seed_scale --cadres 100000 --postings 30000 [--seed 18]

Bulk inserts (ids assigned here, sequences reset at the end), no per-row services: this is benchmark
data, not a record of real decisions. It keeps the rules the pages rely on: one active posting per
cadre, a posting's history from 建立挂职 to its status, one report per posting, cycle and period, one
assessment per posting and year, one appraisal version 1 per ended posting. The demo logins (seed_demo
runs first when `admin` is missing) get a large share: the demo city 临江市 and its county 青山县 hold
many of the units, the demo dispatching unit sends and the demo town receives many postings, and the
largest batch is the demo city's.
"""

import random
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from assessments.models import AnnualAssessment, Appraisal, GradeScale, IndicatorTemplate
from cadres.models import Cadre, Degree, Education, Ethnicity, PoliticalStatus, Rank, Unit
from cadres.validators import citizen_id_check_char
from core.models import AuditLog, Delivery, Notification, Reminder
from core.stats_cache import data_changed
from reports.models import ReportCycle, WorkReport, WorkReportRound
from secondment.models import (
    AttendanceRecord,
    Batch,
    BatchKind,
    BatchOffer,
    Inspection,
    LeaveRequest,
    Nomination,
    NominationEvent,
    Posting,
    PostingStatusChange,
    PostTitle,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华玉萍红娟建国志海燕鹏飞宇浩然晨曦思远雅琴文博俊峰婷慧颖"
CITY_NAMES = "江州 云川 秀水 北岭 南浦 河阳 松原 青阳 安平 宁溪 丰城 星沙 石泉 嘉禾 瑞安".split()
TOWN_SUFFIX = ["镇", "乡", "街道"]
DEPTS = ["发展和改革局", "财政局", "农业农村局", "教育局", "卫生健康局", "自然资源局", "商务局", "文化旅游局"]
POSTS = ["科员", "副科长", "科长", "副主任", "主任科员", "办公室主任", "副局长", "干事"]
S = Posting.Status
BATCH_SIZE = 5000
# field types whose Python values psycopg writes as they are (see Seeder._copy)
RAW_COPY_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.DateField,
    models.DateTimeField,
    models.DecimalField,
    models.ForeignKey,
)


def _initials_cache():
    from cadres.services.cadres import name_initials

    cache: dict[str, str] = {}

    def initials(name: str) -> str:
        out = []
        for ch in name:
            if ch not in cache:
                cache[ch] = name_initials(ch)
            out.append(cache[ch])
        return "".join(out)[:40]

    return initials


@contextmanager
def _explicit_timestamps():
    """bulk_create would stamp auto_now/auto_now_add fields with the present: switch them off."""
    from django.apps import apps

    switched = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@contextmanager
def _no_audit_snapshots():
    """The audit trail's post_init receiver copies every loaded value of every instance: the seeder builds
    1.7 million instances it never saves through a service, so the copies are pure cost here."""
    from django.db.models.signals import post_init

    from core.audit import remember_loaded_values

    uid = "core.audit.remember_loaded_values"
    post_init.disconnect(dispatch_uid=uid)
    try:
        yield
    finally:
        post_init.connect(remember_loaded_values, dispatch_uid=uid)


class Command(BaseCommand):
    help = "生成省级规模的基准测试数据（批量写入；先运行 seed_demo）。"

    def add_arguments(self, parser):
        parser.add_argument("--cadres", type=int, default=100_000)
        parser.add_argument("--postings", type=int, default=30_000)
        parser.add_argument("--units", type=int, default=None, help="单位数（默认 干部数/50，至少 40）")
        parser.add_argument("--reminders", type=int, default=None, help="提醒数（默认等于干部数）")
        parser.add_argument("--audit", type=int, default=None, help="操作记录行数（默认 干部数×16）")
        parser.add_argument("--seed", type=int, default=18)
        parser.add_argument("--today", type=date.fromisoformat, default=None)
        parser.add_argument("--force", action="store_true", help="在 DEBUG 关闭时也运行")

    def handle(self, *args, **opts):
        if not settings.DEBUG and not opts["force"]:
            raise CommandError("DEBUG 已关闭：基准数据不应写入生产数据库。确需运行请加 --force。")
        started = time.perf_counter()
        if not User.objects.filter(username="admin").exists():
            call_command("seed_demo", force=True, stdout=self.stdout)
        if Unit.objects.filter(name="中共江南省委").exists():
            raise CommandError("已生成过基准数据（存在“中共江南省委”）。请使用新数据库。")
        seeder = Seeder(opts, log=lambda msg: self.stdout.write(f"[{time.perf_counter() - started:6.1f}s] {msg}"))
        with transaction.atomic(), _explicit_timestamps(), _no_audit_snapshots():
            seeder.run()
            data_changed()  # COPY writes beside Django's cursor: cached statistics are renewed at commit
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"基准数据就绪，用时 {time.perf_counter() - started:.1f} 秒。"))
        for line in seeder.summary():
            self.stdout.write(line)


class Seeder:
    def __init__(self, opts, log):
        self.rng = random.Random(opts["seed"])
        self.n_cadres = opts["cadres"]
        self.n_postings = opts["postings"]
        self.n_units = opts["units"] or max(40, self.n_cadres // 50)
        self.n_reminders = opts["reminders"] if opts["reminders"] is not None else self.n_cadres
        self.n_audit = opts["audit"] if opts["audit"] is not None else self.n_cadres * 4
        self.today = opts["today"] or timezone.localdate()
        self.log = log
        self.counts: dict[str, int] = {}
        self.initials = _initials_cache()
        self.tz = timezone.get_current_timezone()

    # helpers -------------------------------------------------------------------------------------
    def _next_id(self, model) -> int:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def _insert(self, model, objs):
        stamped = [f.attname for f in model._meta.concrete_fields if f.attname in ("created_at", "updated_at")]
        now = timezone.now()
        for obj in objs:
            for attname in stamped:
                if getattr(obj, attname) is None:
                    setattr(obj, attname, now)
        if connection.vendor == "postgresql":
            self._copy(model, objs)
        else:
            for start in range(0, len(objs), BATCH_SIZE):
                model.objects.bulk_create(objs[start : start + BATCH_SIZE])
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(objs)
        self.log(f"{model._meta.label}: {len(objs)}")

    def _copy(self, model, objs):
        """PostgreSQL's COPY: several times faster than multi-row INSERTs at these sizes."""
        if not objs:
            return
        fields = [f for f in model._meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        # psycopg adapts str, int, bool, date, datetime and Decimal itself; only the other field types
        # (JSON, files) go through Django's conversion, which is most of the seeder's time otherwise.
        converted = {
            f.attname
            for f in fields
            if not isinstance(f, RAW_COPY_FIELDS) or isinstance(f, models.JSONField | models.FileField)
        }
        plan = [(f.attname, f if f.attname in converted else None) for f in fields]
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in objs:
                    values = obj.__dict__
                    copy.write_row(
                        [
                            values[attname] if field is None else field.get_db_prep_save(values[attname], connection)
                            for attname, field in plan
                        ]
                    )

    def _at(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, dtime(hour, self.rng.randrange(60))), self.tz)

    def summary(self):
        return [f"  {label}: {n}" for label, n in sorted(self.counts.items())]

    def run(self):
        self.load_reference()
        self.seed_units()
        self.seed_cadres()
        self.seed_batches_and_postings()
        self.seed_reports()
        self.seed_assessments()
        self.seed_conduct()
        self.seed_reminders()
        self.seed_audit()
        self.reset_sequences()

    def load_reference(self):
        self.users = {u.username: u for u in User.objects.filter(username__in=["admin", "org_city", "org_county"])}
        self.admin = self.users["admin"]
        self.city = Unit.objects.get(name="中共临江市委")
        self.county = Unit.objects.get(name="中共青山县委")
        self.dispatch_unit = Unit.objects.get(name="临江市农业农村局")
        self.receive_unit = Unit.objects.get(name="青山县石门镇")
        self.ethnicities = list(Ethnicity.objects.values_list("pk", flat=True))
        self.political = list(PoliticalStatus.objects.values_list("pk", flat=True))
        self.educations = list(Education.objects.values_list("pk", flat=True)) or [None]
        self.degrees = list(Degree.objects.values_list("pk", flat=True)) or [None]
        self.ranks = list(Rank.objects.values_list("pk", flat=True)) or [None]
        self.kind = BatchKind.objects.order_by("pk").first()
        self.post_titles = list(PostTitle.objects.all()[:8])
        self.cycles = list(ReportCycle.objects.filter(is_active=True, jurisdiction=None).order_by("-period_months"))
        self.scale = GradeScale.objects.filter(is_default=True).first() or GradeScale.objects.first()
        self.grades = list(self.scale.grades.order_by("order")) if self.scale else []
        self.template = IndicatorTemplate.objects.filter(is_active=True).order_by("-version").first()
        self.existing_ids = set(Cadre.objects.values_list("id_number", flat=True))

    # units ---------------------------------------------------------------------------------------
    def seed_units(self):
        next_id = self._next_id(Unit)
        units: list[Unit] = []
        now = timezone.now()

        def add(name, kind, level, parent_id, parent_path, region, org=False):
            nonlocal next_id
            unit = Unit(
                id=next_id,
                name=name,
                kind=kind,
                level=level,
                parent_id=parent_id,
                path=f"{parent_path}{next_id}/",
                region=region,
                is_org_department=org,
                created_at=now,
                updated_at=now,
            )
            next_id += 1
            units.append(unit)
            return unit

        K, L = Unit.Kind, Unit.Level
        province = add("中共江南省委", K.PARTY_GOV, L.PROVINCE, None, "/", "江南省")
        add("中共江南省委组织部", K.PARTY_GOV, L.PROVINCE, province.pk, province.path, "江南省", True)
        for dept in DEPTS:
            add(f"江南省{dept.replace('局', '厅')}", K.PARTY_GOV, L.PROVINCE, province.pk, province.path, "江南省")
        # the demo city moves under the province
        self.old_city_path = self.city.path
        self.new_city_path = f"{province.path}{self.city.pk}/"
        # how many counties and towns: about n_units in all; the demo city and county get the most
        per_county = 1 + 4 + 8  # root, departments, towns
        n_counties = max(3, (self.n_units - len(units)) // (per_county + 1))
        n_cities = max(2, min(len(CITY_NAMES) + 1, n_counties // 8))
        demo_city_counties = max(1, n_counties // 4)
        other = n_counties - demo_city_counties
        county_parents: list[tuple[int, str, str]] = []  # (parent id, parent path, city name)
        for c in range(n_cities - 1):
            name = CITY_NAMES[c % len(CITY_NAMES)] + ("市" if c < len(CITY_NAMES) else f"{c}市")
            city = add(f"中共{name}委", K.PARTY_GOV, L.CITY, province.pk, province.path, name)
            add(f"中共{name}委组织部", K.PARTY_GOV, L.CITY, city.pk, city.path, name, True)
            for dept in DEPTS[:4]:
                add(f"{name}{dept}", K.PARTY_GOV, L.CITY, city.pk, city.path, name)
            county_parents.append((city.pk, city.path, name))
        self.town_ids: list[int] = []
        self.dept_ids: list[int] = []
        self.org_roots: list[int] = []

        def county(parent_id, parent_path, city_name, index, towns=8):
            cname = f"{city_name}第{index + 1}县"
            root = add(f"中共{cname}委", K.PARTY_GOV, L.COUNTY, parent_id, parent_path, cname)
            self.org_roots.append(root.pk)
            add(f"中共{cname}委组织部", K.PARTY_GOV, L.COUNTY, root.pk, root.path, cname, True)
            for dept in DEPTS[:3]:
                self.dept_ids.append(add(f"{cname}{dept}", K.PARTY_GOV, L.COUNTY, root.pk, root.path, cname).pk)
            for t in range(towns):
                suffix = TOWN_SUFFIX[t % 3]
                self.town_ids.append(
                    add(f"{cname}{t + 1}号{suffix}", K.TOWNSHIP, L.TOWNSHIP, root.pk, root.path, cname).pk
                )

        for i in range(demo_city_counties):
            county(self.city.pk, self.new_city_path, "临江市", i)
        for i in range(other):
            parent_id, parent_path, city_name = county_parents[i % len(county_parents)]
            county(parent_id, parent_path, city_name, i // len(county_parents))
        # 青山县 (the org_county login's jurisdiction) gets many towns of its own
        county_path = self.new_city_path + self.county.path[len(self.old_city_path) :]
        self.county_town_ids = []
        for t in range(max(4, self.n_units // 40)):
            unit = add(
                f"青山县{t + 1}号{TOWN_SUFFIX[t % 3]}", K.TOWNSHIP, L.TOWNSHIP, self.county.pk, county_path, "青山县"
            )
            self.county_town_ids.append(unit.pk)
        self.town_ids += self.county_town_ids
        self._insert(Unit, units)
        # re-root the demo tree under the province (paths are materialized)
        Unit.objects.filter(pk=self.city.pk).update(parent_id=province.pk)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cadres_unit SET path = %s || SUBSTR(path, %s) WHERE path LIKE %s",
                [self.new_city_path, len(self.old_city_path) + 1, self.old_city_path + "%"],
            )
        self.province = province
        all_units = list(Unit.objects.values_list("pk", "path"))
        self.unit_path = dict(all_units)
        self.all_unit_ids = [pk for pk, _ in all_units]
        self.demo_city_ids = [pk for pk, path in all_units if path.startswith(self.new_city_path)]
        self.demo_county_ids = [pk for pk, path in all_units if path.startswith(county_path)]
        self.town_ids += list(Unit.objects.filter(level=L.TOWNSHIP, pk__lt=province.pk).values_list("pk", flat=True))
        self.org_roots += [self.city.pk, self.county.pk, province.pk]

    def _unit_weighted(self):
        """A unit for a cadre: about a third in the demo city, a tenth in the demo county, 1 % at the
        demo dispatching unit, the rest anywhere."""
        r = self.rng.random()
        if r < 0.01:
            return self.dispatch_unit.pk
        if r < 0.11:
            return self.rng.choice(self.demo_county_ids)
        if r < 0.35:
            return self.rng.choice(self.demo_city_ids)
        return self.rng.choice(self.all_unit_ids)

    # cadres --------------------------------------------------------------------------------------
    def seed_cadres(self):
        rng = self.rng
        next_id = self._next_id(Cadre)
        now = timezone.now()
        cadres = []
        used = self.existing_ids
        for i in range(self.n_cadres):
            female = rng.random() < 0.4
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            while True:
                birth = date(1966, 1, 1) + timedelta(days=rng.randrange(12000))
                first17 = f"33{rng.randrange(10, 99)}{rng.randrange(10, 99)}{birth:%Y%m%d}{rng.randrange(100):02d}"
                first17 += rng.choice("02468" if female else "13579")
                id_number = first17 + citizen_id_check_char(first17)
                if id_number not in used:
                    used.add(id_number)
                    break
            cadres.append(
                Cadre(
                    id=next_id + i,
                    name=name,
                    name_initials=self.initials(name),
                    gender="F" if female else "M",
                    ethnicity_id=self.ethnicities[0] if rng.random() < 0.9 else rng.choice(self.ethnicities),
                    birth_date=birth,
                    id_number=id_number,
                    political_status_id=rng.choice(self.political),
                    education_id=rng.choice(self.educations),
                    degree_id=rng.choice(self.degrees),
                    unit_id=self._unit_weighted(),
                    post=rng.choice(POSTS),
                    rank_id=rng.choice(self.ranks),
                    phone=f"1{rng.randrange(30, 99)}{rng.randrange(10**8):08d}",
                    is_reserve=rng.random() < 0.15,
                    created_at=now,
                    updated_at=now,
                )
            )
        self._insert(Cadre, cadres)
        self.cadres = cadres

    # batches, nominations, postings and their history ---------------------------------------------
    def seed_batches_and_postings(self):
        rng, today = self.rng, self.today
        P = self.n_postings
        years = [today.year - 4 + k for k in range(5)] + [today.year + 1]
        # batches: per year, one of the demo city (the largest: ~4 % of all postings in the current
        # year), one of the demo county, one of the province, and the rest by other county roots
        next_batch = self._next_id(Batch)
        batches: list[Batch] = []
        plan: list[tuple[Batch, int]] = []  # batch, posting count
        per_year = P // 5
        for year in years:
            current = year == today.year
            future = year > today.year
            start = date(year, 3, 1)
            organizers = [(self.city.pk, int(P * 0.042) if current else per_year // 10)]
            organizers.append((self.county.pk, per_year // 20))
            organizers.append((self.province.pk, per_year // 8))
            rest = per_year - sum(n for _, n in organizers)
            n_rest = max(1, min(len(self.org_roots), rest // 150))
            for k in range(n_rest):
                organizers.append((self.org_roots[k % len(self.org_roots)], rest // n_rest))
            for organizer, count in organizers:
                start = date(year, rng.choice((1, 3, 3, 6, 9)), 1)
                if future and organizer == self.province.pk:
                    status, start = Batch.Status.DECIDED, date(year, 1, 1)  # decided, starts next year
                elif future:
                    status = Batch.Status.OPEN if organizer != self.city.pk else Batch.Status.CLOSED
                    count = 0
                else:
                    status = Batch.Status.DECIDED
                batch = Batch(
                    id=next_batch,
                    name=f"{year}年度第{len(batches) + 1}批挂职锻炼",
                    kind=self.kind,
                    year=year,
                    organizer_id=organizer,
                    term_months=rng.choice((12, 12, 24)),
                    planned_start=start,
                    nomination_deadline=start - timedelta(days=30),
                    status=status,
                    created_by=self.admin,
                )
                next_batch += 1
                batches.append(batch)
                plan.append((batch, count))
        self._insert(Batch, batches)
        self.batches = batches
        subtree_units: dict[int, list[int]] = {}

        def units_under(unit_id):
            if unit_id not in subtree_units:
                prefix = self.unit_path[unit_id]
                subtree_units[unit_id] = [pk for pk, path in self.unit_path.items() if path.startswith(prefix)]
            return subtree_units[unit_id]

        # offers: a few per batch at towns under the organizer
        offers: list[BatchOffer] = []
        next_offer = self._next_id(BatchOffer)
        batch_offers: dict[int, list[BatchOffer]] = {}
        town_set = set(self.town_ids)
        for batch, count in plan:
            towns = [u for u in units_under(batch.organizer_id) if u in town_set] or units_under(batch.organizer_id)
            if batch.organizer_id in (self.city.pk, self.county.pk):
                towns = [self.receive_unit.pk] * 3 + towns
            n_offers = max(1, min(60, count // 20 + 1))
            for _ in range(n_offers):
                offer = BatchOffer(
                    id=next_offer,
                    batch_id=batch.pk,
                    receiving_unit_id=rng.choice(towns),
                    post_title=rng.choice(self.post_titles),
                    count=max(1, count // n_offers + 1),
                )
                next_offer += 1
                offers.append(offer)
                batch_offers.setdefault(batch.pk, []).append(offer)
        self._insert(BatchOffer, offers)

        # cadres: each posting a distinct cadre while there are enough, so one active posting per cadre
        cadre_order = list(range(len(self.cadres)))
        rng.shuffle(cadre_order)
        cursor = 0
        cadres_by_unit_pref = [c for c in cadre_order if self.cadres[c].unit_id == self.dispatch_unit.pk]
        nominations, nom_events, postings, history = [], [], [], []
        next_nom = self._next_id(Nomination)
        next_post = self._next_id(Posting)
        posted_cadres: set[int] = set()
        for batch, count in plan:
            offers_here = batch_offers[batch.pk]
            extra = count // 3 + (40 if batch.status != Batch.Status.DECIDED else 0)
            in_batch: set[int] = set()
            for k in range(count + extra):
                posted = k < count
                pref = batch.organizer_id == self.city.pk and k % 10 == 0 and posted
                cadre = None
                while cadres_by_unit_pref and pref and cadre is None:
                    candidate = self.cadres[cadres_by_unit_pref.pop()]
                    if candidate.pk not in posted_cadres:
                        cadre = candidate
                tries = 0
                while cadre is None:
                    candidate = self.cadres[cadre_order[cursor % len(cadre_order)]]
                    cursor += 1
                    tries += 1
                    if tries > len(cadre_order):
                        raise CommandError("挂职数须少于干部数。")
                    if candidate.pk in in_batch or (posted and candidate.pk in posted_cadres):
                        continue
                    cadre = candidate
                in_batch.add(cadre.pk)
                offer = rng.choice(offers_here)
                created = self._at(batch.nomination_deadline - timedelta(days=rng.randrange(1, 30)))
                if k < count:
                    status = Nomination.Status.POSTED
                elif batch.status == Batch.Status.OPEN:
                    status = rng.choice([Nomination.Status.NOMINATED] * 5 + [Nomination.Status.WITHDRAWN])
                elif batch.status == Batch.Status.CLOSED:
                    status = Nomination.Status.NOMINATED
                else:
                    status = rng.choice([Nomination.Status.NOT_SELECTED] * 4 + [Nomination.Status.WITHDRAWN])
                nomination = Nomination(
                    id=next_nom,
                    batch_id=batch.pk,
                    cadre_id=cadre.pk,
                    dispatching_unit_id=cadre.unit_id,
                    method=rng.choice(["self", "mass", "org"]),
                    reason="政治素质好，工作能力强，群众公认。",
                    status=status,
                    written_score=Decimal(rng.randrange(6000, 9800)) / 100 if batch.status != "open" else None,
                    interview_score=Decimal(rng.randrange(6000, 9800)) / 100 if batch.status != "open" else None,
                    inspection="passed" if status == "posted" else "pending",
                    offer_id=offer.pk if status == "posted" else None,
                    nominated_by=self.admin,
                    created_at=created,
                    updated_at=created,
                )
                next_nom += 1
                nominations.append(nomination)
                nom_events.append(
                    NominationEvent(
                        nomination_id=nomination.pk, action="nominate", to_status="nominated", created_at=created
                    )
                )
                if status == "withdrawn":
                    nom_events.append(
                        NominationEvent(
                            nomination_id=nomination.pk,
                            action="withdraw",
                            from_status="nominated",
                            to_status="withdrawn",
                            reason="本人工作调整。",
                            created_at=created + timedelta(days=2),
                        )
                    )
                    continue
                if status in ("not_selected", "posted"):
                    decided = self._at(batch.planned_start - timedelta(days=10))
                    to = "not_selected" if status == "not_selected" else "selected"
                    nom_events.append(
                        NominationEvent(
                            nomination_id=nomination.pk,
                            action="decide",
                            from_status="nominated",
                            to_status=to,
                            reason="综合考察。",
                            actor=self.admin,
                            created_at=decided,
                        )
                    )
                if status != "posted":
                    continue
                nom_events.append(
                    NominationEvent(
                        nomination_id=nomination.pk,
                        action="post",
                        from_status="selected",
                        to_status="posted",
                        actor=self.admin,
                        created_at=self._at(batch.planned_start - timedelta(days=5)),
                    )
                )
                posted_cadres.add(cadre.pk)
                posting, rows = self._posting(next_post, batch, nomination, cadre, offer)
                next_post += 1
                postings.append(posting)
                history += rows
        # at most one active posting per cadre: a cadre met twice keeps the latest active
        seen: set[int] = set()
        for posting in sorted(postings, key=lambda p: p.start_date, reverse=True):
            if posting.status in Posting.ACTIVE_STATUSES:
                if posting.cadre_id in seen:
                    raise CommandError("内部错误：同一干部有两个进行中的挂职。")
                seen.add(posting.cadre_id)
        self._insert(Nomination, nominations)
        self._insert(NominationEvent, nom_events)
        self._insert(Posting, postings)
        self._insert(PostingStatusChange, history)
        self.postings = postings

    def _posting(self, pk, batch, nomination, cadre, offer):
        rng, today = self.rng, self.today
        start = batch.planned_start + timedelta(days=rng.randrange(0, 20))
        months = batch.term_months
        planned_end = date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
        planned_end -= timedelta(days=1)
        end = planned_end
        appointment = start - timedelta(days=rng.randrange(0, 10))
        arrival = appointment + timedelta(days=rng.randrange(1, 14))
        r = rng.random()
        if start > today:
            status = S.PLANNED if r < 0.6 else S.APPOINTED
        elif end >= today:
            status = S.ON_POST if r < 0.9 else (S.APPOINTED if r < 0.95 else S.TERMINATED)
        elif end >= today - timedelta(days=90):
            status = S.TERM_ENDED if r < 0.7 else S.COMPLETED
        else:
            status = S.COMPLETED if r < 0.92 else S.TERMINATED
        if status in (S.PLANNED,):
            appointment = arrival = None
        if status == S.APPOINTED:
            arrival = None
            if start <= today:  # some overdue (待到岗 past the 14 days)
                appointment = start - timedelta(days=rng.randrange(0, 40))
        if status == S.TERMINATED:
            end = min(today, start + timedelta(days=rng.randrange(60, 300)))
        created = self._at(batch.planned_start - timedelta(days=5))
        posting = Posting(
            id=pk,
            cadre_id=cadre.pk,
            batch_id=batch.pk,
            nomination_id=nomination.pk,
            dispatching_unit_id=cadre.unit_id,
            receiving_unit_id=offer.receiving_unit_id,
            post=str(offer.post_title),
            original_post=cadre.post,
            appointment_doc_no=f"组干〔{start.year}〕{rng.randrange(1, 200)}号" if appointment else "",
            appointment_date=appointment,
            filing="filed" if status in (S.ON_POST, S.TERM_ENDED, S.COMPLETED) and r < 0.8 else "pending",
            start_date=start,
            planned_end_date=planned_end,
            end_date=end,
            arrival_date=arrival,
            mentor="张书记",
            duties="协助分管乡村振兴、招商引资工作。",
            status=status,
            created_at=created,
            updated_at=created,
        )
        rows = [
            PostingStatusChange(
                posting_id=pk, action="create", to_status="planned", actor=self.admin, created_at=created
            )
        ]

        def step(action, frm, to, day, reason=""):
            rows.append(
                PostingStatusChange(
                    posting_id=pk,
                    action=action,
                    from_status=frm,
                    to_status=to,
                    reason=reason,
                    actor=self.admin,
                    created_at=self._at(min(day, today)),
                )
            )

        if status == S.PLANNED:
            return posting, rows
        step("appoint", "planned", "appointed", appointment or start)
        if status == S.APPOINTED:
            return posting, rows
        step("confirm_arrival", "appointed", "on_post", arrival or start)
        if status == S.TERMINATED:
            step("terminate", "on_post", "terminated", end, "本人身体原因，经组织同意终止挂职。")
            return posting, rows
        if status == S.ON_POST:
            return posting, rows
        step("end_term", "on_post", "term_ended", end + timedelta(days=1))
        if status == S.COMPLETED:
            step("complete", "term_ended", "completed", end + timedelta(days=rng.randrange(10, 60)), "鉴定定稿。")
        return posting, rows

    # work reports --------------------------------------------------------------------------------
    def seed_reports(self):
        rng, today = self.rng, self.today
        if not self.cycles:
            return
        cycle = self.cycles[0]  # the longest: half-yearly or quarterly
        quarterly = next((c for c in self.cycles if c.period_months == 3), cycle)
        reports, rounds = [], []
        next_report = self._next_id(WorkReport)
        for posting in self.postings:
            if posting.status in (S.PLANNED, S.APPOINTED):
                continue
            months = quarterly.period_months
            period_start = posting.start_date
            last = min(posting.end_date, today)
            while period_start <= last:
                y, m = period_start.year, period_start.month - 1 + months
                period_end = date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
                period_end = min(period_end, posting.end_date)
                due = period_end + timedelta(days=quarterly.due_days)
                if period_end >= today:
                    break
                r = rng.random()
                if due < today - timedelta(days=120):
                    status = "accepted" if r < 0.93 else ("draft" if r < 0.97 else "returned")
                else:
                    status = (
                        "submitted" if r < 0.45 else ("accepted" if r < 0.75 else ("returned" if r < 0.85 else "draft"))
                    )
                submitted = self._at(due - timedelta(days=rng.randrange(-5, 6))) if status != "draft" else None
                report = WorkReport(
                    id=next_report,
                    posting_id=posting.pk,
                    cycle_id=quarterly.pk,
                    period_start=period_start,
                    period_end=period_end,
                    due_date=due,
                    status=status,
                    main_work="开展入户走访，推进产业项目落地。" * 8 if status != "draft" else "",
                    results="完成年度目标任务。" * 6 if status != "draft" else "",
                    problems="基层经验仍需积累。" * 3 if status != "draft" else "",
                    next_plans="继续深入调研。" * 4 if status != "draft" else "",
                    first_submitted_at=submitted,
                    submitted_at=submitted,
                    submitted_late=bool(submitted and submitted.date() > due),
                    created_at=self._at(period_start),
                    updated_at=submitted or self._at(period_start),
                )
                next_report += 1
                reports.append(report)
                if submitted:
                    rounds.append(
                        WorkReportRound(report_id=report.pk, action="submit", actor=None, created_at=submitted)
                    )
                    if status == "accepted":
                        rounds.append(
                            WorkReportRound(
                                report_id=report.pk,
                                action="accept",
                                actor=self.admin,
                                created_at=submitted + timedelta(days=3),
                            )
                        )
                    if status == "returned":
                        rounds.append(
                            WorkReportRound(
                                report_id=report.pk,
                                action="return",
                                comments="请补充具体数据。",
                                actor=self.admin,
                                created_at=submitted + timedelta(days=3),
                            )
                        )
                period_start = period_end + timedelta(days=1)
        self._insert(WorkReport, reports)
        self._insert(WorkReportRound, rounds)

    # annual assessments and appraisals --------------------------------------------------------------
    def seed_assessments(self):
        rng, today = self.rng, self.today
        if not self.grades or not self.template:
            return
        assessments, appraisals = [], []
        competent = self.grades[min(1, len(self.grades) - 1)]
        for posting in self.postings:
            if posting.status in (S.PLANNED, S.APPOINTED):
                continue
            for year in range(posting.start_date.year, min(posting.end_date, today).year + 1):
                year_end = date(year, 12, 31)
                if year_end > min(posting.end_date, today) and year != today.year:
                    continue
                if year == today.year and posting.status != S.ON_POST:
                    continue
                grade = self.grades[0] if rng.random() < 0.2 else competent
                proposed = self._at(min(year_end, today) - timedelta(days=20))
                current = year == today.year
                status = rng.choice(["proposed", "opinion", "determined"]) if current else "confirmed"
                assessments.append(
                    AnnualAssessment(
                        posting_id=posting.pk,
                        year=year,
                        status=status,
                        proposed_grade=grade,
                        proposed_comments="工作积极主动，完成任务较好。",
                        proposed_by=self.admin,
                        proposed_at=proposed,
                        dispatch_opinion="同意。" if status != "proposed" else "",
                        dispatch_at=proposed + timedelta(days=3) if status != "proposed" else None,
                        final_grade=grade if status in ("determined", "confirmed") else None,
                        determined_at=proposed + timedelta(days=6) if status in ("determined", "confirmed") else None,
                        confirmed_at=proposed + timedelta(days=9) if status == "confirmed" else None,
                        created_at=proposed,
                        updated_at=proposed,
                    )
                )
            if posting.status in (S.TERM_ENDED, S.COMPLETED, S.TERMINATED):
                status = {S.TERM_ENDED: "open", S.COMPLETED: "finalized", S.TERMINATED: "closed"}[posting.status]
                at = self._at(min(posting.end_date + timedelta(days=5), today))
                appraisals.append(
                    Appraisal(
                        posting_id=posting.pk,
                        version=1,
                        template=self.template,
                        scale=self.scale,
                        status=status,
                        self_summary="挂职期间认真履职。" * 10 if status != "closed" else "",
                        self_summary_at=at if status != "closed" else None,
                        composite_score=Decimal(rng.randrange(7500, 9600)) / 100 if status == "finalized" else None,
                        final_grade=competent if status == "finalized" else None,
                        suggested_grade=competent if status == "finalized" else None,
                        conclusion="该同志挂职期间表现良好。" if status == "finalized" else "",
                        finalized_at=at + timedelta(days=20) if status == "finalized" else None,
                        created_at=at,
                        updated_at=at,
                    )
                )
        self._insert(AnnualAssessment, assessments)
        self._insert(Appraisal, appraisals)

    # leave, attendance, inspections -------------------------------------------------------------------
    def seed_conduct(self):
        rng, today = self.rng, self.today
        leaves, attendance, inspections = [], [], []
        month0 = date(today.year, today.month, 1)
        for posting in self.postings:
            if posting.status not in (S.ON_POST, S.TERM_ENDED, S.COMPLETED, S.TERMINATED):
                continue
            if rng.random() < 0.4:
                start = posting.start_date + timedelta(days=rng.randrange(30, 200))
                if start < today:
                    days = rng.randrange(1, 6)
                    status = "pending" if posting.status == S.ON_POST and rng.random() < 0.3 else "approved"
                    leaves.append(
                        LeaveRequest(
                            posting_id=posting.pk,
                            kind=rng.choice(["personal", "sick", "annual", "family"]),
                            start_date=start,
                            end_date=start + timedelta(days=days - 1),
                            days=days,
                            reason="家中有事。",
                            approver="receiving_unit",
                            status=status,
                            decided_by=self.admin if status == "approved" else None,
                            decided_at=self._at(start - timedelta(days=1)) if status == "approved" else None,
                        )
                    )
            if posting.status == S.ON_POST:
                for back in range(1, 7):
                    month = date(month0.year + (month0.month - 1 - back) // 12, (month0.month - 1 - back) % 12 + 1, 1)
                    if month < posting.start_date:
                        break
                    attendance.append(
                        AttendanceRecord(
                            posting_id=posting.pk,
                            month=month,
                            days_present=rng.randrange(18, 23),
                            days_on_leave=rng.randrange(0, 3),
                            days_absent=0 if rng.random() < 0.97 else rng.randrange(1, 6),
                            entered_by=self.admin,
                        )
                    )
            if rng.random() < 0.12:
                day = min(today, posting.start_date + timedelta(days=rng.randrange(30, 300)))
                talk = rng.random() < 0.2
                inspections.append(
                    Inspection(
                        posting_id=posting.pk,
                        date=day,
                        method=rng.choice(["scheduled", "spot", "phone", "visit"]),
                        findings="在岗在位，工作正常。" if not talk else "未在岗，已提醒。",
                        reminder_talk=talk,
                        rectification_required=talk,
                        rectification_deadline=day + timedelta(days=15) if talk else None,
                        recorded_by=self.admin,
                    )
                )
        self._insert(LeaveRequest, leaves)
        self._insert(AttendanceRecord, attendance)
        self._insert(Inspection, inspections)

    # reminders, deliveries, notifications --------------------------------------------------------------
    def seed_reminders(self):
        rng, today = self.rng, self.today
        posting_type = ContentType.objects.get_for_model(Posting)
        recipients = list(User.objects.values_list("pk", flat=True))
        demo = [u.pk for u in self.users.values()]
        next_reminder = self._next_id(Reminder)
        reminders, deliveries, notifications = [], [], []
        postings = self.postings
        for i in range(self.n_reminders):
            posting = postings[i % len(postings)]
            user = rng.choice(demo) if rng.random() < 0.3 else rng.choice(recipients)
            created = self._at(today - timedelta(days=rng.randrange(0, 365 * 2)))
            kind = rng.choice(["report_due", "arrival_overdue", "term_ending", "annual_assessment"])
            reminder = Reminder(
                id=next_reminder + i,
                key=f"scale:{kind}:{posting.pk}:{i}",
                recipient_id=user,
                kind=kind,
                title=f"挂职提醒：{kind}",
                body="请及时处理。",
                url=f"/postings/{posting.pk}/",
                subject_type=posting_type,
                subject_id=posting.pk,
                created_at=created,
            )
            reminders.append(reminder)
            for channel in ("inapp", "email", "webhook"):
                status = "sent" if channel == "inapp" else rng.choice(["sent", "sent", "skipped", "failed"])
                deliveries.append(
                    Delivery(
                        reminder_id=reminder.pk,
                        channel=channel,
                        status=status,
                        attempts=1,
                        sent_at=created if status == "sent" else None,
                        last_error="SMTP 超时" if status == "failed" else "",
                    )
                )
            notifications.append(
                Notification(
                    user_id=user,
                    reminder_id=reminder.pk,
                    title=reminder.title,
                    body=reminder.body,
                    url=reminder.url,
                    read_at=created + timedelta(hours=3) if rng.random() < 0.7 else None,
                    created_at=created,
                )
            )
        self._insert(Reminder, reminders)
        self._insert(Delivery, deliveries)
        self._insert(Notification, notifications)

    # audit rows ----------------------------------------------------------------------------------------
    def seed_audit(self):
        rng, today = self.rng, self.today
        posting_type = ContentType.objects.get_for_model(Posting)
        cadre_type = ContentType.objects.get_for_model(Cadre)
        actors = [u.pk for u in self.users.values()]
        rows = []
        n_cadres, n_postings = len(self.cadres), len(self.postings)
        for i in range(self.n_audit):
            if i % 3 == 0:
                cadre = self.cadres[i % n_cadres]
                target_type, target_id, target_repr = cadre_type, cadre.pk, cadre.name
            else:
                posting = self.postings[i % n_postings]
                target_type, target_id, target_repr = posting_type, posting.pk, f"挂职 {posting.pk} {posting.post}"
            rows.append(
                AuditLog(
                    actor_id=rng.choice(actors),
                    action=rng.choice(
                        ("posting.appoint", "posting.confirm_arrival", "report.submit", "report.accept", "cadre.update")
                    ),
                    target_type=target_type,
                    target_id=str(target_id),
                    target_repr=target_repr,
                    created_at=self._at(today - timedelta(days=rng.randrange(0, 365 * 5))),
                )
            )
            if len(rows) >= 50_000:
                self._insert(AuditLog, rows)
                rows = []
        if rows:
            self._insert(AuditLog, rows)

    def reset_sequences(self):
        models = [Unit, Cadre, Batch, BatchOffer, Nomination, Posting, WorkReport, Reminder]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
