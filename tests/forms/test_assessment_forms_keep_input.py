"""Appraisal steps, corrections, annual assessments, 挂职后使用情况: a form with errors comes back as the
tab again (200) with what was typed, each message next to its field, the other forms fresh, and nothing
written. 定稿 and 更正 ask first and say what follows."""

from decimal import Decimal

from django.urls import reverse

from assessments.models import AnnualAssessment, Grade
from assessments.services import annual
from assessments.services import appraisals as services
from tests.assessments.test_appraisal_services import OPINION, TALLIES
from tests.form_errors import field_block, field_error, form_html


def _until_dispatch(w):
    a = w.appraisal
    items = list(a.template.items.all())
    a = services.appraisal_self_summary(appraisal=a, text="个人总结", acting_user=w.cadre_user)
    scores = dict(
        zip([i.pk for i in items], [Decimal(90), Decimal(80), Decimal(85), Decimal(88), Decimal(95)], strict=True)
    )
    a = services.appraisal_receiving_evaluation(appraisal=a, scores=scores, acting_user=w.receive_a, **OPINION)
    a = services.appraisal_democratic_evaluation(appraisal=a, acting_user=w.org_county_a, **TALLIES)
    a = services.appraisal_talks(appraisal=a, talks="谈话10人", verification="核实", acting_user=w.org_county_a)
    return services.appraisal_dispatch_opinion(appraisal=a, opinion="同意", acting_user=w.dispatch_a)


def test_conclusion_with_another_grade_and_no_reason_keeps_the_opinion_and_says_why_by_the_reason(
    client, appraisal_world
):
    w = appraisal_world
    a = _until_dispatch(w)
    excellent = Grade.objects.get(scale=a.scale, name="优秀")
    client.force_login(w.org_county_a)
    response = client.post(
        reverse("assessments:step", args=[a.pk, "conclusion"]),
        {"conclusion-conclusion": "该同志挂职期间表现突出，群众认可度高", "conclusion-final_grade": excellent.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "该同志挂职期间表现突出，群众认可度高" in page
    assert "与建议等次（称职）不一致，请说明理由" in field_error(page, "conclusion-deviation_reason")
    assert f'<option value="{excellent.pk}" selected' in page
    # the other forms of the tab are there, fresh (org staff also fill 民主测评 and 个别谈话)
    assert field_error(page, "talks-talks") == "" and 'name="talks-talks"' in page
    a.refresh_from_db()
    assert a.conclusion == "" and a.final_grade is None and not a.events.filter(step="conclusion").exists()


def test_receiving_opinion_with_a_score_of_120_keeps_all_four_parts_and_the_other_scores(client, appraisal_world):
    w = appraisal_world
    a = w.appraisal
    items = list(a.template.items.all())
    data = {f"receiving-{k}": f"{v}（原文）" for k, v in OPINION.items()}
    data.update({f"receiving-score_{i.pk}": "87" for i in items})
    data[f"receiving-score_{items[0].pk}"] = "120"
    client.force_login(w.receive_a)
    response = client.post(reverse("assessments:step", args=[a.pk, "receiving"]), data)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("简介（原文）", "优点（原文）", "不足（原文）", "希望（原文）", "分管农业（原文）"):
        assert text in page
    assert "100" in field_error(page, f"receiving-score_{items[0].pk}")
    assert 'value="87"' in field_block(page, f"receiving-score_{items[1].pk}")
    a.refresh_from_db()
    assert a.opinion_intro == "" and not a.scores.exists()


def test_a_required_step_field_left_empty_is_marked_at_the_field(client, appraisal_world):
    w = appraisal_world
    client.force_login(w.org_county_a)
    response = client.post(
        reverse("assessments:step", args=[w.appraisal.pk, "talks"]), {"talks-verification": "核实了三人"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "核实了三人" in page
    assert "这个字段是必填项" in field_error(page, "talks-talks")
    w.appraisal.refresh_from_db()
    assert w.appraisal.talks == ""


def test_finalize_and_correct_ask_first_and_say_what_follows(client, appraisal_world):
    w = appraisal_world
    a = _until_dispatch(w)
    a = services.appraisal_conclude(
        appraisal=a,
        conclusion="鉴定",
        final_grade=services.appraisal_numbers(a)["suggested"],
        acting_user=w.org_county_a,
    )
    client.force_login(w.org_county_a)
    page = client.get(reverse("assessments:posting", args=[w.posting.pk])).content.decode()
    form = form_html(page, reverse("assessments:finalize", args=[a.pk]))
    assert 'data-confirm="定稿后鉴定表归档，不能再修改；如需修改只能创建更正版本。确定定稿？"' in form
    services.appraisal_finalize(appraisal=a, acting_user=w.org_county_a)
    page = client.get(reverse("assessments:posting", args=[w.posting.pk])).content.decode()
    assert "原版本保留但不再有效" in form_html(page, reverse("assessments:correct", args=[a.pk]))


def test_annual_opinion_left_empty_is_marked_on_its_row_and_nothing_is_written(client, on_post_world):
    w = on_post_world
    grade = Grade.objects.get(scale__is_default=True, name="称职")
    assessment = annual.annual_propose(
        posting=w.posting, year=2025, grade=grade, comments="良好", acting_user=w.receive_a
    )
    client.force_login(w.dispatch_a)
    url = reverse("assessments:annual", args=[w.posting.pk, "opinion"])
    response = client.post(url, {"assessment": assessment.pk, "opinion": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "opinion")
    assessment.refresh_from_db()
    assert assessment.dispatch_opinion == "" and assessment.status == AnnualAssessment.Status.PROPOSED


def test_annual_proposal_for_a_year_outside_the_posting_keeps_the_comments(client, on_post_world):
    w = on_post_world
    grade = Grade.objects.get(scale__is_default=True, name="称职")
    client.force_login(w.receive_a)
    url = reverse("assessments:annual", args=[w.posting.pk, "propose"])
    response = client.post(url, {"year": "2024", "grade": grade.pk, "comments": "工作扎实，群众满意"})
    page = response.content.decode()
    assert response.status_code == 200 and "工作扎实，群众满意" in page
    assert "年度须在挂职期限内" in field_error(page, "year")
    assert not AnnualAssessment.objects.filter(posting=w.posting).exists()
