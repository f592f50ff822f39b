"""Leave routed by length and rank (rules as data), attendance, absence (rule 6), inspections and
rectification (rule 7), the work log; scope and query counts of the tabs."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadres.models import Rank
from secondment.models import LeaveRule
from secondment.services import conduct, leave
from secondment.services.postings import posting_transition
from tests.factories import make_user


def _ask(w, days, start=date(2026, 4, 1)):
    return leave.leave_request_create(
        posting=w.posting,
        kind="personal",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        reason="家中有事",
        acting_user=w.cadre_user,
    )


@pytest.mark.parametrize(
    ("days", "approver"),
    [(1, "receiving_unit"), (3, "receiving_unit"), (4, "county_org"), (7, "county_org"), (8, "city_org")],
)
def test_default_leave_routing_by_length(reminder_world, days, approver):
    assert leave.leave_approver_for(posting=reminder_world.posting, days=days) == approver


def test_jurisdiction_rules_are_data_with_a_rank_floor(reminder_world):
    w = reminder_world
    LeaveRule.objects.create(jurisdiction=w.county_a, max_days=5, approver="receiving_unit", order=1)
    LeaveRule.objects.create(
        jurisdiction=w.county_a, max_days=None, min_rank=Rank.objects.get(name="副处级"), approver="city_org", order=2
    )
    LeaveRule.objects.create(jurisdiction=w.county_a, max_days=None, approver="county_org", order=3)
    assert leave.leave_approver_for(posting=w.posting, days=5) == "receiving_unit"
    assert leave.leave_approver_for(posting=w.posting, days=6) == "county_org"  # cadre has no rank
    w.cadre_a.rank = Rank.objects.get(name="正处级")
    assert leave.leave_approver_for(posting=w.posting, days=6, cadre=w.cadre_a) == "city_org"


def test_who_decides_by_approver_level(reminder_world):
    w = reminder_world
    short = _ask(w, 2)
    five = _ask(w, 5, start=date(2026, 5, 1))
    ten = _ask(w, 10, start=date(2026, 6, 1))
    with pytest.raises(PermissionDenied):
        leave.leave_request_decide(leave=five, approve=True, note="", acting_user=w.receive_a)
    assert (
        leave.leave_request_decide(leave=short, approve=True, note="同意", acting_user=w.receive_a).status == "approved"
    )
    assert (
        leave.leave_request_decide(leave=five, approve=True, note="", acting_user=w.org_county_a).status == "approved"
    )
    with pytest.raises(PermissionDenied):
        leave.leave_request_decide(leave=ten, approve=True, note="", acting_user=w.org_county_a)
    other_county = make_user(roles=[("org_staff", w.county_b)])
    with pytest.raises(PermissionDenied):
        leave.leave_request_decide(leave=five, approve=True, note="", acting_user=other_county)
    assert (
        leave.leave_request_decide(leave=ten, approve=False, note="工作关键期", acting_user=w.org_city).status
        == "rejected"
    )
    totals = leave.leave_totals(w.posting)
    assert totals["total"] == 7 and totals["by_kind"] == [("事假", 7)]
    assert list(leave.leave_requests_awaiting(w.receive_a)) == []


def test_overlapping_leave_is_refused(reminder_world):
    w = reminder_world
    _ask(w, 3)
    with pytest.raises(ValidationError, match="请假时间重叠"):
        _ask(w, 2, start=date(2026, 4, 3))


def test_only_the_cadre_asks_for_leave(reminder_world):
    with pytest.raises(PermissionDenied):
        leave.leave_request_create(
            posting=reminder_world.posting,
            kind="sick",
            start_date=date(2026, 4, 1),
            end_date=date(2026, 4, 1),
            reason="x",
            acting_user=reminder_world.receive_a,
        )


def test_attendance_one_per_month_updated(reminder_world):
    w = reminder_world
    leave.attendance_record_set(posting=w.posting, month=date(2026, 4, 15), days_present=20, acting_user=w.receive_a)
    leave.attendance_record_set(posting=w.posting, month=date(2026, 4, 1), days_present=21, acting_user=w.receive_a)
    assert [(a.month, a.days_present) for a in w.posting.attendance.all()] == [(date(2026, 4, 1), 21)]
    with pytest.raises(ValidationError, match="只有30天"):
        leave.attendance_record_set(posting=w.posting, month=date(2026, 4, 1), days_present=31, acting_user=w.receive_a)
    with pytest.raises(PermissionDenied):
        leave.attendance_record_set(posting=w.posting, month=date(2026, 4, 1), days_present=1, acting_user=w.dispatch_a)


@override_settings(LONG_ABSENCE_DAYS=5)
def test_rule_6_long_absence_is_flagged_at_the_threshold_and_may_lead_to_termination(client, reminder_world):
    w = reminder_world
    leave.absence_record_add(
        posting=w.posting, start_date=date(2026, 6, 1), end_date=date(2026, 6, 4), notes="离岗", acting_user=w.receive_a
    )
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-detail", args=[w.posting.pk])
    assert 'data-flag="long_absence"' not in client.get(url).content.decode()
    leave.absence_record_add(
        posting=w.posting, start_date=date(2026, 6, 10), end_date=date(2026, 6, 10), notes="", acting_user=w.receive_a
    )
    assert "长期未经批准离岗（5天）" in client.get(url).content.decode()
    assert [p.pk for p in client.get(reverse("secondment:posting-list"), {"flag": "long_absence"}).context["page"]] == [
        w.posting.pk
    ]
    p = posting_transition(
        posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期未经批准离岗"
    )
    assert p.status == "terminated" and p.history.get(action="terminate").data["grounds"] == "absence"


def test_rule_7_rectification_overdue_is_flagged_the_day_after(client, reminder_world):
    from secondment.filters import rectification_overdue
    from secondment.models import Posting

    w = reminder_world
    with pytest.raises(PermissionDenied):
        conduct.inspection_record(
            posting=w.posting, date=date(2026, 5, 1), method="spot", findings="x", acting_user=w.receive_a
        )
    with pytest.raises(ValidationError, match="晚于督查日期"):
        conduct.inspection_record(
            posting=w.posting,
            date=date(2026, 5, 1),
            method="spot",
            findings="x",
            rectification_required=True,
            rectification_deadline=date(2026, 5, 1),
            acting_user=w.org_county_a,
        )
    item = conduct.inspection_record(
        posting=w.posting,
        date=date(2026, 5, 1),
        method="visit",
        findings="台账不全",
        reminder_talk=True,
        reminder_talk_notes="已提醒",
        rectification_required=True,
        rectification_deadline=date(2026, 5, 20),
        acting_user=w.org_county_a,
    )
    qs = Posting.objects.filter(pk=w.posting.pk)
    assert not rectification_overdue(qs, date(2026, 5, 20)).exists()
    assert rectification_overdue(qs, date(2026, 5, 21)).exists()
    conduct.inspection_record_rectification(
        inspection=item, rectified_at=date(2026, 5, 22), notes="已补齐", acting_user=w.cadre_user
    )
    assert not rectification_overdue(qs, date(2026, 5, 23)).exists()
    with pytest.raises(ValidationError, match="已经填报"):
        conduct.inspection_record_rectification(
            inspection=item, rectified_at=date(2026, 5, 22), notes="x", acting_user=w.cadre_user
        )


def test_county_org_staff_of_the_territory_may_inspect(reminder_world):
    w = reminder_world
    assert conduct.may_inspect(w.org_city, w.posting)
    assert not conduct.may_inspect(make_user(roles=[("org_staff", w.county_b)]), w.posting)


def test_work_log_only_by_the_cadre_within_the_term(reminder_world):
    w = reminder_world
    today = timezone.localdate()
    entry = conduct.work_log_add(
        posting=w.posting, date=today, content="走访5户", place="柳溪村", acting_user=w.cadre_user
    )
    assert entry.content == "走访5户"
    with pytest.raises(PermissionDenied):
        conduct.work_log_add(posting=w.posting, date=today, content="代写", acting_user=w.receive_a)
    with pytest.raises(ValidationError, match="未来日期"):
        conduct.work_log_add(posting=w.posting, date=today + timedelta(days=1), content="x", acting_user=w.cadre_user)
    with pytest.raises(ValidationError, match="挂职期间内"):
        conduct.work_log_add(posting=w.posting, date=date(2026, 1, 1), content="x", acting_user=w.cadre_user)


def test_tabs_are_scoped_and_readable_by_the_parties(client, reminder_world):
    w = reminder_world
    conduct.work_log_add(posting=w.posting, date=timezone.localdate(), content="日志内容", acting_user=w.cadre_user)
    other_cadre = make_user(cadre=w.cadre_b)
    for name in ("secondment:posting-leave", "secondment:posting-inspections", "secondment:posting-worklog"):
        url = reverse(name, args=[w.posting.pk])
        for user in (w.receive_a, w.org_county_a, w.dispatch_a, w.cadre_user):
            client.force_login(user)
            assert client.get(url).status_code == 200
        client.force_login(other_cadre)
        assert client.get(url).status_code == 404
    client.force_login(w.receive_a)
    assert "日志内容" in client.get(reverse("secondment:posting-worklog", args=[w.posting.pk])).content.decode()


def test_leave_through_the_page(client, reminder_world):
    w = reminder_world
    client.force_login(w.cadre_user)
    url = reverse("secondment:posting-leave", args=[w.posting.pk])
    client.post(
        url, {"what": "leave", "kind": "sick", "start_date": "2026-04-01", "end_date": "2026-04-02", "reason": "感冒"}
    )
    item = w.posting.leave_requests.get()
    client.force_login(w.receive_a)
    assert "approve" in client.get(url).context["requests"][0][1]  # the receiving unit may decide it
    client.post(url, {"what": "decide", "leave": item.pk, "approve": "1", "note": "同意"})
    item.refresh_from_db()
    assert (item.status, item.decided_by) == ("approved", w.receive_a)


def test_leave_tab_query_count_is_flat(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-leave", args=[w.posting.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    _ask(w, 1)
    one = count()
    for i in range(10):
        _ask(w, 1, start=date(2026, 5, 1) + timedelta(days=2 * i))
    assert count() == one
