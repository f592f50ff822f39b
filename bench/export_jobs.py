"""Benchmark: the export jobs at a province's size (run on seed_scale's database).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gzt_scale python bench/export_jobs.py [--user admin]
        [--kinds cadres postings]

For each export, makes an ExportJob for the user (a superuser sees everything: the whole province) as
the export link would, runs it as the worker does (core.exports.export_job_run: the list's queryset,
openpyxl write-only to a temporary file, saved to storage) and prints rows, time, queries and the
process's peak RSS. The jobs and their files are deleted afterwards.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import QueryDict  # noqa: E402

from accounts.models import User  # noqa: E402
from core.exports import export_get, export_job_create, export_job_run  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="admin")
    parser.add_argument("--kinds", nargs="+", default=["cadres", "postings", "reports"])
    args = parser.parse_args()
    settings.DEBUG = True  # connection.queries counts the queries
    user = User.objects.get(username=args.user)
    for kind in args.kinds:
        total = export_get(kind).queryset(user, QueryDict("")).count()
        job = export_job_create(owner=user, name=kind, params="", total=total)
        before = rss_mb()
        reset_queries()
        started = time.perf_counter()
        job = export_job_run(job_id=job.pk)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = job.file.size / 1024 / 1024
        print(
            f"{kind}: {job.done} rows, {seconds:.1f} s, {len(connection.queries)} queries, file {size:.1f} MB, "
            f"RSS before {before:.0f} MB, peak RSS {peak:.0f} MB"
        )
        job.file.delete(save=False)
        job.delete()


if __name__ == "__main__":
    main()
