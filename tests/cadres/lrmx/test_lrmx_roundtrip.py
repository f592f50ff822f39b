"""Export -> import gives back exactly the same records (issue 19), field by field."""

from datetime import date

from cadres.lrmx import parse_lrm, write_lrmx
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
