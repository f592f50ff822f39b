"""Demo data, seeded app by app (`python manage.py seed_demo`). Each app registers its seeders here in
its AppConfig.ready(), with an order that follows the layers (units and people first, appraisals
last), so this kernel never imports the apps it seeds.

A seeder takes the shared `context` (what earlier seeders made: `context["users"]`, ...) and may add
to it; it returns a short Chinese summary line, or "" when there is nothing to say. Seeders are
idempotent: running the command twice creates nothing new.
"""

from collections.abc import Callable

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


@register(90)
def seed_reminders(context: dict) -> str:
    """Last: today's reminder scan over everything the apps seeded, delivered at once, so the bells and
    the reminder log show what the rules remind (one scan is enough: the rules catch up what is due)."""
    from .reminders import RetryLater, reminder_deliver, reminder_scan

    created, pending = reminder_scan()
    for reminder_id in pending:
        try:
            reminder_deliver(reminder_id=reminder_id)
        except RetryLater:
            pass  # the channel is recorded as failing; the worker retries it
    return f"提醒：新建 {created} 条" if created else ""
