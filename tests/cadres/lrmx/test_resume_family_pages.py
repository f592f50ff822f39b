"""简历, 家庭成员 and 任免审批表信息 on the cadre page: added, edited and deleted by whoever may edit the
cadre, audited, 404 outside scope; a batch's nominees as a zip of .lrmx files."""

import io
import zipfile

from django.urls import reverse

from cadres.lrmx import parse_lrmx
from cadres.models import FamilyMember, ResumeEntry
from cadres.services import family_member_add, resume_entry_add
from core.models import AuditLog


def test_resume_line_added_edited_deleted_from_the_cadre_page(client, world):
    client.force_login(world.dispatch_a)
    url = reverse("cadres:resume-add", args=[world.cadre_a.pk])
    refused = client.post(url, {"start": "201913", "end": "", "text": "某镇副镇长"})
    assert refused.status_code == 200 and "yyyymm" in refused.content.decode()
    assert not ResumeEntry.objects.exists()
    assert client.post(url, {"start": "201903", "end": "", "text": "某镇副镇长"}).status_code == 302
    entry = ResumeEntry.objects.get()
    assert (entry.start, entry.end, entry.order) == ("201903", "", 1)
    page = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert "2019.03–至今" in page and "某镇副镇长" in page
    edit = reverse("cadres:resume-edit", args=[entry.pk])
    client.post(edit, {"start": "201903", "end": "202112", "text": "某镇副镇长", "order": "1"})
    assert ResumeEntry.objects.get().end == "202112"
    client.post(edit, {"delete": "1"})
    assert not ResumeEntry.objects.exists()
    assert set(AuditLog.objects.filter(action__startswith="resume.").values_list("action", flat=True)) == {
        "resume.add",
        "resume.update",
        "resume.delete",
    }


def test_family_member_added_and_edited(client, world):
    client.force_login(world.dispatch_a)
    url = reverse("cadres:family-add", args=[world.cadre_a.pk])
    assert client.post(url, {"relation": "妻子", "name": ""}).status_code == 200
    assert client.post(url, {"relation": "妻子", "name": "某甲", "birth": "1988.01"}).status_code == 302
    member = FamilyMember.objects.get()
    client.post(reverse("cadres:family-edit", args=[member.pk]), {"relation": "妻子", "name": "某乙", "order": "1"})
    assert FamilyMember.objects.get().name == "某乙"


def test_records_of_a_cadre_outside_scope_are_404(client, world):
    entry = resume_entry_add(cadre=world.cadre_b, acting_user=None, start="200001", text="乙县工作")
    member = family_member_add(cadre=world.cadre_b, acting_user=None, relation="父亲", name="某丙")
    client.force_login(world.dispatch_a)
    for url in (
        reverse("cadres:resume-edit", args=[entry.pk]),
        reverse("cadres:family-edit", args=[member.pk]),
        reverse("cadres:particulars-edit", args=[world.cadre_b.pk]),
        reverse("cadres:cadre-lrmx", args=[world.cadre_b.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("cadres:resume-add", args=[world.cadre_b.pk]), {"text": "x"}).status_code == 404


def test_particulars_saved_from_their_page(client, world):
    client.force_login(world.dispatch_a)
    url = reverse("cadres:particulars-edit", args=[world.cadre_a.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"native_place": "浙江临江", "party_joined": "2008.06"}).status_code == 302
    world.cadre_a.refresh_from_db()
    assert world.cadre_a.particulars.native_place == "浙江临江"
    page = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert "浙江临江" in page and "2008.06" in page


def test_batch_nominees_as_a_zip_of_lrmx(client, batch_world):
    from secondment.services.nominations import nomination_create

    world = batch_world
    resume_entry_add(cadre=world.cadre_a, acting_user=None, start="201001", text="甲县农业农村局科员")
    nomination_create(
        batch=world.batch, cadre=world.cadre_a, method="org", reason="工作需要", acting_user=world.dispatch_a
    )
    client.force_login(world.org_county_a)
    response = client.get(reverse("secondment:batch-lrmx-zip", args=[world.batch.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert len(names) == 1 and names[0].startswith("甲干部")
        person = parse_lrmx(archive.read(names[0]))
    assert person.id_number == world.cadre_a.id_number and "甲县农业农村局科员" in person.resume
    client.force_login(world.receive_a)
    assert client.get(reverse("secondment:batch-lrmx-zip", args=[world.batch.pk])).status_code in (403, 404)
