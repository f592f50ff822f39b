"""Exports that may outgrow a request (issue 18): above EXPORT_SYNC_MAX_ROWS the export link makes a job a
worker runs; its workbook holds the owner's scope only, only the owner sees it, progress is counted, and the
workbook is written in constant memory."""

import io
import subprocess
import sys
import textwrap
from pathlib import Path

from django.urls import reverse
from openpyxl import load_workbook

from core.models import ExportJob
from core.tasks import run_export_job
from core.xlsx import write_xlsx


def _names(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _download(client, job) -> bytes:
    response = client.get(reverse("export-job-download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_small_export_still_answers_at_once(client, world, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 100
    client.force_login(world.org_city)
    response = client.get(reverse("cadres:cadre-export-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert sorted(_names(response.content)) == ["乙干部", "甲干部"]
    assert not ExportJob.objects.exists()


def test_a_large_export_becomes_a_job_with_the_owners_scope_and_filters(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    client.force_login(world.org_county_a)  # 甲县: sees 甲干部, not 乙县's 乙干部
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(reverse("cadres:cadre-export-xlsx"))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("export-job", args=[job.pk])
    assert len(callbacks) == 1 and job.status == "queued" and job.owner == world.org_county_a and job.total == 1
    page = client.get(reverse("export-job", args=[job.pk]))
    assert "排队中" in page.content.decode()
    run_export_job.apply(args=[job.pk]).get()
    job.refresh_from_db()
    assert job.status == "done" and job.done == 1 and job.percent == 100
    assert _names(_download(client, job)) == ["甲干部"]
    progress = client.get(reverse("export-job", args=[job.pk]), {"format": "json"}).json()
    assert progress["status"] == "done" and progress["download"].endswith("/download/")


def test_the_job_keeps_the_filters_of_the_page(client, world, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    client.force_login(world.org_city)
    client.get(reverse("cadres:cadre-export-xlsx"), {"q": "乙"})
    job = ExportJob.objects.get()
    run_export_job.apply(args=[job.pk]).get()
    assert _names(_download(client, ExportJob.objects.get())) == ["乙干部"]


def test_another_user_gets_404_for_the_job_and_its_file(client, world, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    client.force_login(world.org_city)
    client.get(reverse("cadres:cadre-export-xlsx"))
    job = ExportJob.objects.get()
    run_export_job.apply(args=[job.pk]).get()
    job.refresh_from_db()
    client.force_login(world.admin)  # even a superuser: the workbook is its owner's
    assert client.get(reverse("export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("export-job-download", args=[job.pk])).status_code == 404
    assert client.get(job.file.url).status_code == 404  # the stored file behind core.files


def test_the_posting_export_becomes_a_job_too(client, posting_world, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    w = posting_world
    client.force_login(w.org_county_a)
    response = client.get(reverse("secondment:posting-export-xlsx"))
    job = ExportJob.objects.get(kind="postings")
    assert response.status_code == 302
    run_export_job.apply(args=[job.pk]).get()
    job.refresh_from_db()
    assert job.status == "done" and job.total >= 1 and len(_names(_download(client, job))) == job.total


def test_progress_is_counted_as_rows_are_written(tmp_path):
    seen = []
    written = write_xlsx(
        tmp_path / "out.xlsx", title="t", headers=["a"], rows=([i] for i in range(25)), progress=seen.append, every=10
    )
    assert written == 25 and seen == [10, 20, 25]


def test_the_workbook_is_written_in_constant_memory(tmp_path):
    """Peak RSS growth of a subprocess writing 10,000 vs 100,000 rows: the same within a few MB (a workbook
    built in memory would grow by tens of MB)."""
    script = textwrap.dedent(
        """
        import resource, sys, tempfile
        sys.path.insert(0, sys.argv[2])
        from core.xlsx import write_xlsx
        n = int(sys.argv[1])
        rows = ([i, "挂职干部" * 3, f"单位{i % 500}", "2026-01-01", i * 1.5] for i in range(n))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with tempfile.TemporaryFile() as out:
            write_xlsx(out, title="t", headers=["a", "b", "c", "d", "e"], rows=rows)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """
    )
    root = str(Path(__file__).resolve().parents[2])

    def growth_kb(n: int) -> int:
        env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}
        out = subprocess.run(
            [sys.executable, "-c", script, str(n), root], capture_output=True, text=True, check=True, env=env
        )
        return int(out.stdout.strip())

    small, large = growth_kb(10_000), growth_kb(100_000)
    assert large - small < 15 * 1024, (small, large)
