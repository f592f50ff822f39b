"""Export -> import gives back exactly the same records (issue 19), field by field."""

from datetime import date

from cadres.lrmx import parse_lrm, parse_lrmx, write_lrmx
from cadres.lrmx_records import LrmxUpload, lrmx_import, person_from_cadre
from cadres.models import Cadre, CadreParticulars
from cadres.services.particulars import PARTICULARS_FIELDS
from tests.factories.lrmx import lrm_pair, make_person


def _import(user, files, **kwargs):
    from cadres.lrmx import read_bundle

    upload = LrmxUpload(entries=read_bundle(files), unit_id=kwargs.pop("unit_id", None))
    return lrmx_import(upload=upload, user=user, **kwargs)


def _snapshot(cadre: Cadre) -> dict:
    cadre = Cadre.objects.get(pk=cadre.pk)
    particulars = CadreParticulars.objects.get(cadre=cadre)
    with cadre.photo.open("rb") as handle:
        photo = handle.read()
    return {
        "cadre": {
            f: getattr(cadre, f)
            for f in (
                "name",
                "gender",
                "ethnicity_id",
                "birth_date",
                "id_number",
                "political_status_id",
                "education_id",
                "degree_id",
                "unit_id",
                "post",
                "speciality",
            )
        },
        "particulars": {f: getattr(particulars, f) for f in PARTICULARS_FIELDS},
        "photo": photo,
        "resume": list(cadre.resume_entries.values_list("start", "end", "text", "order")),
        "family": list(
            cadre.family_members.values_list("relation", "name", "birth", "political_status", "work_and_post", "order")
        ),
        "rewards": sorted(
            cadre.rewards_punishments.values_list("kind", "title", "date", "issuing_body", "document_no")
        ),
    }


def test_import_then_export_then_import_changes_nothing(world):
    person = make_person()
    result = _import(world.dispatch_a, [("甲.lrmx", write_lrmx(person))], apply=True)
    assert result.applied, [r.errors for r in result.rows]
    assert [r.status for r in result.rows] == ["new"]
    cadre = Cadre.objects.get(id_number=person.id_number)
    assert cadre.unit == world.unit_a and cadre.post == "副局长"
    assert cadre.birth_date.strftime("%Y.%m") == "1985.03"
    before = _snapshot(cadre)
    assert before["resume"][-1] == ("201601", "", "甲县农业农村局副局长", 3)
    assert before["rewards"] == [
        ("reward", "嘉奖", date(2021, 6, 15), "", ""),
        ("reward", "被评为优秀共产党员", date(2018, 12, 1), "中共甲县县委", ""),
    ]
    assert before["photo"] == person.photo

    exported = write_lrmx(person_from_cadre(cadre))
    again = _import(world.dispatch_a, [("again.lrmx", exported)], apply=True)
    assert [r.status for r in again.rows] == ["unchanged"], again.rows[0].diff
    assert _snapshot(cadre) == before


def test_lrm_pair_updates_the_cadre_of_the_same_name_and_birth_month(world):
    person = make_person()
    _import(world.dispatch_a, [("a.lrmx", write_lrmx(person))], apply=True)
    changed = make_person(name=person.name, id_number="", health="良好", photo=b"")
    changed.photo = make_person().photo
    read = parse_lrm(lrm_pair(changed, "x")[0][1], changed.photo)
    assert read.health == "良好" and read.family == changed.family
    result = _import(world.dispatch_a, lrm_pair(changed, "甲"), apply=True)
    assert [r.status for r in result.rows] == ["update"], result.rows[0].errors
    assert ("健康状况", "健康", "良好") in result.rows[0].diff
    assert CadreParticulars.objects.get(cadre__id_number=person.id_number).health == "良好"


def test_records_entered_by_hand_round_trip_too(world):
    """A cadre entered on the pages (no file ever): export then import finds nothing to change, a punishment
    whose title does not name one included (the export marks its kind)."""
    from cadres.services import (
        family_member_add,
        particulars_update,
        resume_entry_add,
        reward_punishment_add,
    )
    from tests.factories import make_cadre
    from tests.factories.lrmx import photo_bytes

    cadre = make_cadre(world.unit_a, "手工录入", post="副局长", speciality="财务")
    from django.core.files.base import ContentFile

    from cadres.services import cadre_update

    cadre_update(cadre=cadre, acting_user=None, photo=ContentFile(photo_bytes(fmt="PNG"), name="p.png"))
    particulars_update(cadre=cadre, acting_user=None, native_place="浙江", rewards_text="无")
    resume_entry_add(cadre=cadre, acting_user=None, start="201001", end="201512", text="甲县农业农村局科员")
    resume_entry_add(cadre=cadre, acting_user=None, start="201601", text="甲县农业农村局副局长")
    family_member_add(cadre=cadre, acting_user=None, relation="父亲", name="某某", birth="1960.02")
    reward_punishment_add(
        cadre=cadre,
        acting_user=None,
        kind="punishment",
        title="约谈",
        date=date(2020, 5, 6),
        issuing_body="县纪委",
        document_no="甲纪〔2020〕1号",
    )
    reward_punishment_add(cadre=cadre, acting_user=None, title="嘉奖", date=date(2019, 1, 1), issuing_body="县政府")
    before = _snapshot(cadre)
    result = _import(world.dispatch_a, [("x.lrmx", write_lrmx(person_from_cadre(cadre)))], apply=True)
    assert [r.status for r in result.rows] == ["unchanged"], result.rows[0].diff or result.rows[0].errors
    assert _snapshot(cadre) == before
    assert parse_lrmx(write_lrmx(person_from_cadre(cadre))).rewards.splitlines() == [
        "2019.01  嘉奖（批准机关：县政府）",
        "2020.05.06  约谈（批准机关：县纪委，文号：甲纪〔2020〕1号，类别：惩处）",
        "无",
    ]


def test_an_lrm_without_a_known_cadre_and_a_duplicate_id_are_errors(world):
    person = make_person(name="无此人")
    twice = write_lrmx(make_person(id_number=person.id_number, name="重复"))
    result = _import(
        world.dispatch_a,
        [*lrm_pair(person, "无此人"), ("a.lrmx", twice), ("b.lrmx", twice)],
        apply=True,
    )
    rows = {r.row_number: r for r in result.rows}
    assert "2.0 格式（.lrm）不含身份证号" in rows["无此人.lrm"].errors[0][1]
    assert rows["a.lrmx"].status == "new"
    assert rows["b.lrmx"].errors == [("身份证号", "同一批文件中有两个文件是同一身份证号的干部。")]
    assert not result.applied and not Cadre.objects.filter(name__in=["无此人", "重复"]).exists()


def test_a_photo_missing_from_storage_exports_without_it(world):
    """The record names a photo the storage no longer holds (a restore without the files, a lost
    volume): the .lrmx is still written, without ZhaoPian, instead of a server error."""
    person = make_person()
    _import(world.dispatch_a, [("甲.lrmx", write_lrmx(person))], apply=True)
    cadre = Cadre.objects.get(id_number=person.id_number)
    assert cadre.photo
    cadre.photo.storage.delete(cadre.photo.name)
    exported = person_from_cadre(cadre)
    assert exported.photo in (None, b"") and exported.name == person.name
    assert parse_lrmx(write_lrmx(exported)).name == person.name
