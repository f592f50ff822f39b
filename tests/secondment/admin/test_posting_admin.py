"""Admin edits a posting's 三定/帮带 plan through secondment.services.postings, with its history."""

from django.urls import reverse

from core.models import AuditLog


def test_the_plan_edited_in_admin_goes_through_the_service(client, posting_world, admin_form_data):
    posting = posting_world.posting
    client.force_login(posting_world.admin)
    url = reverse("admin:secondment_posting_change", args=[posting.pk])
    data = admin_form_data(client.get(url))
    data["mentor"] = "王镇长"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    posting.refresh_from_db()
    assert posting.mentor == "王镇长"
    change = posting.history.get(action="plan")
    assert change.actor == posting_world.admin and change.data == {"fields": ["mentor"]}
    audit = AuditLog.objects.filter(action="posting.plan", target_id=str(posting.pk), actor=posting_world.admin)
    assert audit.count() == 1


def test_a_finished_posting_is_not_editable_in_admin(client, appraisal_world):
    client.force_login(appraisal_world.admin)
    url = reverse("admin:secondment_posting_change", args=[appraisal_world.posting.pk])
    response = client.post(url, {"mentor": "王镇长"})
    assert response.status_code == 403
    appraisal_world.posting.refresh_from_db()
    assert appraisal_world.posting.mentor == ""
