"""Training records added in admin go through cadres.services.training_record_add, with its audit row."""

from django.urls import reverse

from core.models import AuditLog


def test_a_training_record_added_in_admin_goes_through_the_service(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:cadres_trainingrecord_add"),
        {"cadre": world.cadre_a.pk, "course": "乡村振兴专题班", "organizer": "市委党校", "start_date": "2026-03-02"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = world.cadre_a.trainings.get()
    assert record.created_by == world.admin
    assert list(AuditLog.objects.filter(actor=world.admin).values_list("action", "target_id", "data")) == [
        ("training.add", str(world.cadre_a.pk), {"course": "乡村振兴专题班"})
    ]


def test_a_training_record_added_on_the_cadre_page_inline_goes_through_the_service(client, world, admin_form_data):
    client.force_login(world.admin)
    url = reverse("admin:cadres_cadre_change", args=[world.cadre_b.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "trainings-TOTAL_FORMS": "1",
            "trainings-0-cadre": str(world.cadre_b.pk),
            "trainings-0-course": "党性教育",
            "trainings-0-start_date": "2026-04-01",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert world.cadre_b.trainings.get().created_by == world.admin
    assert AuditLog.objects.filter(actor=world.admin, action="training.add").count() == 1
