"""What the work reports do when something happens below them (core.events)."""

from core import events

from .services import report_schedule_stop, report_schedule_sync


@events.subscribe("posting.transitioned")
def replan_reports(*, posting, action: str, **_event) -> None:
    """The report schedule follows the term's dates: it starts at arrival and re-plans on extension or
    shortening (never losing a written report)."""
    if action in ("confirm_arrival", "extend", "shorten"):
        report_schedule_sync(posting=posting)


@events.subscribe("posting.transitioned")
def stop_reports_when_closed(*, posting, action: str, **_event) -> None:
    """A terminated or completed posting owes no more reports, so its cadre is not reminded about them
    (rule 11): they are kept and marked not required."""
    if action == "terminate":
        report_schedule_stop(posting=posting, reason="挂职终止")
    elif action == "complete":
        report_schedule_stop(posting=posting, reason="挂职已结束")
