"""Date arithmetic of terms."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, months: int) -> date:
    """The last day of a term of `months` starting on `start` (a year from 2026-03-01 ends 2027-02-28)."""
    return add_months(start, months) - timedelta(days=1)
