"""A report's life per role (draft → submitted → returned → resubmitted → accepted), conflicts,
scope by URL, the review queue's query count and the compliance figures."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import services
from reports.models import WorkReport
from reports.selectors import report_compliance
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


def _on_post(w, cadre=None, start=date(2026, 3, 15)):
    posting = posting_create(
        batch=w.batch,
        cadre=cadre or w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=start,
        acting_user=None,
    )
    posting_transition(
        posting=posting, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=start
    )
    return posting_transition(
        posting=posting, action="confirm_arrival", acting_user=None, arrival_date=start, today=date(2026, 12, 31)
    )


@pytest.fixture
def report_world(batch_world):
    w = batch_world
    w.posting = _on_post(w)
    w.quarterly = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    w.half = w.posting.reports.filter(cycle__recipient="dispatching_unit").order_by("period_start").first()
    return w


def test_the_whole_round_trip_with_every_round_kept(report_world):
    w = report_world
    r = services.work_report_save_draft(report=w.quarterly, version=0, acting_user=w.cadre_user, main_work="走访农户")
    r = services.work_report_submit(
        report=r, version=1, acting_user=w.cadre_user, main_work="走访农户30户", next_plans="推进项目"
    )
    with pytest.raises(ValidationError, match="不能再修改"):
        services.work_report_save_draft(report=r, version=r.version, acting_user=w.cadre_user, main_work="改")
    with pytest.raises(ValidationError, match="退回修改须写明意见"):
        services.work_report_return(report=r, comments=" ", acting_user=w.org_county_a)
    r = services.work_report_return(report=r, comments="请补充成效数据", acting_user=w.org_county_a)
    r = services.work_report_submit(report=r, version=r.version, acting_user=w.cadre_user, results="新增就业20人")
    r = services.work_report_accept(report=r, comments="很好", acting_user=w.org_county_a)
    assert r.status == "accepted"
    rounds = list(r.rounds.values_list("action", "actor__username", "comments"))
    assert rounds == [
        ("submit", "t_cadre", ""),
        ("return", "t_org_county", "请补充成效数据"),
        ("resubmit", "t_cadre", ""),
        ("accept", "t_org_county", "很好"),
    ]
    assert r.rounds.get(action="submit").snapshot["results"] == ""
    assert r.rounds.get(action="resubmit").snapshot["results"] == "新增就业20人"


@pytest.mark.parametrize("role", ["receive", "dispatch", "org_city_outsider"])
def test_quarterly_reports_are_reviewed_by_the_org_department_only(report_world, role):
    w = report_world
    r = services.work_report_submit(
        report=w.quarterly, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b"
    )
    user = make_user(roles=[("org_staff", w.county_b)]) if role == "org_city_outsider" else w.users_by_role()[role]
    with pytest.raises(PermissionDenied):
        services.work_report_accept(report=r, acting_user=user)


def test_half_yearly_reports_are_reviewed_by_the_dispatching_unit(report_world):
    w = report_world
    r = services.work_report_submit(report=w.half, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    with pytest.raises(PermissionDenied):
        services.work_report_accept(report=r, acting_user=w.org_county_a)
    assert services.work_report_accept(report=r, acting_user=w.dispatch_a).status == "accepted"


def test_only_the_cadre_writes(report_world):
    w = report_world
    for user in (w.receive_a, w.dispatch_a, w.org_county_a):
        with pytest.raises(PermissionDenied):
            services.work_report_save_draft(report=w.quarterly, version=0, acting_user=user, main_work="代写")


def test_submit_needs_the_main_sections(report_world):
    w = report_world
    with pytest.raises(ValidationError, match=r"提交前请填写主要工作。.*提交前请填写下步打算。"):
        services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user)


def test_second_tab_does_not_overwrite_newer_text(client, report_world):
    w = report_world
    client.force_login(w.cadre_user)
    url = reverse("reports:detail", args=[w.quarterly.pk])
    first = client.post(url, {"version": 0, "main_work": "第一个标签页写的", "save": "1"})
    assert first.status_code == 302
    stale = client.post(url, {"version": 0, "main_work": "第二个标签页的旧稿", "save": "1"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "已在其他页面或设备上保存过" in html and "第一个标签页写的" in html and "第二个标签页的旧稿" in html
    w.quarterly.refresh_from_db()
    assert (w.quarterly.main_work, w.quarterly.version) == ("第一个标签页写的", 1)


def test_submit_through_the_page_and_review_through_the_page(client, report_world):
    w = report_world
    client.force_login(w.cadre_user)
    url = reverse("reports:detail", args=[w.quarterly.pk])
    client.post(url, {"version": 0, "main_work": "工作", "next_plans": "计划", "submit": "1"})
    assert WorkReport.objects.get(pk=w.quarterly.pk).status == "submitted"
    client.force_login(w.org_county_a)
    assert "工作" in client.get(url).content.decode()
    client.post(reverse("reports:review", args=[w.quarterly.pk, "return"]), {"comments": "请细化"})
    assert WorkReport.objects.get(pk=w.quarterly.pk).status == "returned"


def test_a_cadre_cannot_see_another_cadres_report(client, report_world):
    w = report_world
    other_user = make_user(cadre=w.cadre_b)
    client.force_login(other_user)
    assert client.get(reverse("reports:detail", args=[w.quarterly.pk])).status_code == 404
    assert client.get(reverse("reports:print", args=[w.quarterly.pk])).status_code == 404
    assert (
        client.post(
            reverse("reports:detail", args=[w.quarterly.pk]), {"version": 0, "main_work": "x", "save": "1"}
        ).status_code
        == 404
    )


def test_attachments_are_limited(report_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    w = report_world
    with pytest.raises(ValidationError, match="只能是"):
        services.work_report_attach(
            report=w.quarterly, upload=SimpleUploadedFile("x.exe", b"MZ"), acting_user=w.cadre_user
        )
    ok = services.work_report_attach(
        report=w.quarterly, upload=SimpleUploadedFile("调研报告.pdf", b"%PDF-1.4"), acting_user=w.cadre_user
    )
    assert ok.size == 8 and ok.name == "调研报告.pdf"


def test_review_queue_shows_what_is_mine_with_a_flat_query_count(client, report_world):
    w = report_world
    services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    services.work_report_submit(report=w.half, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    client.force_login(w.org_county_a)

    def load():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("reports:queue"))
        return len(ctx.captured_queries), list(response.context["reports"])

    count_one, rows = load()
    assert [r.cycle.recipient for r in rows] == ["org_dept"]
    for i in range(6):
        posting = _on_post(w, cadre=make_cadre(w.unit_a, f"第{i}人"))
        report = posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
        services.work_report_submit(report=report, version=0, acting_user=None, main_work="a", next_plans="b")
    count_many, rows = load()
    assert len(rows) == 7 and count_many == count_one
    client.force_login(w.dispatch_a)
    assert [r.cycle.recipient for r in client.get(reverse("reports:queue")).context["reports"]] == ["dispatching_unit"]


def test_compliance_counts(report_world):
    from django.utils import timezone

    w = report_world
    q = list(w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start"))
    services.work_report_submit(report=q[0], version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    WorkReport.objects.filter(pk=q[0].pk).update(submitted_late=False)
    WorkReport.objects.filter(pk=q[1].pk).update(first_submitted_at=timezone.now(), submitted_late=True)
    [row] = report_compliance(user=w.org_county_a, today=date(2026, 10, 20), group_by="batch")
    # due by 2026-10-20: Q1 stub (due 04-05), Q2 (07-05), half 1 (07-10); Q3 due 10-05 missing
    assert (row["on_time"], row["late"]) == (1, 1)
    assert row["missing"] == 2  # Q3 quarterly and the first half-year report
    assert row["due"] == 4 and row["rate"] == 25


def test_cadre_home_lists_returned_late_and_due(client, report_world):
    from datetime import timedelta

    from django.utils import timezone

    w = report_world
    today = timezone.localdate()
    q = list(w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start"))
    WorkReport.objects.filter(pk=q[0].pk).update(due_date=today - timedelta(days=1))
    WorkReport.objects.filter(pk=q[1].pk).update(due_date=today + timedelta(days=3))
    r = services.work_report_submit(report=q[2], version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    services.work_report_return(report=r, comments="重写", acting_user=w.org_county_a)
    client.force_login(w.cadre_user)
    context = client.get(reverse("home")).context
    late = [x.pk for x in context["reports_late"]]
    assert q[0].pk in late and q[1].pk not in late
    assert q[1].pk in [x.pk for x in context["reports_due"]]
    assert [x.pk for x in context["reports_returned"]] == [q[2].pk]


def test_export_of_a_batch_has_one_row_per_report_with_local_times(client, report_world):
    import io

    from openpyxl import load_workbook

    w = report_world
    services.work_report_submit(
        report=w.quarterly, version=0, acting_user=w.cadre_user, main_work="导出测试", next_plans="b"
    )
    client.force_login(w.org_county_a)
    response = client.get(reverse("reports:export-xlsx"), {"batch": w.batch.pk})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + w.posting.reports.count()
    submitted = next(r for r in rows if r[10] == "导出测试")
    assert submitted[8] is not None and submitted[8].tzinfo is None


def test_compliance_table_exports_to_excel(client, report_world):
    import io

    from openpyxl import load_workbook

    client.force_login(report_world.org_county_a)
    response = client.get(reverse("reports:compliance"), {"by": "unit", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "接收单位" and rows[1][0] == "甲县石门镇"


def test_compliance_query_count_is_flat(client, report_world):
    w = report_world
    client.force_login(w.org_county_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("reports:compliance"), {"by": "unit"})
        return len(ctx.captured_queries)

    one = count()
    for i in range(4):
        _on_post(w, cadre=make_cadre(w.unit_a, f"合规{i}"))
    assert count() == one
