"""The 考核鉴定 tab shows what each finished step recorded, who and when, not only "已完成"; long text
starts collapsed; the individual talks (what colleagues said) are read by the org department only."""

import re

from django.urls import reverse
from django.utils import timezone

from assessments.services import appraisals as services
from tests.assessments.test_appraisal_services import _complete


def _page(client, user, posting):
    client.force_login(user)
    response = client.get(reverse("assessments:posting", args=[posting.pk]))
    assert response.status_code == 200
    return response


def test_a_finished_step_shows_its_text_who_and_when(client, appraisal_world):
    w = appraisal_world
    _complete(w)
    response = _page(client, w.org_county_a, w.posting)
    steps = {s["key"]: s for s in response.context["steps"]}
    assert steps["self_summary"]["by"] == w.cadre_a and steps["receiving"]["by"] == w.receive_a
    assert steps["dispatch"]["parts"] == [("派出单位意见", "同意")]
    html = response.content.decode()
    assert html.count('data-testid="step-stamp"') == 6
    assert f"{timezone.localtime(steps['dispatch']['at']):%Y-%m-%d %H:%M}" in html
    assert "鉴定意见" in html and "谈话10人" in html and "个人总结" in html


def test_the_individual_talks_are_the_org_departments_to_read(client, appraisal_world):
    w = appraisal_world
    _complete(w)
    for user in (w.cadre_user, w.receive_a, w.dispatch_a):
        response = _page(client, user, w.posting)
        steps = {s["key"]: s for s in response.context["steps"]}
        assert steps["talks"]["done"] and steps["talks"]["parts"] == []
        assert "谈话10人" not in response.content.decode()
        assert steps["dispatch"]["parts"] == [("派出单位意见", "同意")]  # the rest is on the printed form


def test_a_long_text_starts_collapsed_and_a_short_one_open(client, appraisal_world):
    w = appraisal_world
    services.appraisal_self_summary(appraisal=w.appraisal, text="长" * 500, acting_user=w.cadre_user)
    services.appraisal_dispatch_opinion(appraisal=w.appraisal, opinion="同意推荐", acting_user=w.dispatch_a)
    html = _page(client, w.org_county_a, w.posting).content.decode()
    details = re.findall(r'<details class="mt-1 small" data-testid="step-text"( open)?>', html)
    assert details == ["", " open"]  # self summary (long) collapsed, dispatching opinion (short) open
