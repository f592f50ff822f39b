"""Extension conditions are records (issue 15): the receiving unit requests with reasons, the dispatching
contact consents or refuses in their own step, the org department decides; the assessment condition
links the posting's annual results and refuses one below the grade it requires; which conditions
apply is data per jurisdiction. Each step is attributed and in the posting's history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from assessments.models import AnnualAssessment
from core.models import AuditLog
from secondment.models import ExtensionCondition, ExtensionRequest
from secondment.services.postings import (
    extension_condition_save,
    extension_request_consent,
    extension_request_decide,
)
from tests.factories import make_unit, make_user
from tests.factories.extensions import extension_requested, graded_annual

NEW_END = date(2027, 9, 1)


def _graded(w, year=2026, name="优秀", **kw):
    return graded_annual(w.posting, year, name, receive=w.receive_a, dispatch=w.dispatch_a, org=w.org_county_a, **kw)


def test_extension_assessment_condition_links_annual_results(reminder_world):
    w = reminder_world
    result = _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    assert list(request.annual_results.all()) == [result]  # a record, not a text
    assert {"kind": "assessment", "min_grade": "2"} in request.conditions
    assert request.decision == ExtensionRequest.Decision.AWAITING_CONSENT
    history = w.posting.history.get(action="extension_request")
    assert (history.actor, history.data["annual"]) == (w.receive_a, [result.pk])


@pytest.mark.parametrize("grade", ["不称职", "基本称职"])
def test_extension_refused_when_a_linked_result_is_below_the_required_grade(reminder_world, grade):
    w = reminder_world
    _graded(w, name=grade)
    with pytest.raises(ValidationError, match=f"年度考核结果不符合延期条件：2026年度“{grade}”，须称职（合格）及以上"):
        extension_requested(w.posting, NEW_END, receive=w.receive_a)
    assert not ExtensionRequest.objects.exists()
    assert not AnnualAssessment.extension_requests.through.objects.exists()


def test_extension_needs_a_graded_annual_result(reminder_world):
    w = reminder_world
    with pytest.raises(ValidationError, match="尚无已确定等次的年度考核"):
        extension_requested(w.posting, NEW_END, receive=w.receive_a)
    # a result determined by the receiving unit counts before the org department records it
    graded_annual(w.posting, 2026, "称职", receive=w.receive_a, dispatch=w.dispatch_a)
    assert extension_requested(w.posting, NEW_END, receive=w.receive_a).annual_results.count() == 1


def test_approval_checks_the_annual_results_again(reminder_world):
    """A poor result graded after the request (the next year's) refuses the approval."""
    w = reminder_world
    _graded(w, 2026)
    request = extension_requested(w.posting, date(2027, 12, 31), receive=w.receive_a)
    request = extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)
    _graded(w, 2027, "基本称职")
    with pytest.raises(ValidationError, match="2027年度“基本称职”"):
        extension_request_decide(request=request, approve=True, reason="同意", acting_user=w.org_county_a)
    request.refresh_from_db()
    assert request.decision == ExtensionRequest.Decision.PENDING


def test_dispatch_consent_is_given_by_dispatching_contact(reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    for other in (w.receive_a, w.org_county_a, w.cadre_user):
        with pytest.raises(PermissionDenied, match="派出单位的意见由派出单位联系人提出"):
            extension_request_consent(request=request, consent=True, acting_user=other)
    request = extension_request_consent(request=request, consent=True, reason="同意", acting_user=w.dispatch_a)
    assert (request.consent, request.consent_by, request.decision) == ("given", w.dispatch_a, "pending")
    assert request.consent_at is not None
    entry = w.posting.history.get(action="extension_consent")
    assert (entry.actor, entry.action_label) == (w.dispatch_a, "派出单位同意延期")
    with pytest.raises(ValidationError, match="派出单位已提出意见"):
        extension_request_consent(request=request, consent=False, reason="改变主意", acting_user=w.dispatch_a)


def test_dispatch_refusal_needs_reasons_and_blocks_approval(reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    with pytest.raises(ValidationError, match="不同意延期须填写理由"):
        extension_request_consent(request=request, consent=False, acting_user=w.dispatch_a)
    request = extension_request_consent(
        request=request, consent=False, reason="原单位重点工作需要其返岗", acting_user=w.dispatch_a
    )
    assert (request.consent, request.consent_reason) == ("refused", "原单位重点工作需要其返岗")
    with pytest.raises(ValidationError, match="缺少派出单位同意"):
        extension_request_decide(request=request, approve=True, reason="同意", acting_user=w.org_county_a)
    extension_request_decide(request=request, approve=False, reason="派出单位不同意", acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    assert w.posting.end_date == date(2027, 3, 1)


def test_org_department_decides_only_after_the_consent_step(reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    with pytest.raises(ValidationError, match="须先征求派出单位意见，再决定"):
        extension_request_decide(request=request, approve=True, reason="同意", acting_user=w.org_county_a)
    request = extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)
    with pytest.raises(PermissionDenied, match="延期由组织部门决定"):
        extension_request_decide(request=request, approve=True, reason="同意", acting_user=w.dispatch_a)


def test_each_extension_step_is_attributed_in_the_posting_history(reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    request = extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)
    request = extension_request_decide(request=request, approve=True, reason="同意延期", acting_user=w.org_county_a)
    assert (request.requested_by, request.consent_by, request.decided_by) == (w.receive_a, w.dispatch_a, w.org_county_a)
    steps = [
        (h.action, h.actor)
        for h in w.posting.history.filter(action__in=["extension_request", "extension_consent", "extend"]).order_by(
            "id"
        )
    ]
    assert steps == [
        ("extension_request", w.receive_a),
        ("extension_consent", w.dispatch_a),
        ("extend", w.org_county_a),
    ]
    w.posting.refresh_from_db()
    assert w.posting.end_date == NEW_END


def test_only_one_open_extension_request_at_a_time(reminder_world):
    w = reminder_world
    _graded(w)
    extension_requested(w.posting, NEW_END, receive=w.receive_a)
    with pytest.raises(ValidationError, match="已有一份尚未决定的延期申请"):
        extension_requested(w.posting, NEW_END, receive=w.receive_a)


def test_extension_conditions_are_data_per_jurisdiction(reminder_world):
    """County A asks for 优秀 and not for the dispatching unit's consent: a 称职 result is refused; at
    称职 the request goes straight to the org department."""
    w = reminder_world
    assert ExtensionCondition.objects.filter(jurisdiction=None).count() == 4  # the defaults, seeded
    extension_condition_save(jurisdiction=w.county_a, kind="receiving_request", acting_user=w.admin)
    extension_condition_save(jurisdiction=w.county_a, kind="assessment", min_grade="1", order=1, acting_user=w.admin)
    _graded(w, 2026, "称职")
    with pytest.raises(ValidationError, match="须优秀"):
        extension_requested(w.posting, NEW_END, receive=w.receive_a)
    # county A lowers its bar through the same service
    extension_condition_save(
        condition=ExtensionCondition.objects.get(jurisdiction=w.county_a, kind="assessment"),
        jurisdiction=w.county_a,
        kind="assessment",
        min_grade="2",
        order=1,
        acting_user=w.admin,
    )
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    assert request.decision == ExtensionRequest.Decision.PENDING  # no consent step in county A
    assert request.conditions == [
        {"kind": "receiving_request", "min_grade": ""},
        {"kind": "assessment", "min_grade": "2"},
    ]
    extension_request_decide(request=request, approve=True, reason="同意", acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    assert w.posting.end_date == NEW_END


def test_extension_condition_admin_goes_through_the_service(client, world):
    client.force_login(world.admin)
    url = reverse("admin:secondment_extensioncondition_add")
    response = client.post(url, {"jurisdiction": world.county_a.pk, "kind": "assessment", "min_grade": "", "order": 0})
    assert response.status_code == 200
    assert "“年度考核等次”条件须选择最低等次" in response.content.decode()
    assert not ExtensionCondition.objects.filter(jurisdiction=world.county_a).exists()
    response = client.post(url, {"jurisdiction": world.county_a.pk, "kind": "assessment", "min_grade": "1", "order": 0})
    assert response.status_code == 302
    condition = ExtensionCondition.objects.get(jurisdiction=world.county_a)
    assert condition.min_grade == "1"
    assert AuditLog.objects.filter(
        action="extension.condition", target_id=str(condition.pk), actor=world.admin
    ).exists()


# --- the posting page ------------------------------------------------------------------------------


def test_posting_page_offers_each_role_its_own_extension_step(client, reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    url = reverse("secondment:posting-detail", args=[w.posting.pk])
    consent_url = reverse("secondment:posting-extension-consent", args=[w.posting.pk, request.pk])
    pages = {}
    for role, user in (("dispatch", w.dispatch_a), ("receive", w.receive_a), ("org", w.org_county_a)):
        client.force_login(user)
        pages[role] = client.get(url).content.decode()
    assert consent_url in pages["dispatch"]
    assert consent_url not in pages["receive"] and consent_url not in pages["org"]
    assert "2026年度 优秀" in pages["org"]  # the linked result, shown from the record
    client.force_login(w.dispatch_a)
    response = client.post(consent_url, {"consent": "0", "reason": ""})
    request.refresh_from_db()
    assert request.consent == "" and request.decision == "consent"  # refused without reasons: nothing changed
    assert response.status_code == 200  # the page again, the message next to the field
    response = client.post(consent_url, {"consent": "1", "reason": "同意"})
    request.refresh_from_db()
    assert (request.consent, request.consent_by) == ("given", w.dispatch_a)
    assert response.status_code == 302


def test_extension_consent_outside_scope_is_404(client, reminder_world):
    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    consent_url = reverse("secondment:posting-extension-consent", args=[w.posting.pk, request.pk])
    stranger = make_user(roles=[(Role.DISPATCH_CONTACT, make_unit("乙县财政局", parent=w.county_b))])
    client.force_login(stranger)
    assert client.post(consent_url, {"consent": "1", "reason": "同意"}).status_code == 404
    client.force_login(w.receive_a)  # in scope, but not theirs to give: refused
    assert client.post(consent_url, {"consent": "1", "reason": "同意"}).status_code == 403
    request.refresh_from_db()
    assert request.consent == ""


def test_dispatching_contact_home_counts_extensions_awaiting_consent(reminder_world):
    from dashboard.home import dispatching_todo

    w = reminder_world
    _graded(w)
    before = dispatching_todo(w.dispatch_a)["opinions"]
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    assert dispatching_todo(w.dispatch_a)["opinions"] == before + 1
    extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)
    assert dispatching_todo(w.dispatch_a)["opinions"] == before


def test_no_second_request_is_offered_while_one_is_open(client, reminder_world):
    from secondment.access import posting_actions

    w = reminder_world
    _graded(w)
    assert "request_extension" in posting_actions(w.receive_a, w.posting)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    assert "request_extension" not in posting_actions(w.receive_a, w.posting)
    # before the dispatching unit's opinion the org department is offered only the refusal
    client.force_login(w.org_county_a)
    html = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    assert 'name="approve" value="0"' in html and "同意延期</option>" not in html
    extension_request_decide(request=request, approve=False, reason="暂不延期", acting_user=w.org_county_a)
    assert "request_extension" in posting_actions(w.receive_a, w.posting)


def test_an_extension_request_reminds_whoever_holds_its_step_once_per_rung(reminder_world):
    """The dispatching contact is reminded of the consent asked on the day of the request and 3 days
    later (not again on a skipped-day catch-up), then the organizing org department of its decision;
    nothing once decided."""
    from datetime import timedelta

    from django.utils import timezone

    from core.models import Reminder
    from core.reminders import reminder_scan
    from secondment.services.postings import extension_request_consent, extension_request_decide

    w = reminder_world
    _graded(w)
    request = extension_requested(w.posting, NEW_END, receive=w.receive_a)
    day0 = timezone.localdate(request.created_at)
    for day in (0, 1, 4, 5):  # days 2 and 3 skipped: the day-3 rung is caught up on day 4, once
        reminder_scan(today=day0 + timedelta(days=day))

    def titles(user):
        return list(Reminder.objects.filter(recipient=user, kind="extension_waiting").values_list("title", flat=True))

    assert len(titles(w.dispatch_a)) == 2 and all("派出单位意见" in t for t in titles(w.dispatch_a))
    assert titles(w.org_county_a) == [] and titles(w.receive_a) == []
    request = extension_request_consent(request=request, consent=True, reason="同意", acting_user=w.dispatch_a)
    reminder_scan(today=timezone.localdate(request.consent_at))
    assert len(titles(w.org_county_a)) == 1 and "请决定" in titles(w.org_county_a)[0]
    extension_request_decide(request=request, approve=True, reason="同意延期", acting_user=w.org_county_a)
    reminder_scan(today=timezone.localdate(request.consent_at) + timedelta(days=30))
    assert len(titles(w.org_county_a)) == 1 and len(titles(w.dispatch_a)) == 2
