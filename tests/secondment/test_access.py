"""What each role may do on batches, nominations, postings, leave and conduct (secondment.access), and
that the pages show exactly those buttons: a button shown to one role is absent for another, and a POST
for an action outside the user's set is refused (403), a record out of scope is not found (404)."""

from datetime import date

import pytest
from django.urls import reverse

from secondment import access
from secondment.services import leave as leave_services
from secondment.services import nominations as nomination_services
from secondment.services.postings import extension_request_consent
from tests.factories import make_user
from tests.factories.extensions import extension_requested, graded_annual

ROLES = ("org_city", "org_county_a", "dispatch_a", "receive_a", "cadre_user")


def _nominate(w):
    return nomination_services.nomination_create(
        batch=w.batch, cadre=w.cadre_a, method="org", reason="表现突出", acting_user=w.dispatch_a
    )


def _actions_by_role(w, actions_of) -> dict[str, set[str]]:
    return {role: actions_of(getattr(w, role)) for role in ROLES}


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the *_actions functions, per role ------------------------------------------------------------


def test_batch_actions_per_role(batch_world):
    w = batch_world
    organizer = {"manage", "close", "create_postings", "nominate"}  # the city's jurisdiction holds county A
    assert _actions_by_role(w, lambda u: access.batch_actions(u, w.batch)) == {
        "org_city": organizer,
        "org_county_a": organizer,
        "dispatch_a": {"nominate"},
        "receive_a": set(),
        "cadre_user": set(),
    }
    assert _actions_by_role(w, access.batch_list_actions) == {
        "org_city": {"create"},
        "org_county_a": {"create"},
        "dispatch_a": set(),
        "receive_a": set(),
        "cadre_user": set(),
    }


def test_batch_actions_follow_the_status(batch_world):
    from secondment.services.batches import batch_set_status

    w = batch_world
    batch_set_status(batch=w.batch, status="closed", acting_user=w.org_county_a)
    w.batch.refresh_from_db()
    assert access.batch_actions(w.org_county_a, w.batch) == {"manage", "open", "decide", "create_postings"}
    assert access.batch_actions(w.dispatch_a, w.batch) == set()  # nominating is over


def test_nomination_actions_per_role(batch_world):
    w = batch_world
    nomination = _nominate(w)
    organizer = {"scores", "inspection", "decide", "withdraw", "registration"}
    assert _actions_by_role(w, lambda u: access.nomination_actions(u, nomination)) == {
        "org_city": organizer,
        "org_county_a": organizer,
        "dispatch_a": {"withdraw", "registration"},
        "receive_a": {"registration"},  # (not visible to them before selection: the page is a 404)
        "cadre_user": {"registration"},
    }
    nomination = nomination_services.nomination_withdraw(nomination=nomination, reason="因病", acting_user=w.dispatch_a)
    assert access.nomination_actions(w.org_county_a, nomination) == {"registration"}


def test_posting_actions_per_role(posting_world):
    w = posting_world  # planned
    organizer = {"appoint", "terminate", "plan", "decide_extension"}
    assert _actions_by_role(w, lambda u: access.posting_actions(u, w.posting)) == {
        "org_city": organizer,
        "org_county_a": organizer,
        "dispatch_a": {"consent_extension"},
        "receive_a": {"plan"},
        "cadre_user": set(),
    }


def test_posting_actions_on_post(reminder_world):
    w = reminder_world  # on post, not yet filed
    unit_side = {"plan", "file", "request_extension"}
    organizer = unit_side | {"extend", "shorten", "end_term", "terminate", "decide_extension"}
    assert _actions_by_role(w, lambda u: access.posting_actions(u, w.posting)) == {
        "org_city": organizer,
        "org_county_a": organizer,
        "dispatch_a": {"consent_extension"},
        "receive_a": unit_side,
        "cadre_user": set(),
    }


def test_posting_conduct_actions_per_role(reminder_world):
    w = reminder_world
    org = {"record_attendance", "rectify", "inspect"}
    assert _actions_by_role(w, lambda u: access.posting_conduct_actions(u, w.posting)) == {
        "org_city": org,
        "org_county_a": org,
        "dispatch_a": set(),
        "receive_a": {"record_attendance", "rectify"},
        "cadre_user": {"request_leave", "log_work", "rectify"},
    }


def test_conduct_actions_follow_the_status(posting_world):
    w = posting_world  # planned: no leave and no work log yet
    assert access.posting_conduct_actions(w.cadre_user, w.posting) == {"rectify"}


def test_leave_actions_per_role(reminder_world):
    w = reminder_world
    one_day = leave_services.leave_request_create(
        posting=w.posting,
        kind="personal",
        start_date=date(2026, 4, 1),
        end_date=date(2026, 4, 1),
        reason="家中有事",
        acting_user=w.cadre_user,
    )
    assert _actions_by_role(w, lambda u: access.leave_actions(u, one_day)) == {
        "org_city": set(),  # three days or fewer: the receiving unit approves
        "org_county_a": set(),
        "dispatch_a": set(),
        "receive_a": {"approve", "reject"},
        "cadre_user": {"cancel"},
    }
    leave_services.leave_request_cancel(leave=one_day, acting_user=w.cadre_user)
    one_day.refresh_from_db()
    assert access.leave_actions(w.cadre_user, one_day) == set()


def test_extension_request_actions_per_role(reminder_world):
    w = reminder_world
    graded_annual(w.posting, 2026, receive=w.receive_a, dispatch=w.dispatch_a, org=w.org_county_a)
    request = extension_requested(w.posting, date(2027, 9, 1), receive=w.receive_a)
    # first the dispatching contact's own step; the org department may only refuse meanwhile
    assert _actions_by_role(w, lambda u: access.extension_request_actions(u, request)) == {
        "org_city": {"reject"},
        "org_county_a": {"reject"},
        "dispatch_a": {"consent", "refuse_consent"},
        "receive_a": set(),
        "cadre_user": set(),
    }
    request = extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)
    assert _actions_by_role(w, lambda u: access.extension_request_actions(u, request)) == {
        "org_city": {"approve", "reject"},
        "org_county_a": {"approve", "reject"},
        "dispatch_a": set(),
        "receive_a": set(),
        "cadre_user": set(),
    }


# --- the pages show what the sets say ---------------------------------------------------------------


def test_batch_list_create_button(client, batch_world):
    w = batch_world
    url = reverse("secondment:batch-list")
    create = reverse("secondment:batch-create")
    assert create in _page(client, w.org_county_a, url)
    assert create not in _page(client, w.dispatch_a, url)


def test_batch_detail_buttons(client, batch_world):
    w = batch_world
    url = reverse("secondment:batch-detail", args=[w.batch.pk])
    edit, nominate = (
        reverse("secondment:batch-edit", args=[w.batch.pk]),
        reverse("secondment:nominate", args=[w.batch.pk]),
    )
    organizer, dispatch, receive = (_page(client, u, url) for u in (w.org_county_a, w.dispatch_a, w.receive_a))
    assert edit in organizer and edit not in dispatch
    assert nominate in dispatch and nominate not in receive
    client.force_login(w.dispatch_a)
    assert client.get(edit).status_code == 403


def test_nomination_detail_buttons(client, batch_world):
    w = batch_world
    nomination = _nominate(w)
    url = reverse("secondment:nomination-detail", args=[nomination.pk])
    scores = reverse("secondment:nomination-scores", args=[nomination.pk])
    withdraw = reverse("secondment:nomination-withdraw", args=[nomination.pk])
    organizer, dispatch, cadre = (_page(client, u, url) for u in (w.org_county_a, w.dispatch_a, w.cadre_user))
    assert scores in organizer and scores not in dispatch
    assert withdraw in dispatch and withdraw not in cadre
    client.force_login(w.dispatch_a)
    assert client.post(scores, {"written_score": "90"}).status_code == 403
    client.force_login(w.receive_a)  # not selected yet: out of their scope
    assert client.get(url).status_code == 404


def test_posting_detail_buttons(client, posting_world):
    w = posting_world
    url = reverse("secondment:posting-detail", args=[w.posting.pk])
    plan = reverse("secondment:posting-plan", args=[w.posting.pk])
    appoint = reverse("secondment:posting-transition", args=[w.posting.pk, "appoint"])
    organizer, receive, dispatch = (_page(client, u, url) for u in (w.org_county_a, w.receive_a, w.dispatch_a))
    assert appoint in organizer and appoint not in receive
    assert plan in receive and plan not in dispatch
    client.force_login(w.dispatch_a)
    assert client.post(plan, {"mentor": "张三"}).status_code == 403
    client.force_login(w.receive_a)
    assert client.post(appoint, {}).status_code == 403
    client.force_login(make_user(roles=[("receive_contact", w.unit_b)]))
    assert client.get(url).status_code == 404


def test_leave_tab_buttons(client, reminder_world):
    w = reminder_world
    url = reverse("secondment:posting-leave", args=[w.posting.pk])
    cadre, receive = _page(client, w.cadre_user, url), _page(client, w.receive_a, url)
    assert 'value="leave"' in cadre and 'value="leave"' not in receive
    assert 'value="attendance"' in receive and 'value="attendance"' not in cadre
    client.force_login(w.receive_a)
    data = {"what": "leave", "kind": "sick", "start_date": "2026-04-01", "end_date": "2026-04-01", "reason": "x"}
    assert client.post(url, data).status_code == 403


def test_leave_decision_and_cancel_buttons(client, reminder_world):
    w = reminder_world
    leave_services.leave_request_create(
        posting=w.posting,
        kind="personal",
        start_date=date(2026, 4, 1),
        end_date=date(2026, 4, 1),
        reason="家中有事",
        acting_user=w.cadre_user,
    )
    url = reverse("secondment:posting-leave", args=[w.posting.pk])
    cadre, receive, org = (_page(client, u, url) for u in (w.cadre_user, w.receive_a, w.org_county_a))
    assert 'value="decide"' in receive and 'value="decide"' not in org and 'value="decide"' not in cadre
    assert 'value="cancel"' in cadre and 'value="cancel"' not in receive


def test_inspection_tab_buttons(client, reminder_world):
    w = reminder_world
    url = reverse("secondment:posting-inspections", args=[w.posting.pk])
    org, receive = _page(client, w.org_county_a, url), _page(client, w.receive_a, url)
    assert "记录督查抽查" in org and "记录督查抽查" not in receive
    client.force_login(w.receive_a)
    data = {"date": "2026-04-01", "method": "visit", "findings": "x"}
    assert client.post(url, data).status_code == 403


def test_worklog_tab_buttons(client, reminder_world):
    w = reminder_world
    url = reverse("secondment:posting-worklog", args=[w.posting.pk])
    cadre, receive = _page(client, w.cadre_user, url), _page(client, w.receive_a, url)
    assert "写工作日志" in cadre and "写工作日志" not in receive
    client.force_login(w.receive_a)
    assert client.post(url, {"date": "2026-04-01", "content": "x"}).status_code == 403


@pytest.mark.parametrize("role", ["dispatch_a", "receive_a"])
def test_score_and_posting_imports_are_for_the_organizer(client, batch_world, role):
    w = batch_world
    client.force_login(getattr(w, role))
    for name in ("secondment:import-scores", "secondment:import-postings"):
        assert client.get(reverse(name, args=[w.batch.pk])).status_code == 403
    client.force_login(w.org_county_a)
    assert client.get(reverse("secondment:import-scores", args=[w.batch.pk])).status_code == 200
