"""The 任免审批表 import through its pages: a folder of generated files previews correctly and imports;
a bad file is named with its reason and nothing is written; skipping bad files imports the good ones;
zips, .lrm + .pic pairs, a unit chosen for the batch, scope; the .lrmx export from the cadre page."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.lrmx import parse_lrmx, write_lrmx
from cadres.models import Cadre, CadreParticulars, FamilyMember, ResumeEntry
from core.models import AuditLog, ImportUpload
from tests.factories.lrmx import lrm_pair, make_person, zip_of


def _files(*pairs):
    return [SimpleUploadedFile(name, data) for name, data in pairs]


def _upload(client, user, files, **data):
    client.force_login(user)
    response = client.post(reverse("cadres:lrmx-import-start"), {"files": _files(*files), **data})
    assert response.status_code == 302, response.content.decode()[:3000]
    upload = ImportUpload.objects.get(kind="cadres_lrmx", uploaded_by=user)
    return upload, client.get(response["Location"])


def _folder(n=3, unit="甲县农业农村局"):
    people = [make_person(unit, name=f"测试{i}", birth=date(1980 + i, 1 + i, 10), female=bool(i % 2)) for i in range(n)]
    return people, [(f"{p.name}.lrmx", write_lrmx(p)) for p in people]


def _rows(response):
    return {row.name or row.row_number: row for row in response.context["result"].rows}


def test_a_folder_of_files_previews_as_new_then_imports_everything(client, world):
    people, files = _folder(3)
    upload, preview = _upload(client, world.dispatch_a, files)
    assert preview.status_code == 200
    counts = preview.context["result"].counts
    assert (counts["total"], counts["new"], counts["error"]) == (3, 3, 0)
    page = preview.content.decode()
    assert "共 3 个文件：新增 3" in page and "测试1.lrmx" in page
    assert Cadre.objects.filter(name__startswith="测试").count() == 0  # nothing written by the preview

    done = client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    assert done.status_code == 302
    for person in people:
        cadre = Cadre.objects.get(id_number=person.id_number)
        assert (cadre.name, cadre.unit, cadre.post) == (person.name, world.unit_a, "副局长")
        assert cadre.particulars.native_place == "浙江杭州" and cadre.particulars.inservice_degree == "管理学硕士"
        assert cadre.resume_entries.count() == 3 and cadre.family_members.count() == 2
        assert cadre.rewards_punishments.count() == 2
        assert cadre.photo.read() == person.photo
        assert AuditLog.objects.filter(action="cadre.lrmx_import", target_id=str(cadre.pk)).exists()
    upload.refresh_from_db()
    assert upload.status == ImportUpload.Status.APPLIED


def test_bad_files_are_named_with_their_reason_and_nothing_is_written(client, world):
    _, good = _folder(2)
    bad_checksum = make_person(name="校验错")
    bad_checksum.id_number = bad_checksum.id_number[:17] + ("0" if bad_checksum.id_number[17] != "0" else "1")
    files = [
        *good,
        ("坏的.lrmx", b"<Person><XingMing>broken"),
        ("校验错.lrmx", write_lrmx(bad_checksum)),
        ("无单位.lrmx", write_lrmx(make_person("不存在的单位", current_post="某某公司经理", name="无单位"))),
        ("照片.lrmx", write_lrmx(make_person(name="照片坏", photo=b"not an image at all"))),
        ("日期.lrmx", write_lrmx(make_person(name="日期坏", resume="2003.13--2007.07  某大学学习"))),
    ]
    upload, preview = _upload(client, world.dispatch_a, files)
    rows = {row.row_number: row for row in preview.context["result"].rows}
    assert preview.context["result"].counts["error"] == 5
    assert "不是有效的 XML" in rows["坏的.lrmx"].errors[0][1]
    assert rows["校验错.lrmx"].errors[0] == ("身份证号", "身份证号校验位不正确，请核对号码是否录入有误。")
    assert rows["无单位.lrmx"].errors[0][0] == "现任职务" and "无法确定所在单位" in rows["无单位.lrmx"].errors[0][1]
    assert rows["照片.lrmx"].errors == [("照片", "照片不是有效的图片文件。")]
    assert rows["日期.lrmx"].errors[0][0].startswith("简历第1行")
    page = preview.content.decode()
    assert "身份证号校验位不正确" in page and "无法确定所在单位" in page

    response = client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    assert response.status_code == 200  # refused: the preview again, with the message
    assert not Cadre.objects.filter(name__startswith="测试").exists()
    assert not CadreParticulars.objects.exists() and not ResumeEntry.objects.exists()
    assert not FamilyMember.objects.exists()

    # "导入无误的行": the good files only
    response = client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]), {"skip_bad_rows": "1"})
    assert response.status_code == 302
    assert Cadre.objects.filter(name__startswith="测试").count() == 2
    assert not Cadre.objects.filter(name__in=["校验错", "无单位", "照片坏", "日期坏"]).exists()


def test_skip_bad_files_chosen_on_upload_imports_the_good_ones(client, world):
    _, good = _folder(2)
    upload, preview = _upload(client, world.dispatch_a, [*good, ("x.lrmx", b"not xml")], skip_bad_rows="on")
    assert preview.context["result"].counts["error"] == 1
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    assert Cadre.objects.filter(name__startswith="测试").count() == 2


def test_a_zip_of_files_and_lrm_pic_pairs(client, world):
    _, files = _folder(2)
    old = make_person(name="旧版", birth=date(1979, 2, 3))
    from cadres.lrmx import read_bundle
    from cadres.lrmx_records import LrmxUpload, lrmx_import

    # a .lrm has no ID number: it updates the cadre of the same name and birth month
    lrmx_import(
        upload=LrmxUpload(entries=read_bundle([("旧版.lrmx", write_lrmx(old))])), user=world.dispatch_a, apply=True
    )
    old.health = "良好"
    archive = zip_of([*files, *lrm_pair(old, "旧版")])
    upload, preview = _upload(client, world.dispatch_a, [("任免审批表.zip", archive)])
    rows = {row.row_number: row for row in preview.context["result"].rows}
    assert {r: rows[r].status for r in rows} == {"测试0.lrmx": "new", "测试1.lrmx": "new", "旧版.lrm": "update"}
    assert ("健康状况", "健康", "良好") in rows["旧版.lrm"].diff
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    assert Cadre.objects.get(id_number=old.id_number).particulars.health == "良好"
    assert Cadre.objects.filter(name__startswith="测试").count() == 2


def test_an_update_shows_the_fields_that_change(client, world):
    person = make_person()
    _, _ = _upload(client, world.dispatch_a, [("a.lrmx", write_lrmx(person))], skip_bad_rows="on")
    client.post(reverse("cadres:lrmx-import-preview", args=[ImportUpload.objects.get().pk]))
    person.proposed_post = "甲县石门镇党委副书记（挂职）"
    person.resume += "\n2026.12--         甲县石门镇挂职"
    person.rewards = "2018.12  被评为优秀共产党员（批准机关：中共甲县县委）"
    ImportUpload.objects.all().delete()
    upload, preview = _upload(client, world.dispatch_a, [("a.lrmx", write_lrmx(person))])
    row = preview.context["result"].rows[0]
    assert row.status == "update"
    assert ("拟任职务", "甲县石门镇副镇长（挂职）", "甲县石门镇党委副书记（挂职）") in row.diff
    assert ("简历", "3 条", "4 条（按文件替换）") in row.diff
    assert ("奖惩记录", "2 条", "1 条（新增 0，删除 1）") in row.diff
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    cadre = Cadre.objects.get(id_number=person.id_number)
    assert cadre.resume_entries.count() == 4 and cadre.rewards_punishments.count() == 1


def test_a_unit_outside_the_users_scope_is_an_error(client, world):
    upload, preview = _upload(
        client, world.dispatch_a, [("b.lrmx", write_lrmx(make_person("乙县教育局", name="越权")))]
    )
    row = preview.context["result"].rows[0]
    assert row.errors == [("现任职务", "单位“乙县教育局”不在您的权限范围内。")]
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]), {"skip_bad_rows": "1"})
    assert not Cadre.objects.filter(name="越权").exists()


def test_an_existing_cadre_of_another_unit_cannot_be_updated(client, world):
    person = make_person(
        name=world.cadre_b.name, id_number=world.cadre_b.id_number, birth=world.cadre_b.birth_date, female=True
    )
    _, preview = _upload(client, world.dispatch_a, [("b.lrmx", write_lrmx(person))])
    assert ("身份证号", "该身份证号的干部已登记在您权限范围以外的单位，不能在此更新。") in preview.context[
        "result"
    ].rows[0].errors


def test_a_unit_chosen_on_the_form_holds_for_every_file(client, world):
    person = make_person(current_post="副镇长")  # no unit at the head of 现任职务
    upload, preview = _upload(client, world.org_county_a, [("a.lrmx", write_lrmx(person))], unit=world.town_a.pk)
    assert preview.context["result"].rows[0].status == "new"
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    cadre = Cadre.objects.get(id_number=person.id_number)
    assert (cadre.unit, cadre.post) == (world.town_a, "副镇长")


def test_a_unit_outside_scope_cannot_be_chosen_on_the_form(client, world):
    client.force_login(world.dispatch_a)
    files = _files(("a.lrmx", write_lrmx(make_person())))
    response = client.post(reverse("cadres:lrmx-import-start"), {"files": files, "unit": world.unit_b.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not ImportUpload.objects.exists()


def test_upload_refuses_other_kinds_of_file(client, world):
    client.force_login(world.dispatch_a)
    response = client.post(reverse("cadres:lrmx-import-start"), {"files": _files(("a.xlsx", b"PK"))})
    assert "不是任免审批表文件" in response.context["form"].errors["files"][0]


def test_export_from_the_cadre_page_reads_back_the_same(client, world):
    person = make_person()
    upload, _ = _upload(client, world.dispatch_a, [("a.lrmx", write_lrmx(person))])
    client.post(reverse("cadres:lrmx-import-preview", args=[upload.pk]))
    cadre = Cadre.objects.get(id_number=person.id_number)
    page = client.get(reverse("cadres:cadre-detail", args=[cadre.pk])).content.decode()
    assert (
        "某农业大学农学专业学习" in page and "测试乙" in page and reverse("cadres:cadre-lrmx", args=[cadre.pk]) in page
    )
    response = client.get(reverse("cadres:cadre-lrmx", args=[cadre.pk]))
    assert response.status_code == 200 and ".lrmx" in response["Content-Disposition"]
    again = parse_lrmx(response.content)
    person.political_status = "中共党员"  # the export names it (the file left it to 入党时间)
    assert again == person  # every field, the résumé, family and 奖惩 lines, the photo bytes


def test_the_receiving_contact_sees_the_resume_but_not_the_family(client, world):
    from cadres.services import family_member_add, resume_entry_add

    resume_entry_add(cadre=world.cadre_a, acting_user=None, start="200709", end="", text="在甲县农业农村局工作")
    family_member_add(cadre=world.cadre_a, acting_user=None, relation="妻子", name="保密者")
    # the receiving contact sees a cadre seconded to them; make cadre_a visible by the dispatching contact
    client.force_login(world.dispatch_a)
    page = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert "在甲县农业农村局工作" in page and "保密者" in page
    client.force_login(world.cadre_user)  # the cadre themself
    assert "保密者" in client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    client.force_login(world.receive_a)
    assert client.get(reverse("cadres:cadre-lrmx", args=[world.cadre_a.pk])).status_code in (403, 404)
