"""Every model is in Django admin, in Chinese, with list filters and search, and its pages open."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

OUR_APPS = {"core", "accounts", "cadres", "secondment", "assessments", "reports"}


def _our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_every_model_is_registered_with_filters_and_search():
    for model in _our_models():
        assert model in admin.site._registry, f"{model.__name__} missing from admin"
        model_admin = admin.site._registry[model]
        assert model_admin.list_filter, f"{model.__name__} admin has no list_filter"
        assert model_admin.search_fields, f"{model.__name__} admin has no search_fields"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(model._meta.verbose_name)), model.__name__


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m.__name__)
def test_changelist_and_add_pages_open_in_chinese(client, world, model):
    client.force_login(world.admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": "甲"})
    assert response.status_code == 200
    assert "筛选" in response.content.decode() or not admin.site._registry[model].list_filter


def test_unit_admin_writes_go_through_the_service(client, world):
    """Adding a unit in admin sets its tree path and leaves an audit row, like the pages do."""
    from cadres.models import Unit
    from core.models import AuditLog

    client.force_login(world.admin)
    response = client.post(
        reverse("admin:cadres_unit_add"),
        {
            "name": "甲县白沙镇",
            "kind": "township",
            "level": "township",
            "parent": world.county_a.pk,
            "region": "",
            "short_name": "",
            "contact_name": "",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(name="甲县白沙镇")
    assert unit.path == f"{world.county_a.path}{unit.pk}/"
    assert AuditLog.objects.filter(action="unit.create", target_id=str(unit.pk), actor=world.admin).exists()


def test_batch_admin_applies_the_batch_rules(client, batch_world):
    client.force_login(batch_world.admin)
    url = reverse("admin:secondment_batch_change", args=[batch_world.batch.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "name": "改名",
            "nomination_deadline": "2027-01-31",
            "planned_start": "2026-12-01",
            "written_weight": "0.5",
            "interview_weight": "0.5",
            "organizer": batch_world.county_a.pk,
            "kind": batch_world.batch.kind_id,
            "year": 2026,
            "term_months": 12,
        }
    )
    for prefix in ("quotas", "offers", "age_ceilings"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 200 and "推荐截止日期不能晚于计划开始日期" in response.content.decode()
    batch_world.batch.refresh_from_db()
    assert batch_world.batch.name != "改名"


def test_operational_records_are_read_only_in_admin(client, world):
    client.force_login(world.admin)
    for name in ("leaverequest", "inspection", "worklogentry", "batchquota", "workreport", "appraisal"):
        app = {"appraisal": "assessments", "workreport": "reports"}.get(name, "secondment")
        assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403, name
