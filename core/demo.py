"""Demo data, seeded app by app (`python manage.py seed_demo`). Each app registers its seeders here in
its AppConfig.ready(), with an order that follows the layers (units and people first, appraisals
last), so this kernel never imports the apps it seeds.

A seeder takes the shared `context` (what earlier seeders made: `context["users"]`, ...) and may add
to it; it returns a short Chinese summary line, or "" when there is nothing to say. Seeders are
idempotent: running the command twice creates nothing new.
"""

import calendar
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.utils import timezone

Seeder = Callable[[dict], str]
_seeders: list[tuple[int, str, Seeder]] = []


def register(order: int) -> Callable[[Seeder], Seeder]:
    def add(seeder: Seeder) -> Seeder:
        name = f"{seeder.__module__}.{seeder.__qualname__}"
        if all(existing != name for _order, existing, _fn in _seeders):
            _seeders.append((order, name, seeder))
        return seeder

    return add


def seed_all() -> tuple[dict, list[str]]:
    """Run every registered seeder in order; the caller holds the transaction."""
    context: dict = {}
    lines = []
    for _order, _name, seeder in sorted(_seeders, key=lambda item: (item[0], item[1])):
        line = seeder(context)
        if line:
            lines.append(line)
    return context, lines


# The demo's story is written as it stood on the first of this month; `story_date` moves it by whole
# months to the current month, so the demo stays alive (batches open, arrivals waiting, reports due)
# whatever the date it is seeded on.
STORY_MONTH = date(2026, 12, 1)
_real_now = timezone.now  # taken before any `clock` replaces it


def real_today() -> date:
    return timezone.localtime(_real_now()).date()


def months_since_story(today: date | None = None) -> int:
    today = today or real_today()
    return (today.year - STORY_MONTH.year) * 12 + today.month - STORY_MONTH.month


def story_date(year: int, month: int, day: int, *, today: date | None = None) -> date:
    """A date of the story (written for December 2026), moved by whole months to today's month; the day
    of the month is kept (clamped to the month's last day)."""
    index = year * 12 + month - 1 + months_since_story(today)
    y, m = divmod(index, 12)
    return date(y, m + 1, min(day, calendar.monthrange(y, m + 1)[1]))


def story_year(year: int) -> int:
    """A year of the story (a batch's year, a batch name's 2026年) moved like `story_date`."""
    return story_date(year, 6, 1).year


@contextmanager
def clock(day: date, at: time = time(10, 0)) -> Iterator[None]:
    """Demo only: the services called inside run as if on `day` (django.utils.timezone.now and
    localdate answer that day), so every history entry, audit row and submission time they write is
    stamped when the event happens in the story, and their date checks see that day. Never later than
    the real now; nested clocks restore the outer one."""
    from django.utils import timezone as tz

    outer = tz.now
    moment = min(tz.make_aware(datetime.combine(day, at)), _real_now())
    tz.now = lambda: moment
    try:
        yield
    finally:
        tz.now = outer


@register(90)
def seed_reminders(context: dict) -> str:
    """Last: today's reminder scan over everything the apps seeded, delivered at once, so the bells and
    the reminder log show what the rules remind (one scan is enough: the rules catch up what is due)."""
    from .reminders import RetryLater, reminder_deliver, reminder_scan

    created, pending = reminder_scan()
    try:
        reminder_deliver(reminder_ids=pending)  # in one batch, as the worker delivers them
    except RetryLater:
        pass  # a failing channel is recorded as such; the worker retries it
    return f"提醒：新建 {created} 条" if created else ""
