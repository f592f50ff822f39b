"""Appraisal ranking per batch (seed 003: 以得分高低作为…评优和提拔使用的重要参考依据): the current
finalized version of each posting's appraisal, by composite score; equal scores decided by the democratic
score; equal on both share a rank. Only the organizing department reads it (404 otherwise); Excel export;
fixed query count."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments.ranking import batch_appraisal_ranking
from assessments.services import appraisals as services
from secondment.services.postings import posting_create, posting_transition, postings_end_terms
from tests.factories import make_cadre, make_user

OPINION = {"intro": "简介", "strengths": "优点", "shortcomings": "不足", "hopes": "希望", "main_work": "分管农业"}


def _tallies(excellent: int, competent: int) -> dict:
    n = excellent + competent
    return {
        "headcount": n,
        "expected": n,
        "present": n,
        "ballots_valid": n,
        "ballots_invalid": 0,
        "ballots_abstain": 0,
        "votes_excellent": excellent,
        "votes_competent": competent,
        "votes_basic": 0,
        "votes_incompetent": 0,
        "votes_unknown": 0,
    }


def _appraise(appraisal, score: int, excellent: int, competent: int, *, finalize=True):
    a = services.appraisal_self_summary(appraisal=appraisal, text="总结", acting_user=None)
    scores = {item.pk: Decimal(score) for item in a.template.items.all()}
    a = services.appraisal_receiving_evaluation(appraisal=a, scores=scores, acting_user=None, **OPINION)
    a = services.appraisal_democratic_evaluation(appraisal=a, acting_user=None, **_tallies(excellent, competent))
    a = services.appraisal_talks(appraisal=a, talks="谈话", verification="核实", acting_user=None)
    a = services.appraisal_dispatch_opinion(appraisal=a, opinion="同意", acting_user=None)
    a = services.appraisal_conclude(
        appraisal=a, conclusion="鉴定", final_grade=services.appraisal_numbers(a)["suggested"], acting_user=None
    )
    return services.appraisal_finalize(appraisal=a, acting_user=None) if finalize else a


def _ended_posting(w, name: str):
    cadre = make_cadre(w.unit_a, name)
    p = posting_create(
        batch=w.batch,
        cadre=cadre,
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=date(2025, 3, 1),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="Z", appointment_date=date(2025, 3, 1)
    )
    posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2025, 3, 2), today=date(2025, 3, 5)
    )
    postings_end_terms(today=date(2026, 3, 1))
    return p.appraisals.get()


@pytest.fixture
def ranked_world(appraisal_world):
    """Four finalized appraisals: 丁 96.5; 甲 89.5 (democratic 100); 乙 and 丙 89.5 (democratic 93); and an
    open one (戊) that is not ranked."""
    w = appraisal_world
    w.top = _appraise(_ended_posting(w, "丁干部"), 95, 20, 0)
    w.first_tie = _appraise(w.appraisal, 85, 20, 0)  # 0.7×85 + 0.3×100 = 89.5
    w.tie_b = _appraise(_ended_posting(w, "乙某"), 88, 13, 7)  # 0.7×88 + 0.3×93 = 89.5
    w.tie_c = _appraise(_ended_posting(w, "丙某"), 88, 13, 7)
    w.open = _appraise(_ended_posting(w, "戊干部"), 99, 20, 0, finalize=False)
    return w


def test_ranking_by_composite_score_with_ties_decided_by_the_democratic_score(ranked_world):
    w = ranked_world
    rows = batch_appraisal_ranking(batch=w.batch)
    assert [r.appraisal.composite_score for r in rows] == [Decimal("96.50"), *[Decimal("89.50")] * 3]
    assert [(r.appraisal.pk, r.rank, r.tied) for r in rows[:2]] == [
        (w.top.pk, 1, False),
        (w.first_tie.pk, 2, False),  # same composite, better democratic score
    ]
    # equal on both: 并列 third, listed by name
    assert {(r.appraisal.pk, r.rank, r.tied) for r in rows[2:]} == {(w.tie_b.pk, 3, True), (w.tie_c.pk, 3, True)}
    assert w.open.pk not in [r.appraisal.pk for r in rows]


def test_a_corrected_appraisal_is_ranked_by_its_latest_finalized_version(ranked_world):
    w = ranked_world
    new = services.appraisal_correct(appraisal=w.top, reason="测评票数录入有误", acting_user=None)
    assert next(r.appraisal.pk for r in batch_appraisal_ranking(batch=w.batch)) == w.top.pk  # v2 still open
    new = services.appraisal_democratic_evaluation(appraisal=new, acting_user=None, **_tallies(0, 20))
    new = services.appraisal_conclude(
        appraisal=new, conclusion="更正", final_grade=services.appraisal_numbers(new)["suggested"], acting_user=None
    )
    new = services.appraisal_finalize(appraisal=new, acting_user=None)
    rows = batch_appraisal_ranking(batch=w.batch)
    pks = [r.appraisal.pk for r in rows]
    assert w.top.pk not in pks and pks[0] == new.pk and rows[0].appraisal.version == 2
    assert rows[0].appraisal.composite_score == Decimal("90.50")  # 0.7×95 + 0.3×80
    assert len(rows) == 4


def test_only_the_organizing_department_reads_the_ranking(client, ranked_world):
    w = ranked_world
    urls = [
        reverse("assessments:batch-ranking", args=[w.batch.pk]),
        reverse("assessments:batch-ranking-xlsx", args=[w.batch.pk]),
    ]
    for user in (w.org_county_a, w.org_city, w.admin):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200
    for user in (w.dispatch_a, w.receive_a, w.cadre_user, make_user(roles=[("org_staff", w.county_b)])):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404
        assert "鉴定得分排名" not in client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
    client.force_login(w.org_county_a)
    assert "鉴定得分排名" in client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()


def test_the_ranking_exports_rank_score_and_grade(client, ranked_world):
    w = ranked_world
    client.force_login(w.org_county_a)
    response = client.get(reverse("assessments:batch-ranking-xlsx", args=[w.batch.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("名次", "姓名") and "综合得分" in rows[0] and "鉴定等次" in rows[0]
    assert rows[1][:2] == (1, "丁干部") and rows[3][0] == "3（并列）" and rows[4][0] == "3（并列）"
    assert rows[1][rows[0].index("鉴定等次")] == w.top.final_grade.name


def test_ranking_page_query_count_does_not_grow_with_rows(client, appraisal_world):
    w = appraisal_world
    _appraise(w.appraisal, 85, 20, 0)
    client.force_login(w.org_county_a)
    url = reverse("assessments:batch-ranking", args=[w.batch.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(3):
        _appraise(_ended_posting(w, f"排名干部{i}"), 80 + i, 15, 5)
    assert count() == one
