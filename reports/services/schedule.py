"""The report schedule (汇报计划) of a posting, derived from its dates and the active cycles: re-planned
whenever the posting's dates change; filed reports are never lost."""

from datetime import date, timedelta

from django.db import transaction

from secondment.dates import add_months
from secondment.models import Posting

from ..models import ReportCycle, WorkReport

# A clipped first or last period shorter than this joins its neighbour: a cadre who arrives on
# 25 March does not write a quarterly report about one week.
MIN_PERIOD_DAYS = 15
SCHEDULED_STATUSES = (Posting.Status.ON_POST, Posting.Status.TERM_ENDED, Posting.Status.COMPLETED)


def report_periods(*, start: date, end: date, months: int) -> list[tuple[date, date]]:
    """Calendar periods of `months` (1, 3 or 6: months, quarters, half years) covering [start, end],
    clipped to the term; a clipped end period shorter than MIN_PERIOD_DAYS joins its neighbour."""
    first_month = (start.month - 1) // months * months + 1
    cursor = date(start.year, first_month, 1)
    periods = []
    while cursor <= end:
        following = add_months(cursor, months)
        periods.append((max(cursor, start), min(following - timedelta(days=1), end)))
        cursor = following
    if len(periods) > 1 and (periods[0][1] - periods[0][0]).days + 1 < MIN_PERIOD_DAYS:
        periods[1] = (periods[0][0], periods[1][1])
        periods.pop(0)
    if len(periods) > 1 and (periods[-1][1] - periods[-1][0]).days + 1 < MIN_PERIOD_DAYS:
        periods[-2] = (periods[-2][0], periods[-1][1])
        periods.pop()
    return periods


def cycles_for(posting: Posting) -> list[ReportCycle]:
    path = posting.receiving_unit.path
    return [
        c
        for c in ReportCycle.objects.filter(is_active=True).select_related("jurisdiction")
        if c.jurisdiction is None or path.startswith(c.jurisdiction.path)
    ]


@transaction.atomic
def report_schedule_sync(*, posting: Posting) -> dict[str, int]:
    """Make the posting's reports match its current dates. Filed reports are never lost: one that
    falls outside a shortened term is kept and marked as no longer required."""
    counts = {"created": 0, "updated": 0, "removed": 0, "kept": 0}
    if posting.status not in SCHEDULED_STATUSES:
        return counts
    existing = {(r.cycle_id, r.period_start): r for r in posting.reports.select_for_update()}
    wanted = set()
    for cycle in cycles_for(posting):
        for start, end in report_periods(start=posting.start_date, end=posting.end_date, months=cycle.period_months):
            wanted.add((cycle.pk, start))
            due = end + timedelta(days=cycle.due_days)
            report = existing.get((cycle.pk, start))
            if report is None:
                WorkReport.objects.create(
                    posting=posting, cycle=cycle, period_start=start, period_end=end, due_date=due
                )
                counts["created"] += 1
            elif (report.period_end, report.due_date, report.out_of_term) != (end, due, False):
                report.period_end, report.due_date, report.out_of_term = end, due, False
                report.not_required_reason = ""
                report.save(
                    update_fields=["period_end", "due_date", "out_of_term", "not_required_reason", "updated_at"]
                )
                counts["updated"] += 1
    for key, report in existing.items():
        if key in wanted:
            continue
        untouched = report.status == WorkReport.Status.DRAFT and report.version == 0
        if untouched:
            report.delete()
            counts["removed"] += 1
        elif not report.out_of_term:
            report.out_of_term, report.not_required_reason = True, "挂职缩短"
            report.save(update_fields=["out_of_term", "not_required_reason", "updated_at"])
            counts["kept"] += 1
    return counts


@transaction.atomic
def report_schedule_stop(*, posting: Posting, reason: str) -> int:
    """A terminated or completed posting (终止挂职, 已结束) owes no more reports: every report not yet
    submitted is kept, written or not, and marked no longer required with the reason, so no reminder,
    calendar entry, to-do or overdue count follows it. Submitted reports stay as they are, with their
    review. Returns how many were marked."""
    marked = 0
    for report in posting.reports.select_for_update().filter(first_submitted_at__isnull=True, out_of_term=False):
        report.out_of_term, report.not_required_reason = True, reason
        report.save(update_fields=["out_of_term", "not_required_reason", "updated_at"])
        marked += 1
    return marked
