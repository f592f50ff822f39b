"""documents.access: who gets the appraisal form and the transfer list, who records a hand-off, who
prints a batch and whose print job it is; the pages show the buttons access gives and no others."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from documents.access import (
    appraisal_for_documents,
    archived_forms_visible_to,
    batch_document_actions,
    file_transfer_actions,
    print_job_actions,
    print_job_get_for_user,
    print_jobs_visible_to,
)
from documents.models import ArchivedForm, PrintJob
from documents.services import file_transfer_record, print_job_create
from tests.documents.test_documents import _finalized
from tests.factories import make_user

ORG = {"admin", "org_city", "org_county"}


def test_the_appraisal_form_is_for_whoever_sees_the_appraisal(client, appraisal_world):
    w = appraisal_world
    for user in w.users_by_role().values():
        assert appraisal_for_documents(user=user, pk=w.appraisal.pk) == w.appraisal
    outsider = make_user(roles=[("org_staff", w.county_b)])
    with pytest.raises(Http404):
        appraisal_for_documents(user=outsider, pk=w.appraisal.pk)
    client.force_login(outsider)
    assert client.get(reverse("documents:appraisal-pdf", args=[w.appraisal.pk])).status_code == 404
    assert client.get(reverse("documents:transfer", args=[w.appraisal.pk])).status_code == 404


def test_recording_a_transfer_is_for_the_org_department_once_finalized(appraisal_world):
    w = appraisal_world
    assert all(file_transfer_actions(u, w.appraisal) == set() for u in w.users_by_role().values())  # still open
    a = _finalized(w)
    recorders = {role for role, u in w.users_by_role().items() if "record" in file_transfer_actions(u, a)}
    assert recorders == ORG
    with pytest.raises(PermissionDenied):
        file_transfer_record(
            appraisal=a, materials=["form"], transferred_on="2026-03-20", recipient="档案室", acting_user=w.receive_a
        )


def test_the_transfer_form_is_shown_only_to_whoever_may_record(client, appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    url = reverse("documents:transfer", args=[a.pk])
    for role, user in w.users_by_role().items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert ('data-testid="transfer-form"' in response.content.decode()) == (role in ORG), role


def test_only_the_organizer_may_print_a_batch(appraisal_world):
    w = appraisal_world
    printers = {role for role, u in w.users_by_role().items() if "print" in batch_document_actions(u, w.batch)}
    assert printers == ORG  # county A organizes; the city above it and the administrator too
    assert all("summary_pdf" in batch_document_actions(u, w.batch) for u in w.users_by_role().values())
    with pytest.raises(PermissionDenied):
        print_job_create(batch=w.batch, acting_user=w.dispatch_a)


def test_a_print_job_is_its_owners_alone(client, appraisal_world, django_capture_on_commit_callbacks):
    w = appraisal_world
    _finalized(w)
    with django_capture_on_commit_callbacks(execute=False):
        job = print_job_create(batch=w.batch, acting_user=w.org_county_a)
    assert list(print_jobs_visible_to(w.org_county_a)) == [job]
    assert print_job_get_for_user(user=w.org_county_a, pk=job.pk) == job
    for user in (w.org_city, w.admin):
        assert not print_jobs_visible_to(user).exists()
        with pytest.raises(Http404):
            print_job_get_for_user(user=user, pk=job.pk)
    assert print_job_actions(w.org_county_a, job) == set()  # queued: nothing to download yet
    client.force_login(w.org_county_a)
    page = client.get(reverse("documents:print-job", args=[job.pk]))
    assert page.context["actions"] == set()
    assert client.get(reverse("documents:print-job-download", args=[job.pk])).status_code == 404


def test_verification_answers_within_the_users_scope(appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    archived = ArchivedForm.objects.get(appraisal=a)
    for user in w.users_by_role().values():
        assert list(archived_forms_visible_to(user)) == [archived]
    assert not archived_forms_visible_to(make_user(roles=[("org_staff", w.county_b)])).exists()
    assert PrintJob.objects.count() == 0


def test_the_batch_page_shows_the_print_button_as_documents_access_says(client, appraisal_world):
    """The batch page (secondment) shows documents' buttons through core.pages, not by its own rule."""
    w = appraisal_world
    url = reverse("secondment:batch-detail", args=[w.batch.pk])
    print_url = reverse("documents:print-job-create", args=[w.batch.pk])
    summary_url = reverse("documents:batch-summary-pdf", args=[w.batch.pk])
    client.force_login(w.org_county_a)  # the organizer
    page = client.get(url).content.decode()
    assert print_url in page and summary_url in page
    client.force_login(w.dispatch_a)  # sees the batch, may not print it
    page = client.get(url).content.decode()
    assert print_url not in page and summary_url in page


def test_the_transfer_link_appears_once_the_appraisal_is_finalized(client, appraisal_world):
    w = appraisal_world
    url = reverse("assessments:posting", args=[w.posting.pk])
    transfer = reverse("documents:transfer", args=[w.appraisal.pk])
    client.force_login(w.org_county_a)
    assert transfer not in client.get(url).content.decode()
    _finalized(w)
    assert transfer in client.get(url).content.decode()
