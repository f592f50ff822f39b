"""Benchmark: a batch print (documents.services.print_job_run) at a province's size, on seed_scale's data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gzt_scale python bench/print_batch.py [--forms 300]

Picks a batch with at least `--forms` appraisals, limits the job to the first `--forms` of them (the
appraisals beyond are left out for the run: their postings are moved to a scratch batch inside a
transaction that is rolled back), runs the job as the worker does and prints time, queries (and per
form), the zip's size and the process's peak RSS (the worker's limit: 500 MB).
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
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from accounts.models import User  # noqa: E402
from assessments.models import Appraisal  # noqa: E402
from documents.models import PrintJob  # noqa: E402
from documents.services import print_job_run  # noqa: E402
from secondment.models import Batch, Posting  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=300)
    args = parser.parse_args()
    settings.DEBUG = True
    owner = User.objects.filter(is_superuser=True).first()
    batch = Batch.objects.annotate(n=Count("postings__appraisals")).filter(n__gte=args.forms).order_by("n").first()
    keep = list(
        Appraisal.objects.filter(posting__batch=batch, correction__isnull=True)
        .order_by("posting__cadre__name", "pk")
        .values_list("posting_id", flat=True)[: args.forms]
    )
    try:
        with transaction.atomic():
            scratch = Batch.objects.create(
                name="bench scratch",
                kind=batch.kind,
                year=batch.year,
                organizer=batch.organizer,
                planned_start=batch.planned_start,
                nomination_deadline=batch.nomination_deadline,
            )
            Posting.objects.filter(batch=batch).exclude(pk__in=keep).update(batch=scratch)
            forms = Appraisal.objects.filter(posting__batch=batch, correction__isnull=True).count()
            job = PrintJob.objects.create(owner=owner, batch=batch, total=forms)
            reset_queries()
            started = time.perf_counter()
            job = print_job_run(job_id=job.pk)
            seconds = time.perf_counter() - started
            queries = len(connection.queries)
            size = job.file.size / 1024 / 1024
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"batch {batch.pk}: {job.done} forms, {seconds:.1f} s ({seconds / max(job.done, 1):.2f} s/form), "
                f"{queries} queries ({queries / max(job.done, 1):.1f} per form), zip {size:.1f} MB, "
                f"peak RSS {peak:.0f} MB"
            )
            job.file.delete(save=False)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
