"""简历, 家庭成员 and 任免审批表信息 in admin: in Chinese, written through the cadres services (audited)."""

from django.urls import reverse

from cadres.models import CadreParticulars, FamilyMember, ResumeEntry
from core.models import AuditLog


def test_records_added_changed_and_deleted_in_admin_go_through_the_services(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:cadres_resumeentry_add"),
        {"cadre": world.cadre_a.pk, "start": "201001", "end": "", "text": "甲县农业农村局科员", "order": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ResumeEntry.objects.get()
    client.post(reverse("admin:cadres_resumeentry_delete", args=[entry.pk]), {"post": "yes"})
    assert not ResumeEntry.objects.exists()
    response = client.post(
        reverse("admin:cadres_familymember_add"),
        {"cadre": world.cadre_a.pk, "relation": "妻子", "name": "某某", "order": "1"},
    )
    assert response.status_code == 302 and FamilyMember.objects.count() == 1
    response = client.post(
        reverse("admin:cadres_cadreparticulars_add"), {"cadre": world.cadre_a.pk, "native_place": "浙江临江"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CadreParticulars.objects.get().native_place == "浙江临江"
    actions = set(AuditLog.objects.filter(actor=world.admin).values_list("action", flat=True))
    assert actions == {"resume.add", "resume.delete", "family.add", "particulars.update"}
    for name in ("resumeentry", "familymember", "cadreparticulars"):
        page = client.get(reverse(f"admin:cadres_{name}_changelist") + "?q=甲")
        assert page.status_code == 200


def test_cadre_page_queries_do_not_grow_with_resume_and_family(client, world):
    from cadres.services import family_member_add, resume_entry_add

    client.force_login(world.dispatch_a)
    url = reverse("cadres:cadre-detail", args=[world.cadre_a.pk])
    resume_entry_add(cadre=world.cadre_a, acting_user=None, start="200001", text="一")
    family_member_add(cadre=world.cadre_a, acting_user=None, relation="父亲", name="甲")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(10):
        resume_entry_add(cadre=world.cadre_a, acting_user=None, start=f"20{n + 10:02d}01", text=f"经历{n}")
        family_member_add(cadre=world.cadre_a, acting_user=None, relation="亲属", name=f"某{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)
