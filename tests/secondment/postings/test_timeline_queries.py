"""The cadre's timeline reads every posting's history in one query (issue 18: it made one per posting)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadres.timeline import cadre_timeline
from secondment.services.postings import posting_create, posting_transition


def _timeline_queries(cadre, user) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as ctx:
        events = cadre_timeline(cadre=cadre, user=user)
    return len(ctx.captured_queries), events


def test_cadre_timeline_queries_do_not_grow_with_postings(on_post_world):
    w = on_post_world
    one, events = _timeline_queries(w.cadre_a, w.org_county_a)
    assert any(e.title.startswith("确认到岗") for e in events)
    posting_transition(posting=w.posting, action="terminate", acting_user=w.org_county_a, reason="身体原因")
    second = posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=date(2026, 12, 1),
        acting_user=w.org_county_a,
    )
    posting_transition(posting=second, action="terminate", acting_user=w.org_county_a, reason="岗位调整")
    two, events = _timeline_queries(w.cadre_a, w.org_county_a)
    assert two == one
    assert sum(e.title.startswith("终止挂职") for e in events) == 2  # both postings' history is there
