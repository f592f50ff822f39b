"""assessments.access: who sees an appraisal and an annual assessment, and what each role may do now,
as the appraisal is driven through its steps; the page shows a button only to whom access gives it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from assessments.access import (
    annual_assessment_actions,
    annual_assessments_visible_to,
    appraisal_actions,
    appraisal_get_for_user,
    appraisals_visible_to,
    posting_assessment_actions,
)
from assessments.models import Grade
from assessments.services import annual
from assessments.services import appraisals as services
from assessments.services.outcomes import after_secondment_record
from tests.assessments.test_appraisal_services import _complete
from tests.factories import make_user

STEP_ACTIONS_WHILE_OPEN = {
    "admin": {"democratic", "talks", "conclusion", "finalize"},
    "org_city": {"democratic", "talks", "conclusion", "finalize"},
    "org_county": {"democratic", "talks", "conclusion", "finalize"},
    "dispatch": {"dispatch"},
    "receive": {"receiving", "democratic"},
    "cadre": {"self_summary"},
}


def test_who_sees_the_appraisal(appraisal_world):
    w = appraisal_world
    for user in w.users_by_role().values():
        assert list(appraisals_visible_to(user)) == [w.appraisal]
        assert appraisal_get_for_user(user=user, pk=w.appraisal.pk) == w.appraisal
    outsiders = (make_user(roles=[("org_staff", w.county_b)]), make_user(cadre=w.cadre_b))
    for user in outsiders:
        assert not appraisals_visible_to(user).exists()
        with pytest.raises(Http404) as out_of_scope:
            appraisal_get_for_user(user=user, pk=w.appraisal.pk)
        with pytest.raises(Http404) as missing:
            appraisal_get_for_user(user=user, pk=w.appraisal.pk + 1000)
        assert str(out_of_scope.value) == str(missing.value)  # the same 404 for "missing" and "not yours"


@pytest.mark.parametrize("role", sorted(STEP_ACTIONS_WHILE_OPEN))
def test_each_role_may_fill_its_steps_while_open(appraisal_world, role):
    w = appraisal_world
    assert appraisal_actions(w.users_by_role()[role], w.appraisal) == STEP_ACTIONS_WHILE_OPEN[role]


def test_the_actions_are_what_the_services_allow(appraisal_world):
    """Every step a role is not given is refused by the service with PermissionDenied."""
    w = appraisal_world
    for user in w.users_by_role().values():
        if "self_summary" not in appraisal_actions(user, w.appraisal):
            with pytest.raises(PermissionDenied):
                services.appraisal_self_summary(appraisal=w.appraisal, text="x", acting_user=user)
        if "talks" not in appraisal_actions(user, w.appraisal):
            with pytest.raises(PermissionDenied):
                services.appraisal_talks(appraisal=w.appraisal, talks="x", verification="", acting_user=user)
        if "finalize" not in appraisal_actions(user, w.appraisal):
            with pytest.raises(PermissionDenied):
                services.appraisal_finalize(appraisal=w.appraisal, acting_user=user)


def test_after_finalizing_only_the_org_department_may_correct_once(appraisal_world):
    w = appraisal_world
    finalized = services.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    expected = {"admin": {"correct"}, "org_city": {"correct"}, "org_county": {"correct"}}
    for role, user in w.users_by_role().items():
        assert appraisal_actions(user, finalized) == expected.get(role, set()), role
    new = services.appraisal_correct(appraisal=finalized, reason="录入有误", acting_user=w.org_county_a)
    assert appraisal_actions(w.org_county_a, finalized) == set()  # corrected once already
    with pytest.raises(ValidationError, match="已有更正版本"):
        services.appraisal_correct(appraisal=finalized, reason="再改", acting_user=w.org_county_a)
    assert appraisal_actions(w.receive_a, new) == {"receiving", "democratic"}


def test_open_early_only_for_the_org_department_and_a_shortened_term(on_post_world):
    from secondment.services.postings import posting_transition

    w = on_post_world
    for user in w.users_by_role().values():
        assert "open_early" not in posting_assessment_actions(user, w.posting)  # the term is not shortened
    w.posting = posting_transition(
        posting=w.posting,
        action="shorten",
        acting_user=w.org_county_a,
        reason="工作需要",
        new_end_date=date(2026, 1, 31),
        consultation="已与派出单位、接收单位协商",
        today=date(2025, 12, 1),
    )
    assert w.posting.status == "on_post"
    allowed = {
        role for role, user in w.users_by_role().items() if "open_early" in posting_assessment_actions(user, w.posting)
    }
    assert allowed == {"admin", "org_city", "org_county"}
    with pytest.raises(PermissionDenied):
        services.appraisal_open(posting=w.posting, acting_user=w.receive_a)
    services.appraisal_open(posting=w.posting, acting_user=w.org_county_a)
    assert "open_early" not in posting_assessment_actions(w.org_county_a, w.posting)


def test_annual_assessment_actions_per_role(on_post_world):
    w = on_post_world
    proposers = {
        r for r, u in w.users_by_role().items() if "propose_annual" in posting_assessment_actions(u, w.posting)
    }
    assert proposers == {"receive"}
    grade = Grade.objects.get(scale__is_default=True, name="优秀")
    a = annual.annual_propose(posting=w.posting, year=2025, grade=grade, comments="好", acting_user=w.receive_a)
    org = {"admin", "org_city", "org_county"}

    def by_role(assessment):
        return {role: annual_assessment_actions(user, assessment) for role, user in w.users_by_role().items()}

    assert by_role(a) == {
        **{r: set() for r in org},
        "dispatch": {"opinion"},
        "receive": {"propose"},
        "cadre": set(),
    }
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
    # seed 004 (the default practice): the receiving unit determines after the opinion …
    assert by_role(a) == {
        **{r: set() for r in org},
        "dispatch": {"opinion"},
        "receive": {"propose", "determine"},
        "cadre": set(),
    }
    a = annual.annual_determine(assessment=a, grade=grade, acting_user=w.receive_a)
    # … then the org department records it
    assert by_role(a) == {**{r: {"record"} for r in org}, "dispatch": set(), "receive": set(), "cadre": set()}
    a = annual.annual_record(assessment=a, acting_user=w.org_county_a)
    assert all(actions == set() for actions in by_role(a).values())
    assert list(annual_assessments_visible_to(w.cadre_user)) == [a]
    assert not annual_assessments_visible_to(make_user(roles=[("org_staff", w.county_b)])).exists()


def test_outcomes_are_recorded_by_the_org_department_once_completed(appraisal_world):
    w = appraisal_world
    assert all("record_outcome" not in posting_assessment_actions(u, w.posting) for u in w.users_by_role().values())
    services.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    recorders = {
        r for r, u in w.users_by_role().items() if "record_outcome" in posting_assessment_actions(u, w.posting)
    }
    assert recorders == {"admin", "org_city", "org_county"}
    with pytest.raises(PermissionDenied):
        after_secondment_record(posting=w.posting, outcome="promoted", date=date(2026, 5, 1), acting_user=w.receive_a)
    record = after_secondment_record(
        posting=w.posting, outcome="promoted", date=date(2026, 5, 1), acting_user=w.org_county_a
    )
    assert record.recorded_by == w.org_county_a


# --- the page shows what access gives, and nothing else ---


def _page(client, user, posting):
    client.force_login(user)
    return client.get(reverse("assessments:posting", args=[posting.pk]))


def test_the_finalize_button_is_for_the_org_department_only(client, appraisal_world):
    w = appraisal_world
    finalize = reverse("assessments:finalize", args=[w.appraisal.pk])
    for role, user in w.users_by_role().items():
        response = _page(client, user, w.posting)
        shown = finalize in response.content.decode()
        assert shown == (role in {"admin", "org_city", "org_county"}), role
        assert response.context["actions"] == STEP_ACTIONS_WHILE_OPEN[role]


def test_the_correct_button_replaces_finalize_once_finalized(client, appraisal_world):
    w = appraisal_world
    a = services.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    correct = reverse("assessments:correct", args=[a.pk])
    assert correct in _page(client, w.org_county_a, w.posting).content.decode()
    body = _page(client, w.receive_a, w.posting).content.decode()
    assert correct not in body and reverse("assessments:finalize", args=[a.pk]) not in body
    assert reverse("assessments:after", args=[w.posting.pk]) in _page(client, w.org_city, w.posting).content.decode()
    assert reverse("assessments:after", args=[w.posting.pk]) not in body


def test_annual_forms_follow_the_actions(client, on_post_world):
    w = on_post_world
    propose = reverse("assessments:annual", args=[w.posting.pk, "propose"])
    opinion = reverse("assessments:annual", args=[w.posting.pk, "opinion"])
    confirm = reverse("assessments:annual", args=[w.posting.pk, "confirm"])
    assert propose in _page(client, w.receive_a, w.posting).content.decode()
    assert propose not in _page(client, w.dispatch_a, w.posting).content.decode()
    grade = Grade.objects.get(scale__is_default=True, name="称职")
    annual.annual_propose(posting=w.posting, year=2025, grade=grade, comments="好", acting_user=w.receive_a)
    assert opinion in _page(client, w.dispatch_a, w.posting).content.decode()
    for user in (w.receive_a, w.org_county_a, w.cadre_user):
        body = _page(client, user, w.posting).content.decode()
        assert opinion not in body and confirm not in body
