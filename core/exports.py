"""List exports (导出) that may outgrow a request (issue 18).

Each app registers its exports from its AppConfig.ready:

    register_export(Export(name="cadres", title="干部名册", filename="cadres", headers=..., widths=...,
                           queryset=lambda user, params: ..., rows=cadre_export_rows))

`queryset(user, params)` is the list's own queryset: the user's scope and the page's filters (`params`,
a QueryDict of the list's query string). `rows(queryset)` yields the rows, streaming with
`.iterator(chunk_size)`. `export_response(request, name)` answers the export link: up to
EXPORT_SYNC_MAX_ROWS rows, the workbook at once (as before); above, an ExportJob a worker runs (the
page shows its progress and the download; a web timeout kills nothing). The job writes the workbook
in constant memory (openpyxl write-only with lxml) to a temporary file and saves it through the storage
API, so any web process (or shared storage) serves it; only its owner downloads it (core.files).

An export job as a transition table, in the shape of documents.workflow's print job:

    排队中 queued → 生成中 running → 已完成 done
                                  → 失败 failed (run again, it starts over)
"""

import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from .models import ExportJob
from .queue import enqueue_on_commit
from .workflow import SYSTEM, Transition, transition_check
from .xlsx import build_xlsx, write_xlsx


@dataclass(frozen=True)
class Export:
    name: str
    title: str  # the sheet's title and the job's name
    filename: str  # the download is "<filename>-YYYYMMDD.xlsx"
    headers: Sequence[str]
    queryset: Callable[..., QuerySet]  # (user, params: QueryDict) -> the scoped, filtered queryset
    rows: Callable[[QuerySet], Iterator[Sequence]]
    widths: Sequence[int] | None = None


_exports: dict[str, Export] = {}


def register_export(export: Export) -> None:
    _exports[export.name] = export


def export_get(name: str) -> Export:
    return _exports[name]


def _filename(export: Export) -> str:
    return f"{export.filename}-{timezone.localdate():%Y%m%d}.xlsx"


def export_response(request, name: str):
    """The export link's answer: the workbook now when it is small, else a job and its progress page."""
    from .import_views import xlsx_response

    export = export_get(name)
    queryset = export.queryset(request.user, request.GET)
    total = queryset.count()
    if total <= settings.EXPORT_SYNC_MAX_ROWS:
        content = build_xlsx(
            title=export.title, headers=export.headers, rows=export.rows(queryset), widths=export.widths
        )
        return xlsx_response(content, _filename(export))
    job = export_job_create(owner=request.user, name=name, params=request.GET.urlencode(), total=total)
    return redirect("export-job", pk=job.pk)


# ---------------------------------------------------------------------------------------------------
# The job: a transition table, its one performing service, the run

S = ExportJob.Status

TRANSITIONS: dict[str, Transition] = {
    "start": Transition("开始生成", (S.QUEUED, S.RUNNING, S.FAILED), S.RUNNING, frozenset({SYSTEM})),
    "finish": Transition("完成", (S.RUNNING,), S.DONE, frozenset({SYSTEM})),
    "fail": Transition("标记失败", (S.RUNNING,), S.FAILED, frozenset({SYSTEM})),
}


@transaction.atomic
def export_job_create(*, owner, name: str, params: str, total: int) -> ExportJob:
    export = export_get(name)
    job = ExportJob.objects.create(
        owner=owner, kind=name, title=export.title, params=params, total=total, filename=_filename(export)
    )
    enqueue_on_commit("core.tasks.run_export_job", job.pk)
    return job


@transaction.atomic
def export_job_transition(*, job: ExportJob, action: str, acting_user=None, **changes) -> ExportJob:
    """Perform one action of TRANSITIONS: the one place that changes an export job's status. Only the
    worker (the system role) moves a job."""
    job = ExportJob.objects.select_for_update().get(pk=job.pk)
    transition = transition_check(
        TRANSITIONS,
        action,
        status=job.status,
        status_label=job.get_status_display(),
        roles={SYSTEM} if acting_user is None else set(),
        subject="导出任务",
    )
    for field, value in changes.items():
        setattr(job, field, value)
    job.status = transition.target
    job.save()
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Write the owner's export, as the list showed it when the job was made, to a temporary file
    (constant memory), then into storage; progress every thousand rows."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status == S.DONE:
        return job
    export = export_get(job.kind)
    job = export_job_transition(job=job, action="start", done=0, error="")

    def progress(n: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=n)

    try:
        queryset = export.queryset(job.owner, QueryDict(job.params))
        with tempfile.TemporaryFile(suffix=".xlsx") as handle:
            written = write_xlsx(
                handle,
                title=export.title,
                headers=export.headers,
                rows=export.rows(queryset),
                widths=export.widths,
                progress=progress,
            )
            handle.seek(0)
            job.file.save(f"export-{job.pk}.xlsx", File(handle), save=False)
        job = export_job_transition(job=job, action="finish", file=job.file.name, done=written, total=written)
    except Exception as exc:
        export_job_transition(job=job, action="fail", error=str(exc)[:2000])
        raise
    return job


# ---------------------------------------------------------------------------------------------------
# Access: the owner only


def export_jobs_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else ExportJob.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    return qs.filter(owner=user)


def export_job_files_visible_to(user) -> QuerySet:
    return export_jobs_visible_to(user).filter(status=S.DONE)


def export_job_get_for_user(*, user, pk: int) -> ExportJob:
    job = export_jobs_visible_to(user).filter(pk=pk).first()
    if job is None:
        raise Http404(gettext("导出任务不存在"))
    return job


# ---------------------------------------------------------------------------------------------------
# Pages


class ExportJobView(View):
    """The job's progress (the print job's script polls `?format=json`) and its download link."""

    def get(self, request, pk: int):
        job = export_job_get_for_user(user=request.user, pk=pk)
        ready = job.status == S.DONE and bool(job.file)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {
                    "status": job.status,
                    "percent": job.percent,
                    "done": job.done,
                    "total": job.total,
                    "download": reverse("export-job-download", args=[job.pk]) if ready else "",
                }
            )
        return render(request, "core/export_job.html", {"job": job, "ready": ready})


class ExportJobDownloadView(View):
    def get(self, request, pk: int):
        from .files import stored_file_response

        job = export_job_get_for_user(user=request.user, pk=pk)
        if not (job.status == S.DONE and job.file):
            raise Http404(gettext("导出文件尚未生成"))
        return stored_file_response(job.file, filename=job.filename or "export.xlsx")


def export_jobs_cleanup(*, now=None) -> int:
    """Remove export jobs (and their files) older than EXPORT_RETENTION_DAYS."""
    from datetime import timedelta

    now = now or timezone.now()
    old = ExportJob.objects.filter(created_at__lt=now - timedelta(days=settings.EXPORT_RETENTION_DAYS))
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
