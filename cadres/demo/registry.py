"""Demo data for the registry: a fictional city (临江市) with three counties, ~34 units and ~200
cadres with valid citizen ID numbers. Deterministic and idempotent (natural keys)."""

import random
from datetime import date, timedelta

from ..models import Cadre, Degree, Education, Ethnicity, PoliticalStatus, Rank, Unit
from ..services import cadre_create, cadre_update, training_record_add, unit_create
from ..validators import citizen_id_check_char

K, L = Unit.Kind, Unit.Level

CITY = ("中共临江市委", K.PARTY_GOV, L.CITY, "临江市")
CITY_UNITS = [
    ("中共临江市委组织部", K.PARTY_GOV, L.CITY, True),
    ("临江市发展和改革委员会", K.PARTY_GOV, L.CITY, False),
    ("临江市财政局", K.PARTY_GOV, L.CITY, False),
    ("临江市农业农村局", K.PARTY_GOV, L.CITY, False),
    ("临江市教育局", K.PARTY_GOV, L.CITY, False),
    ("临江市卫生健康委员会", K.PARTY_GOV, L.CITY, False),
    ("临江市人民医院", K.HOSPITAL, L.CITY, False),
    ("临江市第一中学", K.SCHOOL, L.CITY, False),
    ("临江城市投资集团有限公司", K.SOE, L.CITY, False),
    ("临江市农业科学研究院", K.PUBLIC_INSTITUTION, L.CITY, False),
    ("临江市工商业联合会", K.OTHER, L.CITY, False),
]
# county name -> (region code, townships, village)
COUNTIES = {
    "青山县": ("331021", ["石门镇", "桃源乡"], "石门镇柳溪村"),
    "白水县": ("331022", ["白沙镇", "云岭乡"], "白沙镇河口村"),
    "东湖区": ("331002", ["湖滨街道", "新港镇"], "湖滨街道南苑社区"),
}
CITY_REGION_CODE = "331001"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华玉萍红娟建国志海燕鹏飞宇浩然晨曦思远雅琴文博俊峰婷慧颖"
POSTS = ["科员", "副科长", "科长", "副主任", "主任科员", "办公室主任", "副局长", "副院长", "干事", "项目经理"]


def _id_number(rng: random.Random, region: str, birth: date, female: bool, serial: int) -> str:
    seq = f"{serial % 100:02d}"
    gender_digit = rng.choice("02468" if female else "13579")
    first17 = f"{region}{birth:%Y%m%d}{seq}{gender_digit}"
    return first17 + citizen_id_check_char(first17)


def seed_units(*, acting_user) -> dict[str, Unit]:
    """Create the unit tree; returns units by name."""
    units: dict[str, Unit] = {}

    def ensure(name, kind, level, parent, region, is_org=False):
        unit = Unit.objects.filter(name=name, parent=parent).first()
        if unit is None:
            unit = unit_create(
                acting_user=acting_user,
                name=name,
                kind=kind,
                level=level,
                parent=parent,
                region=region,
                is_org_department=is_org,
            )
        units[name] = unit
        return unit

    city = ensure(CITY[0], CITY[1], CITY[2], None, CITY[3])
    for name, kind, level, is_org in CITY_UNITS:
        ensure(name, kind, level, city, "临江市", is_org)
    for county, (_code, towns, village) in COUNTIES.items():
        root = ensure(f"中共{county}委", K.PARTY_GOV, L.COUNTY, city, f"临江市{county}")
        ensure(f"中共{county}委组织部", K.PARTY_GOV, L.COUNTY, root, f"临江市{county}", True)
        ensure(f"{county}农业农村局", K.PARTY_GOV, L.COUNTY, root, f"临江市{county}")
        ensure(f"{county}教育局", K.PARTY_GOV, L.COUNTY, root, f"临江市{county}")
        ensure(f"{county}人民医院", K.HOSPITAL, L.COUNTY, root, f"临江市{county}")
        for town in towns:
            kind = K.TOWNSHIP
            town_unit = ensure(f"{county}{town}", kind, L.TOWNSHIP, root, f"临江市{county}{town}")
            if village.startswith(town):
                ensure(f"{county}{village}", K.VILLAGE, L.TOWNSHIP, town_unit, f"临江市{county}{town}")
    return units


def seed_cadres(*, acting_user, units: dict[str, Unit], count: int = 200) -> list[Cadre]:
    """About `count` cadres spread over the non-village units, deterministic by index."""
    rng = random.Random(20181101)
    han = Ethnicity.objects.get(name="汉族")
    minorities = list(Ethnicity.objects.exclude(name="汉族").order_by("order")[:10])
    statuses = list(PoliticalStatus.objects.order_by("order"))
    party = next(s for s in statuses if s.name == "中共党员")
    educations = list(Education.objects.order_by("order")[:4])
    degrees = {d.name: d for d in Degree.objects.all()}
    ranks = list(Rank.objects.filter(order__lte=60).order_by("order"))
    hosts = [u for u in units.values() if u.kind != Unit.Kind.VILLAGE]
    existing = set(Cadre.objects.values_list("id_number", flat=True))
    cadres = []
    for i in range(count):
        unit = hosts[i % len(hosts)]
        female = rng.random() < 0.38
        birth = date(1972, 1, 1) + timedelta(days=rng.randrange(0, 365 * 26))
        region = next((code for name, (code, _t, _v) in COUNTIES.items() if name in unit.region), CITY_REGION_CODE)
        id_number = _id_number(rng, region, birth, female, i)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        ethnicity = rng.choice(minorities) if rng.random() < 0.08 else han
        status = party if rng.random() < 0.8 else rng.choice(statuses[2:])
        education = rng.choice(educations)
        degree = {"博士研究生": "博士", "硕士研究生": "硕士", "大学本科": "学士"}.get(education.name, "无学位")
        fields = dict(
            name=name,
            gender="F" if female else "M",
            ethnicity=ethnicity,
            birth_date=birth,
            id_number=id_number,
            political_status=status,
            education=education,
            degree=degrees[degree],
            unit=unit,
            post=rng.choice(POSTS),
            rank=rng.choice(ranks),
            phone=f"13{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}",
            is_reserve=rng.random() < 0.25,
        )
        if id_number not in existing:  # every random draw happens first, so reruns stay in step
            reserve = fields.pop("is_reserve")
            cadre = cadre_create(acting_user=acting_user, **fields)
            if reserve:  # on the reserve list only after a completed system training (seed 002)
                training_record_add(
                    cadre=cadre,
                    acting_user=acting_user,
                    course="市委党校中青年干部培训班",
                    organizer="中共临江市委党校",
                    start_date=date(2017, 3, 6),
                    end_date=date(2017, 5, 26),
                    hours=160,
                    attended_hours=156,
                    systematic=True,
                    completed=True,
                    result="结业",
                )
                cadre = cadre_update(cadre=cadre, acting_user=acting_user, is_reserve=True)
            cadres.append(cadre)
    return cadres
