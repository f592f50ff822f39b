"""Records that carry history are not deletable in admin: no delete page, no bulk delete, no cascade
onto them. Reference data and draft batches stay deletable."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from assessments.models import AnnualAssessment, Appraisal, AppraisalEvent
from cadres.models import Cadre, Ethnicity
from core.models import AuditLog, Delivery, Notification, Reminder
from documents.models import ArchivedForm, FileTransfer
from reports.models import WorkReport, WorkReportRound
from secondment.models import Batch, Nomination, NominationEvent, Posting, PostingStatusChange

KEPT = [
    Posting,
    PostingStatusChange,
    Nomination,
    NominationEvent,
    WorkReport,
    WorkReportRound,
    Appraisal,
    AppraisalEvent,
    AnnualAssessment,
    AuditLog,
    ArchivedForm,
    FileTransfer,
    Notification,
    Reminder,
    Delivery,
]


def _delete_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", KEPT, ids=lambda m: m.__name__)
def test_records_with_history_have_no_delete_permission_nor_bulk_delete(world, model):
    request = RequestFactory().get("/")
    request.user = world.admin
    model_admin = admin.site._registry[model]
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


def _assert_delete_refused(client, obj):
    assert client.get(_delete_url(obj)).status_code == 403
    assert client.post(_delete_url(obj), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_posting_and_its_history_cannot_be_deleted(client, posting_world):
    client.force_login(posting_world.admin)
    _assert_delete_refused(client, posting_world.posting)
    _assert_delete_refused(client, posting_world.posting.history.first())


def test_a_nomination_cannot_be_deleted(client, batch_world):
    from secondment.services.nominations import nomination_create

    nomination = nomination_create(
        batch=batch_world.batch, cadre=batch_world.cadre_a, method="org", reason="表现突出", acting_user=None
    )
    client.force_login(batch_world.admin)
    _assert_delete_refused(client, nomination)
    assert nomination.events.exists()


def test_an_appraisal_and_a_work_report_cannot_be_deleted(client, appraisal_world):
    report = WorkReport.objects.filter(posting=appraisal_world.posting).first()
    assert report is not None
    client.force_login(appraisal_world.admin)
    _assert_delete_refused(client, appraisal_world.appraisal)
    _assert_delete_refused(client, report)


def test_bulk_delete_of_postings_is_refused(client, posting_world):
    client.force_login(posting_world.admin)
    response = client.post(
        _changelist(Posting),
        {"action": "delete_selected", "_selected_action": [posting_world.posting.pk], "post": "yes"},
    )
    assert response.status_code == 200  # the list again: "delete selected" is not an action here
    assert "delete_selected" not in response.content.decode()
    assert Posting.objects.filter(pk=posting_world.posting.pk).exists()
    assert posting_world.posting.history.exists()


def test_a_cadre_with_a_posting_cannot_be_deleted_one_without_can(client, posting_world):
    client.force_login(posting_world.admin)
    _assert_delete_refused(client, posting_world.cadre_a)
    response = client.post(_delete_url(posting_world.cadre_b), {"post": "yes"})
    assert response.status_code == 302
    assert not Cadre.objects.filter(pk=posting_world.cadre_b.pk).exists()


def test_a_published_batch_cannot_be_deleted_a_draft_one_can(client, batch_world):
    from secondment.services.batches import batch_create, batch_quota_set

    client.force_login(batch_world.admin)
    _assert_delete_refused(client, batch_world.batch)

    draft = batch_create(
        acting_user=batch_world.org_county_a,
        name="草稿批次",
        kind=batch_world.batch.kind,
        year=2027,
        organizer=batch_world.county_a,
        planned_start=batch_world.batch.planned_start,
        nomination_deadline=batch_world.batch.nomination_deadline,
    )
    batch_quota_set(batch=draft, dispatching_unit=batch_world.unit_a, quota=1, acting_user=batch_world.org_county_a)
    response = client.post(_delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not Batch.objects.filter(pk=draft.pk).exists()
    assert AuditLog.objects.filter(action="batch.delete", target_id=str(draft.pk), actor=batch_world.admin).exists()


def test_reference_data_stays_deletable(client, world):
    unused = Ethnicity.objects.create(name="测试族", code="99")
    client.force_login(world.admin)
    assert client.post(_delete_url(unused), {"post": "yes"}).status_code == 302
    assert not Ethnicity.objects.filter(pk=unused.pk).exists()
