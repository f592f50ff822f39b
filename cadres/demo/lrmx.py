"""Demo cadres entered the way org departments exchange them: three made-up 《干部任免审批表》 files (.lrmx)
written here and imported through the import service (cadres.lrmx_records), so the demo shows 简历,
家庭成员, 奖惩 and the particulars filled from a file. Fictional people, valid checksummed fake ID numbers;
idempotent (a second run finds them unchanged)."""

from ..lrmx import LrmxPerson, read_bundle, write_lrmx
from ..lrmx_records import LrmxUpload, lrmx_import
from ..validators import citizen_id_check_char

# name, gender, birth (yyyymmdd), unit at the head of 现任职务 + post, résumé, family
PEOPLE = [
    (
        "林晓川",
        "男",
        "19840316",
        "青山县农业农村局副局长",
        [
            ("2002.09", "2006.07", "浙江农林大学农学专业学习"),
            ("2006.08", "2014.03", "青山县农业农村局科员"),
            ("2014.04", "2019.12", "青山县石门镇副镇长"),
            ("2020.01", "", "青山县农业农村局副局长"),
        ],
        [
            ("妻子", "周雨晴", "1986.05", "中共党员", "青山县第一小学教师"),
            ("儿子", "林子墨", "2013.09", "群众", "学生"),
        ],
    ),
    (
        "苏婉清",
        "女",
        "19870722",
        "白水县教育局办公室主任",
        [
            ("2005.09", "2009.07", "华东师范大学教育学专业学习"),
            ("2009.08", "2016.06", "白水县第二中学教师"),
            ("2016.07", "", "白水县教育局办公室主任"),
        ],
        [("丈夫", "陈立峰", "1985.11", "群众", "白水县人民医院医生")],
    ),
    (
        "韩志远",
        "男",
        "19811105",
        "东湖区农业农村局科长",
        [
            ("2000.09", "2004.07", "南京农业大学农业经济管理专业学习"),
            ("2004.08", "", "东湖区农业农村局科员、副科长、科长"),
        ],
        [
            ("妻子", "许静", "1983.02", "中共党员", "东湖区湖滨街道办事处干部"),
            ("母亲", "王秀兰", "1958.04", "群众", "退休"),
        ],
    ),
]
REGIONS = {"青山县": "331021", "白水县": "331022", "东湖区": "331002"}


def _id_number(region: str, birth: str, female: bool, serial: int) -> str:
    first17 = f"{region}{birth}{90 + serial:02d}{'4' if female else '7'}"
    return first17 + citizen_id_check_char(first17)


def demo_people() -> list[LrmxPerson]:
    from .users import _demo_photo

    people = []
    for serial, (name, gender, birth, post, resume, family) in enumerate(PEOPLE):
        region = REGIONS[post[:3]]
        people.append(
            LrmxPerson(
                name=name,
                gender=gender,
                birth=f"{birth[:4]}.{birth[4:6]}",
                ethnicity="汉族",
                native_place="浙江临江",
                birthplace="浙江临江",
                party_joined=f"{int(birth[:4]) + 21}.06",
                work_started=resume[1][0],
                health="健康",
                professional_title="",
                speciality="基层治理、乡村振兴",
                fulltime_education="大学本科",
                fulltime_degree="学士",
                fulltime_education_school=resume[0][2].removesuffix("学习"),
                inservice_education="硕士研究生" if serial != 1 else "",
                inservice_degree="硕士" if serial != 1 else "",
                inservice_education_school="中共浙江省委党校经济管理专业" if serial != 1 else "",
                current_post=post,
                proposed_post="",
                resume="\n".join(f"{s}--{e or ' ' * 7}  {text}" for s, e, text in resume),
                rewards=f"{int(birth[:4]) + 33}.12  被评为“优秀共产党员”（批准机关：中共{post[:3]}委）",
                annual_results="2022年度考核称职；2023年度考核优秀；2024年度考核称职",
                reporting_unit=f"中共{post[:3]}委组织部",
                age_reference="2026.12",
                filled_on="2026.11",
                filled_by="演示数据",
                id_number=_id_number(region, birth, gender == "女", serial),
                family=[
                    {"relation": r, "name": n, "birth": b, "political_status": p, "work_and_post": w}
                    for r, n, b, p, w in family
                ],
                photo=_demo_photo(),
            )
        )
    return people


def seed_lrmx_cadres() -> int:
    """Imports the demo files; returns how many cadres were new."""
    files = [(f"{p.name}.lrmx", write_lrmx(p)) for p in demo_people()]
    result = lrmx_import(upload=LrmxUpload(entries=read_bundle(files)), user=None, apply=True)
    errors = [(row.row_number, row.errors) for row in result.rows if row.errors]
    if errors:
        raise RuntimeError(f"demo .lrmx files refused: {errors}")
    return result.created
