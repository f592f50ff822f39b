"""core.events: lower apps announce, upper apps subscribe; receivers that do I/O run after commit."""

import pytest
from django.db import transaction

from core import events


def test_the_apps_above_listen_to_what_the_apps_below_announce():
    posting = {f"{r.__module__}.{r.__name__}" for r in events.receivers_of("posting.transitioned")}
    assert {
        "reports.receivers.replan_reports",
        "assessments.receivers.open_appraisal_at_term_end",
        "assessments.receivers.close_appraisal_when_terminated",
    } <= posting
    finalized = {f"{r.__module__}.{r.__name__}" for r in events.receivers_of("appraisal.finalized")}
    assert finalized == {"documents.receivers.archive_finalized_appraisal"}


@pytest.mark.django_db
def test_receivers_run_at_once_or_after_commit_and_not_at_all_after_a_rollback(django_capture_on_commit_callbacks):
    heard: list[str] = []

    @events.subscribe("test.happened")
    def at_once(**payload):
        heard.append(f"now:{payload['n']}")

    @events.subscribe("test.happened", after_commit=True)
    def later(**payload):
        heard.append(f"after:{payload['n']}")

    try:
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                events.publish("test.happened", n=1)
                assert heard == ["now:1"]  # the after-commit receiver waits for the commit
            with pytest.raises(RuntimeError), transaction.atomic():
                events.publish("test.happened", n=2)
                raise RuntimeError
        assert heard == ["now:1", "now:2", "after:1"]  # rolled back: the I/O receiver of n=2 never ran
    finally:
        events._receivers.pop("test.happened", None)
