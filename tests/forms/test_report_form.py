"""The work report page: the sections a submission needs are marked on the form; a submission missing
them comes back with the text kept and the message by each field; a report whose period has not ended
goes only when the author ticks "本期尚未结束，确认提前提交" (the service requires it)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports import services
from tests.form_errors import field_block, field_error
from tests.reports.test_report_flow import _on_post


@pytest.fixture
def open_report(batch_world):
    """The report whose period holds today (a quarter not yet over)."""
    w = batch_world
    w.posting = _on_post(w, start=date(2026, 3, 15))
    today = timezone.localdate()
    w.report = w.posting.reports.filter(period_start__lte=today, period_end__gte=today).order_by("period_end").first()
    assert w.report is not None
    return w


def _ended(w):
    return w.posting.reports.filter(period_end__lt=timezone.localdate()).order_by("period_end").first()


def test_required_sections_are_marked_on_the_form(client, open_report):
    w = open_report
    client.force_login(w.cadre_user)
    page = client.get(reverse("reports:detail", args=[w.report.pk])).content.decode()
    for name in ("main_work", "next_plans"):
        assert 'class="asteriskField"' in field_block(page, name), name
        assert "提交时必填" in field_block(page, name)
    for name in ("results", "problems", "other"):
        assert "asteriskField" not in field_block(page, name), name


def test_a_submission_without_the_required_sections_keeps_the_text_and_says_so_by_each_field(client, batch_world):
    w = batch_world
    w.posting = _on_post(w, start=date(2026, 3, 15))
    report = _ended(w)
    client.force_login(w.cadre_user)
    response = client.post(
        reverse("reports:detail", args=[report.pk]),
        {"version": report.version, "results": "新增就业岗位二十个", "submit": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "新增就业岗位二十个" in page
    assert "提交前请填写主要工作" in field_error(page, "main_work")
    assert "提交前请填写下步打算" in field_error(page, "next_plans")
    report.refresh_from_db()
    assert report.status == "draft" and report.results == ""


def test_a_draft_may_leave_the_required_sections_empty(client, open_report):
    w = open_report
    client.force_login(w.cadre_user)
    response = client.post(
        reverse("reports:detail", args=[w.report.pk]), {"version": w.report.version, "results": "草稿内容"}
    )
    assert response.status_code == 302
    w.report.refresh_from_db()
    assert w.report.results == "草稿内容"


def test_submitting_before_the_period_ends_asks_for_confirmation(client, open_report):
    w = open_report
    client.force_login(w.cadre_user)
    url = reverse("reports:detail", args=[w.report.pk])
    page = client.get(url).content.decode()
    assert "本期尚未结束，确认提前提交" in field_block(page, "early_confirmed")
    data = {"version": w.report.version, "main_work": "走访农户三十户", "next_plans": "推进产业项目", "submit": "1"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "走访农户三十户" in page
    assert "尚未结束" in field_error(page, "early_confirmed")
    w.report.refresh_from_db()
    assert w.report.status == "draft" and w.report.submitted_at is None
    response = client.post(url, {**data, "early_confirmed": "on"})
    assert response.status_code == 302
    w.report.refresh_from_db()
    assert w.report.status == "submitted" and w.report.main_work == "走访农户三十户"


def test_the_service_refuses_an_early_submission_without_confirmation(open_report):
    w = open_report
    with pytest.raises(ValidationError, match="尚未结束"):
        services.work_report_submit(report=w.report, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")


def test_a_report_whose_period_has_ended_needs_no_confirmation(client, batch_world):
    w = batch_world
    w.posting = _on_post(w, start=date(2026, 3, 15))
    report = _ended(w)
    client.force_login(w.cadre_user)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'name="early_confirmed"' not in page
    response = client.post(
        reverse("reports:detail", args=[report.pk]),
        {"version": report.version, "main_work": "走访", "next_plans": "推进", "submit": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_returning_a_report_without_comments_is_marked_at_the_comments(client, batch_world):
    w = batch_world
    w.posting = _on_post(w, start=date(2026, 3, 15))
    report = _ended(w)
    report = services.work_report_submit(
        report=report, version=report.version, acting_user=w.cadre_user, main_work="走访", next_plans="推进"
    )
    client.force_login(w.org_county_a)
    response = client.post(reverse("reports:review", args=[report.pk, "return"]), {"comments": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "退回修改须写明意见" in field_error(page, "comments")
    report.refresh_from_db()
    assert report.status == "submitted"
