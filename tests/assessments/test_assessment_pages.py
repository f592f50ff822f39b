"""Assessment pages: scope, each step by its role through the page, the lock in views and admin,
annual assessments (rule 8) and their export with national codes."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AnnualAssessment, Grade
from assessments.services import annual
from tests.factories import make_user


def test_outsiders_get_404(client, appraisal_world):
    w = appraisal_world
    for user in (make_user(roles=[("org_staff", w.county_b)]), make_user(cadre=w.cadre_b)):
        client.force_login(user)
        assert client.get(reverse("assessments:posting", args=[w.posting.pk])).status_code == 404
        response = client.post(
            reverse("assessments:step", args=[w.appraisal.pk, "self_summary"]), {"self_summary-text": "冒名"}
        )
        assert response.status_code == 404
    w.appraisal.refresh_from_db()
    assert w.appraisal.self_summary == ""


def test_each_party_sees_only_its_own_step_form(client, appraisal_world):
    w = appraisal_world
    expected = {
        "cadre": {"self_summary"},
        "receive": {"receiving", "democratic"},
        "dispatch": {"dispatch"},
        "org_county": {"democratic", "talks", "conclusion"},
    }
    for role, keys in expected.items():
        client.force_login(w.users_by_role()[role])
        steps = client.get(reverse("assessments:posting", args=[w.posting.pk])).context["steps"]
        assert {s["key"] for s in steps if s["form"]} == keys, role


def test_the_cadre_writes_the_self_summary_through_the_page(client, appraisal_world):
    w = appraisal_world
    client.force_login(w.cadre_user)
    client.post(reverse("assessments:step", args=[w.appraisal.pk, "self_summary"]), {"self_summary-text": "一年来……"})
    w.appraisal.refresh_from_db()
    assert (
        w.appraisal.self_summary == "一年来……"
        and w.appraisal.events.filter(step="self_summary", actor=w.cadre_user).exists()
    )


def test_the_receiving_unit_cannot_write_the_self_summary_through_the_page(client, appraisal_world):
    w = appraisal_world
    client.force_login(w.receive_a)
    response = client.post(
        reverse("assessments:step", args=[w.appraisal.pk, "self_summary"]), {"self_summary-text": "代写"}
    )
    assert response.status_code == 403
    w.appraisal.refresh_from_db()
    assert w.appraisal.self_summary == ""


def test_finalized_appraisal_is_locked_in_admin_too(client, appraisal_world):
    from assessments.services.appraisals import appraisal_finalize
    from tests.assessments.test_appraisal_services import _complete

    w = appraisal_world
    a = appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    client.force_login(w.admin)
    change = client.post(reverse("admin:assessments_appraisal_change", args=[a.pk]), {"conclusion": "改"})
    assert change.status_code in (403, 302) or "conclusion" not in change.content.decode()
    a.refresh_from_db()
    assert a.conclusion == "鉴定意见"
    assert client.get(reverse("admin:assessments_appraisal_delete", args=[a.pk])).status_code == 403
    client.force_login(w.cadre_user)
    client.post(reverse("assessments:step", args=[a.pk, "self_summary"]), {"self_summary-text": "改"})
    a.refresh_from_db()
    assert a.self_summary == "个人总结"


def test_rule_8_annual_grade_is_set_after_the_dispatching_opinion(on_post_world):
    w = on_post_world
    assert w.posting.status == "on_post"
    excellent = Grade.objects.get(scale__is_default=True, name="优秀")
    with pytest.raises(Exception):  # noqa: B017 -- PermissionDenied: the dispatching unit does not propose
        annual.annual_propose(posting=w.posting, year=2025, grade=excellent, comments="好", acting_user=w.dispatch_a)
    a = annual.annual_propose(
        posting=w.posting, year=2025, grade=excellent, comments="实绩突出", acting_user=w.receive_a
    )
    with pytest.raises(ValidationError, match="须先征求派出单位意见"):
        annual.annual_determine(assessment=a, grade=excellent, acting_user=w.receive_a)
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
    a = annual.annual_determine(assessment=a, grade=excellent, acting_user=w.receive_a)
    a = annual.annual_record(assessment=a, acting_user=w.org_county_a)
    assert (a.status, a.proposed_by, a.dispatch_by, a.determined_by, a.confirmed_by) == (
        "confirmed",
        w.receive_a,
        w.dispatch_a,
        w.receive_a,
        w.org_county_a,
    )
    assert a.confirmed_at is not None and a.dispatch_at is not None


def test_annual_results_export_with_national_codes(client, on_post_world):
    w = on_post_world
    assert w.posting.status == "on_post"
    competent = Grade.objects.get(scale__is_default=True, name="称职")
    a = annual.annual_propose(posting=w.posting, year=2025, grade=competent, comments="好", acting_user=w.receive_a)
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
    a = annual.annual_determine(assessment=a, grade=competent, acting_user=w.receive_a)
    annual.annual_record(assessment=a, acting_user=w.org_county_a)
    client.force_login(w.org_county_a)
    rows = list(
        load_workbook(io.BytesIO(client.get(reverse("assessments:annual-export")).content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][4:6] == ("考核结果", "结果代码")
    assert rows[1][0] == "甲干部" and rows[1][4:6] == ("称职", "2")
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert load_workbook(io.BytesIO(client.get(reverse("assessments:annual-export")).content)).active.max_row == 1
    assert AnnualAssessment.objects.count() == 1


def test_grade_scales_are_data_with_codes(db):
    codes = dict(Grade.objects.filter(scale__name="公务员（参照管理人员）").values_list("name", "code"))
    assert codes == {"优秀": "1", "称职": "2", "基本称职": "3", "不称职": "4", "不定等次": "5"}
    other = list(Grade.objects.filter(scale__name="其他工作人员").order_by("order").values_list("name", flat=True))
    assert other == ["优秀", "合格", "基本合格", "不合格", "不定等次"]
    assert Grade.objects.get(scale__is_default=True, name="优秀").min_score == Decimal(90)


def test_timeline_shows_the_finalized_appraisal(client, appraisal_world):
    from assessments.services.appraisals import appraisal_finalize
    from tests.assessments.test_appraisal_services import _complete

    w = appraisal_world
    appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    client.force_login(w.org_county_a)
    timeline = client.get(reverse("cadres:cadre-detail", args=[w.cadre_a.pk])).context["timeline"]
    assert any(e.kind == "考核" and "期满考核鉴定（第1版）：称职" in e.title for e in timeline)
