"""Annual assessments (issue 15): one per posting per year, the year within the posting's term; the
receiving unit determines the grade after the dispatching unit's opinion and the org department
records it (seed 004, the default practice), or the org department determines where that is the
jurisdiction's practice; each role gets its own form on the page; outsiders get 404."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from assessments.models import AnnualAssessment, AnnualPractice
from assessments.services import annual
from assessments.services.annual import annual_practice_save
from core.models import AuditLog
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_unit, make_user
from tests.factories.extensions import grade


def _propose(w, year, name="优秀", user=None):
    return annual.annual_propose(
        posting=w.posting, year=year, grade=grade(name), comments="实绩突出", acting_user=user or w.receive_a
    )


def _with_opinion(w, year=2026):
    return annual.annual_dispatch_opinion(assessment=_propose(w, year), opinion="同意", acting_user=w.dispatch_a)


def test_annual_assessment_year_must_lie_within_term(batch_world):
    """A posting that began in 2026 cannot have a 2020 (nor a 2028) assessment."""
    w = batch_world
    w.posting = posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2026, 3, 2),
        acting_user=None,
    )
    posting_transition(
        posting=w.posting, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 2)
    )
    posting_transition(
        posting=w.posting,
        action="confirm_arrival",
        acting_user=None,
        arrival_date=date(2026, 3, 3),
        today=date(2026, 3, 5),
    )
    for year in (2020, 2025, 2028):
        with pytest.raises(ValidationError) as refused:
            _propose(w, year)
        assert refused.value.message_dict["year"] == [
            f"年度须在挂职期限内（2026年03月02日至2027年03月01日，即2026至2027年度），不能为{year}年度。"
        ]
    assert not AnnualAssessment.objects.exists()
    assert {_propose(w, 2026).year, _propose(w, 2027).year} == {2026, 2027}


def test_annual_assessment_year_outside_term_is_refused_on_the_page(client, reminder_world):
    w = reminder_world
    client.force_login(w.receive_a)
    url = reverse("assessments:annual", args=[w.posting.pk, "propose"])
    response = client.post(url, {"year": 2020, "grade": grade("优秀").pk, "comments": "好"}, follow=True)
    assert "年度须在挂职期限内" in response.content.decode()
    assert not AnnualAssessment.objects.exists()


def test_one_annual_assessment_per_posting_per_year(reminder_world):
    w = reminder_world
    first = _propose(w, 2026, "称职")
    again = _propose(w, 2026, "优秀")  # a new proposal replaces the first, on the same record
    assert again.pk == first.pk and AnnualAssessment.objects.count() == 1
    a = annual.annual_dispatch_opinion(assessment=again, opinion="同意", acting_user=w.dispatch_a)
    annual.annual_determine(assessment=a, grade=grade("优秀"), acting_user=w.receive_a)
    with pytest.raises(ValidationError, match="等次已确定，不能再提出建议等次"):
        _propose(w, 2026)
    assert AnnualAssessment.objects.get().final_grade == grade("优秀")


def test_receiving_unit_determines_grade_after_dispatching_opinion_and_org_records_it(reminder_world):
    w = reminder_world
    a = _propose(w, 2026)
    with pytest.raises(ValidationError, match="须先征求派出单位意见，再确定等次"):
        annual.annual_determine(assessment=a, grade=grade("优秀"), acting_user=w.receive_a)
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
    with pytest.raises(PermissionDenied, match="年度考核等次由接收单位确定"):
        annual.annual_determine(assessment=a, grade=grade("优秀"), acting_user=w.org_county_a)
    with pytest.raises(PermissionDenied, match="本地做法为“接收单位确定等次，组织部门备案”"):
        annual.annual_confirm(assessment=a, grade=grade("优秀"), acting_user=w.org_county_a)
    a = annual.annual_determine(assessment=a, grade=grade("称职"), acting_user=w.receive_a)
    assert (a.status, a.final_grade, a.determined_by, a.confirmed_by) == (
        "determined",
        grade("称职"),
        w.receive_a,
        None,
    )
    a = annual.annual_record(assessment=a, acting_user=w.org_county_a)
    assert (a.status, a.confirmed_by) == ("confirmed", w.org_county_a)
    actions = list(
        AuditLog.objects.filter(target_id=str(a.pk), action__startswith="annual.")
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [
        ("annual.propose", w.receive_a.pk),
        ("annual.opinion", w.dispatch_a.pk),
        ("annual.determine", w.receive_a.pk),
        ("annual.record", w.org_county_a.pk),
    ]


def test_who_determines_the_grade_is_a_practice_per_jurisdiction(reminder_world):
    """Where the city's practice is that the org department determines, the receiving unit may not."""
    w = reminder_world
    annual_practice_save(jurisdiction=w.city, determiner="org_department", acting_user=w.admin)
    a = _with_opinion(w)
    with pytest.raises(PermissionDenied, match="本地做法为“组织部门确定等次”"):
        annual.annual_determine(assessment=a, grade=grade("优秀"), acting_user=w.receive_a)
    a = annual.annual_confirm(assessment=a, grade=grade("优秀"), acting_user=w.org_county_a)
    assert (a.status, a.determined_by, a.confirmed_by) == ("confirmed", w.org_county_a, w.org_county_a)
    # the county's own practice, nearer than the city's, wins
    annual_practice_save(jurisdiction=w.county_a, determiner="receiving_unit", acting_user=w.admin)
    b = _with_opinion(w, 2027)
    assert annual.annual_determine(assessment=b, grade=grade("优秀"), acting_user=w.receive_a).status == "determined"


def test_annual_practice_admin_goes_through_the_service(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:assessments_annualpractice_add"),
        {"jurisdiction": world.county_a.pk, "determiner": "org_department", "note": "甲县组织部文件"},
    )
    assert response.status_code == 302
    practice = AnnualPractice.objects.get(jurisdiction=world.county_a)
    assert practice.determiner == "org_department"
    audit = AuditLog.objects.get(action="annual.practice", target_id=str(practice.pk))
    assert audit.actor == world.admin


def test_each_role_sees_its_own_annual_step_on_the_page(client, reminder_world):
    w = reminder_world
    a = _with_opinion(w)
    url = reverse("assessments:posting", args=[w.posting.pk])
    determine = reverse("assessments:annual", args=[w.posting.pk, "determine"])
    record = reverse("assessments:annual", args=[w.posting.pk, "record"])

    def page(user):
        client.force_login(user)
        return client.get(url).content.decode()

    assert determine in page(w.receive_a)
    assert determine not in page(w.org_county_a) and determine not in page(w.dispatch_a)
    client.force_login(w.receive_a)
    client.post(determine, {"assessment": a.pk, "grade": grade("优秀").pk})
    a.refresh_from_db()
    assert (a.status, a.determined_by) == ("determined", w.receive_a)
    assert record in page(w.org_county_a) and record not in page(w.receive_a)
    client.force_login(w.org_county_a)
    client.post(record, {"assessment": a.pk})
    a.refresh_from_db()
    assert (a.status, a.confirmed_by) == ("confirmed", w.org_county_a)


def test_annual_steps_outside_scope_are_404(client, reminder_world):
    w = reminder_world
    a = _with_opinion(w)
    stranger = make_user(roles=[(Role.RECEIVE_CONTACT, make_unit("乙县某镇", parent=w.county_b))])
    client.force_login(stranger)
    for step in ("determine", "record", "propose"):
        url = reverse("assessments:annual", args=[w.posting.pk, step])
        assert client.post(url, {"assessment": a.pk, "grade": grade("优秀").pk}).status_code == 404
    a.refresh_from_db()
    assert a.status == "opinion"
