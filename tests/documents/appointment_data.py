"""A cadre with everything the 干部任免审批表 prints, short or long, entered through the services (no real
person's data: names and units are made up)."""

import io
from datetime import date

from django.core.files.base import ContentFile

from cadres.services import family_member_add, particulars_update, resume_entry_add, reward_punishment_add
from tests.factories import make_cadre

LONG_UNIT = "中共某某市某某县委员会农业农村工作领导小组办公室暨乡村振兴综合服务中心（县农业综合行政执法大队）"
RESUME_TEXT = "某某县农业农村局办公室科员，从事农村集体经济发展和乡村振兴规划工作"
RELATIONS = ["妻子", "儿子", "女儿", "父亲", "母亲", "岳父", "岳母", "哥哥"]


def photo_bytes(color=(180, 40, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (90, 120), color).save(buffer, "JPEG")
    return buffer.getvalue()


def form_cadre(unit, *, long: bool = False, photo: bool = False, name: str = "欧阳明", birth=date(1975, 3, 12)):
    """A cadre born 1975-03-12 with particulars (计算年龄时间 2026.12), a résumé, family members and
    rewards; `long`: 30 résumé lines, 8 family members, long names and texts everywhere."""
    cadre = make_cadre(
        unit,
        "欧阳慕容司马上官端木" if long else name,
        birth=birth,
        speciality="农业经济管理、农村集体经济发展、乡村振兴规划与项目管理" if long else "农业经济管理",
        post="党组成员、副局长兼乡村振兴综合服务中心主任（正科级）" if long else "副局长",
    )
    particulars_update(
        cadre=cadre,
        acting_user=None,
        native_place="某某省某某县" + ("某某镇某某村" if long else ""),
        birthplace="某某省某某市",
        party_joined="1998.06",
        work_started="1997.07",
        health="健康",
        professional_title="高级农艺师" if long else "农艺师",
        fulltime_education="大学",
        fulltime_degree="农学学士",
        fulltime_education_school="某某农业大学农学系农学专业" + ("（农业推广方向）" if long else ""),
        inservice_education="研究生",
        inservice_degree="农业推广硕士",
        inservice_education_school="某某省委党校经济管理专业",
        inservice_degree_school="某某农业大学农业推广专业",
        proposed_post=("某某县某某镇党委副书记（挂职）" + LONG_UNIT) if long else "某某镇党委副书记（挂职）",
        proposed_removal="某某县农业农村局副局长" if long else "",
        appointment_reason=("工作需要。" * (60 if long else 1)),
        annual_results="2023年度考核称职；2024年度考核优秀；2025年度考核优秀。" * (3 if long else 1),
        rewards_text="1999年获某某县优秀共青团员称号" if long else "",
        reporting_unit="中共某某县委组织部",
        age_reference="202612",
        filled_on="2026.12",
        filled_by="司马填表",
    )
    for n in range(30 if long else 4):
        start = 1993 + n
        text = (RESUME_TEXT * (2 if n % 3 == 0 else 1)) if long else f"{RESUME_TEXT}（第{n + 1}段）"
        resume_entry_add(
            cadre=cadre,
            acting_user=None,
            start=f"{start}09",
            end="" if n == (29 if long else 3) else f"{start + 1}07",
            text=text + f"（第{n + 1}段）" if long else text,
        )
    for n, relation in enumerate(RELATIONS[: 8 if long else 3]):
        family_member_add(
            cadre=cadre,
            acting_user=None,
            relation=relation,
            name=("诸葛" if long else "张") + "家人" + str(n + 1),
            birth=f"{1950 + 10 * (n % 5)}05",  # May: 2026.12 is past the birthday month
            political_status="中共党员" if n % 2 == 0 else "群众",
            work_and_post=(LONG_UNIT + "退休干部") if long else "某某县第一中学教师",
        )
    reward_punishment_add(
        cadre=cadre,
        acting_user=None,
        kind="reward",
        title="被评为“优秀共产党员”",
        date=date(2021, 6, 30),
        issuing_body="中共某某县委",
        document_no="某委〔2021〕12号",
    )
    if photo:
        cadre.photo.save("photo.jpg", ContentFile(photo_bytes()), save=True)
    return type(cadre).objects.get(pk=cadre.pk)
