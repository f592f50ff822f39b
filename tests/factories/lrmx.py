"""Synthetic 任免审批表 files (.lrmx, .lrm + .pic) for the import tests: made-up people with valid,
checksummed fake ID numbers, never anyone's real data."""

import io
import zipfile
from datetime import date

from PIL import Image

from cadres.lrmx import LrmxPerson, write_lrm, write_lrmx
from tests.factories import make_id_number


def photo_bytes(color=(40, 90, 160), fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), color).save(buffer, fmt)
    return buffer.getvalue()


def make_person(unit_name: str = "甲县农业农村局", *, birth: date = date(1985, 3, 12), female=False, **overrides):
    person = LrmxPerson(
        name="测试甲",
        gender="女" if female else "男",
        birth=f"{birth:%Y.%m}",
        ethnicity="汉族",
        native_place="浙江杭州",
        birthplace="浙江杭州",
        party_joined="2006.06",
        work_started="2007.08",
        health="健康",
        professional_title="农艺师",
        speciality="农业经济管理",
        fulltime_education="大学本科",
        fulltime_degree="农学学士",
        fulltime_education_school="某农业大学农学专业",
        fulltime_degree_school="某农业大学",
        inservice_education="硕士研究生",
        inservice_degree="管理学硕士",
        inservice_education_school="某大学公共管理专业",
        inservice_degree_school="某大学",
        current_post=f"{unit_name}副局长",
        proposed_post="甲县石门镇副镇长（挂职）",
        proposed_removal="",
        resume=(
            "2003.09--2007.07  某农业大学农学专业学习\n"
            "2007.08--2015.12  甲县农业农村局科员\n"
            "2016.01--         甲县农业农村局副局长"
        ),
        rewards="2018.12  被评为优秀共产党员（批准机关：中共甲县县委）\n2021.06.15  嘉奖",
        annual_results="2022年度考核称职；2023年度考核优秀；2024年度考核称职",
        appointment_reason="工作需要",
        reporting_unit="中共甲县县委组织部",
        age_reference="2026.12",
        filled_on="2026.11",
        filled_by="测试员",
        id_number=make_id_number(birth, female=female),
        family=[
            {
                "relation": "妻子",
                "name": "测试乙",
                "birth": "1986.05",
                "political_status": "群众",
                "work_and_post": "甲县第一小学教师",
            },
            {"relation": "儿子", "name": "测试丙", "birth": "2012.09", "political_status": "", "work_and_post": "学生"},
        ],
        photo=photo_bytes(),
    )
    for name, value in overrides.items():
        setattr(person, name, value)
    return person


def lrmx_bytes(person: LrmxPerson) -> bytes:
    return write_lrmx(person)


def lrm_pair(person: LrmxPerson, stem: str) -> list[tuple[str, bytes]]:
    return [(f"{stem}.lrm", write_lrm(person)), (f"{stem}.pic", person.photo)]


def zip_of(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
