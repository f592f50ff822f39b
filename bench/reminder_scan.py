"""Benchmark: a month start's reminder scan and its deliveries, on bulk data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gzt_bench python bench/reminder_scan.py \
        [--reminders 17000] [--per-reminder-sample 500]

Uses the configured database (migrated on the fly). Creates users (half with email reminders on), adds a
scan rule yielding `--reminders` candidates, runs the scan and delivers every pending reminder the way
the worker does (batches of core.reminders.DELIVERY_BATCH), with the locmem mail backend. Then, for
comparison, delivers a sample one reminder per call (the old fan-out: one task per reminder) and
extrapolates. Everything is rolled back at the end. Prints time, queries and peak RSS.
"""

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from core import reminders as core_reminders  # noqa: E402
from core.models import Delivery, Notification  # noqa: E402
from core.reminders import DELIVERY_BATCH, Candidate, reminder_deliver, reminder_scan  # noqa: E402


class Rollback(Exception):
    pass


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, fn):
    # queries counted by an execute wrapper, not DEBUG: DEBUG formats every statement's SQL with its
    # parameters for connection.queries, seconds of work on 20,000-row inserts that production never does
    count = [0]

    def counting(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(counting):
        result = fn()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {count[0]} queries, peak RSS {peak_mb():.0f} MB")
    return result, seconds, count[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reminders", type=int, default=17000)
    parser.add_argument("--users", type=int, default=4000)
    parser.add_argument("--per-reminder-sample", type=int, default=500)
    parser.add_argument("--date", help="run the real rules for this day (YYYY-MM-DD) on the data as it is")
    parser.add_argument("--rules", action="store_true", help="with --date: first each rule alone (time, queries)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if args.date:
        if args.rules:
            each_rule(date.fromisoformat(args.date))
        return real_scan(date.fromisoformat(args.date), args.per_reminder_sample)
    try:
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(username=f"bench_rem_{i}", email=f"u{i}@example.gov.cn" if i % 2 else "", is_active=True)
                    for i in range(args.users)
                ],
                batch_size=1000,
            )
            tag = f"bench:{time.time_ns()}"

            def month_start(today):
                return [
                    Candidate(
                        key=f"{tag}:{i}",
                        recipient_id=users[i % len(users)].pk,
                        kind="report_due",
                        title=f"基准提醒{i}",
                        body="请按时提交工作汇报",
                        url="/reports/",
                    )
                    for i in range(args.reminders)
                ]

            core_reminders.RULES.append(month_start)
            (created, pending), scan_s, scan_q = timed("scan", lambda: reminder_scan())
            core_reminders.RULES.remove(month_start)
            sample = pending[: args.per_reminder_sample]
            rest = pending[len(sample) :]

            def batched():
                for start in range(0, len(rest), DELIVERY_BATCH):
                    with transaction.atomic():
                        reminder_deliver(reminder_ids=rest[start : start + DELIVERY_BATCH])

            _, batch_s, batch_q = timed(f"deliver {len(rest)} in batches of {DELIVERY_BATCH}", batched)

            def one_by_one():
                for pk in sample:
                    with transaction.atomic():
                        reminder_deliver(reminder_id=pk)

            _, one_s, one_q = timed(f"deliver {len(sample)} one per call (the old fan-out)", one_by_one)
            assert Notification.objects.filter(reminder__key__startswith=tag).count() == len(pending)
            assert not Delivery.objects.filter(reminder__key__startswith=tag, status="pending").exists()
            total = len(pending)
            print(
                f"reminders={created} scan+batched deliveries: {scan_s + batch_s * total / max(len(rest), 1):.1f} s,"
                f" {scan_q + round(batch_q * total / max(len(rest), 1))} queries;"
                f" one per reminder would take {scan_s + one_s * total / max(len(sample), 1):.0f} s,"
                f" {scan_q + round(one_q * total / max(len(sample), 1))} queries (extrapolated from {len(sample)})"
            )
            raise Rollback
    except Rollback:
        pass


def each_rule(day) -> None:
    """Each registered rule alone: its candidates, time and queries (which rule is slow)."""
    for fn in core_reminders.RULES:
        found, *_ = timed(f"  {fn.__module__}.{fn.__name__}", lambda fn=fn: list(fn(day)))
        print(f"    {len(found)} candidates")


def real_scan(day, sample_size: int) -> None:
    """The month start as the worker runs it: the app's rules on seed_scale's data (rolled back)."""
    try:
        with transaction.atomic():
            (created, pending), scan_s, _scan_q = timed(f"scan {day}", lambda: reminder_scan(today=day))
            sample, rest = pending[:sample_size], pending[sample_size:]

            def batched():
                for start in range(0, len(rest), DELIVERY_BATCH):
                    with transaction.atomic():
                        reminder_deliver(reminder_ids=rest[start : start + DELIVERY_BATCH])

            _, batch_s, _batch_q = timed(f"deliver {len(rest)} in batches of {DELIVERY_BATCH}", batched)

            def one_by_one():
                for pk in sample:
                    with transaction.atomic():
                        reminder_deliver(reminder_id=pk)

            _, _one_s, _one_q = timed(f"deliver {len(sample)} one per call (the old fan-out)", one_by_one)
            print(f"reminders={created} pending={len(pending)} scan+batched: {scan_s + batch_s:.1f} s (+ sample)")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
