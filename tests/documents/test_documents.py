"""Archive at finalization with SHA-256 and verification; batch print jobs with progress and a zip;
the personnel-file hand-off; every download scoped to its owner or the posting's scope."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.services.appraisals import appraisal_finalize
from documents.models import ArchivedForm, PrintJob
from documents.services import archive_verify, print_job_run
from tests.factories import make_user


def _finalized(w, *, commit: bool = True):
    """Finalize; with `commit`, run what waits for the commit too (documents archives the PDF then)."""
    from django.test import TestCase

    from tests.assessments.test_appraisal_services import _complete

    with TestCase.captureOnCommitCallbacks(execute=commit):
        return appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)


def test_the_form_is_archived_after_the_finalization_commits_and_a_missed_one_is_caught_up(appraisal_world):
    """Rendering happens outside the finalization's transaction (core.events, after commit); if it never
    ran (a crash between commit and render), the daily task archives the form."""
    from documents.services import archives_complete

    a = _finalized(appraisal_world, commit=False)
    assert a.status == "finalized" and not ArchivedForm.objects.filter(appraisal=a).exists()
    assert archives_complete() == 1
    assert ArchivedForm.objects.get(appraisal=a).file.read().startswith(b"%PDF")
    assert archives_complete() == 0


def test_finalizing_archives_the_pdf_and_a_copy_verifies(client, appraisal_world):
    a = _finalized(appraisal_world)
    archived = ArchivedForm.objects.get(appraisal=a)
    data = archived.file.read()
    assert data.startswith(b"%PDF") and len(archived.sha256) == 64
    assert archive_verify(data=data) == archived
    tampered = data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]  # one byte changed
    assert archive_verify(data=tampered) is None
    client.force_login(appraisal_world.org_county_a)
    ok = client.post(reverse("documents:verify"), {"file": SimpleUploadedFile("a.pdf", data)})
    assert "与存档一致" in ok.content.decode()
    bad = client.post(reverse("documents:verify"), {"file": SimpleUploadedFile("a.pdf", tampered)})
    assert "不一致" in bad.content.decode()


def test_verification_outside_scope_says_no_match(client, appraisal_world):
    a = _finalized(appraisal_world)
    data = ArchivedForm.objects.get(appraisal=a).file.read()
    client.force_login(make_user(roles=[("org_staff", appraisal_world.county_b)]))
    assert (
        "不一致"
        in client.post(reverse("documents:verify"), {"file": SimpleUploadedFile("a.pdf", data)}).content.decode()
    )


def test_print_job_progress_and_zip(client, appraisal_world, django_capture_on_commit_callbacks):
    w = appraisal_world
    _finalized(w)
    client.force_login(w.org_county_a)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("documents:print-job-create", args=[w.batch.pk]))
    job = PrintJob.objects.get()
    assert response["Location"] == reverse("documents:print-job", args=[job.pk])
    status = client.get(reverse("documents:print-job", args=[job.pk]), {"format": "json"}).json()
    assert (status["percent"], status["status"]) == (0, "queued")
    print_job_run(job_id=job.pk)
    status = client.get(reverse("documents:print-job", args=[job.pk]), {"format": "json"}).json()
    assert (status["percent"], status["status"], status["done"], status["total"]) == (100, "done", 1, 1)
    download = client.get(status["download"])
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len(names) == 2 and all(n.startswith("甲干部") and n.endswith(".pdf") for n in names)  # form and tally
    client.force_login(w.org_city)  # even a user who sees the batch cannot take another's job
    assert client.get(reverse("documents:print-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("documents:print-job-download", args=[job.pk])).status_code == 404


def test_only_the_organizer_prints_a_batch(client, appraisal_world):
    client.force_login(appraisal_world.dispatch_a)
    assert client.post(reverse("documents:print-job-create", args=[appraisal_world.batch.pk])).status_code == 403


def test_personnel_file_transfer(client, appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    client.force_login(w.org_county_a)
    url = reverse("documents:transfer", args=[a.pk])
    client.post(
        url, {"materials": ["form", "summary"], "transferred_on": "2026-03-20", "recipient": "县委组织部干部档案室"}
    )
    page = client.get(url, {"print": "1"}).content.decode()
    assert "挂职锻炼总结鉴定表、个人总结" in page and "县委组织部干部档案室" in page
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.get(url).status_code == 404


def test_old_print_jobs_are_cleaned_up(appraisal_world, settings):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from documents.services import print_jobs_cleanup

    w = appraisal_world
    old = PrintJob.objects.create(owner=w.org_county_a, batch=w.batch, total=1, status="done")
    old.file.save("old.zip", ContentFile(b"PK"), save=True)
    PrintJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.PRINT_JOB_RETENTION_DAYS + 1)
    )
    fresh = PrintJob.objects.create(owner=w.org_county_a, batch=w.batch, total=1)
    storage, name = old.file.storage, old.file.name
    assert print_jobs_cleanup() == 1
    assert list(PrintJob.objects.values_list("pk", flat=True)) == [fresh.pk] and not storage.exists(name)


def test_the_hand_off_names_the_form_by_its_jurisdictions_title(client, appraisal_world):
    from documents.models import DocumentSettings

    w = appraisal_world
    a = _finalized(w)
    DocumentSettings.objects.create(jurisdiction=w.county_a, appraisal_form_title="甲县挂职干部鉴定表")
    client.force_login(w.org_county_a)
    url = reverse("documents:transfer", args=[a.pk])
    assert "甲县挂职干部鉴定表" in client.get(url).content.decode()  # a choice of the form
    client.post(url, {"materials": ["form", "result"], "transferred_on": "2026-03-20", "recipient": "档案室"})
    page = client.get(url, {"print": "1"}).content.decode()
    assert "甲县挂职干部鉴定表、考核结果" in page and "考核鉴定表" not in page
