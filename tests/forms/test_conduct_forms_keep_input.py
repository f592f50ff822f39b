"""Leave, attendance, absence, inspections, rectification, work log: a form with errors comes back as the
tab again with what was typed, each message next to its field, and nothing written. 撤销 asks first."""

from datetime import date

from django.urls import reverse

from secondment.models import Inspection, LeaveRequest
from secondment.services import conduct, leave
from tests.form_errors import field_block, field_error


def test_leave_request_ending_before_it_starts_keeps_what_the_cadre_typed(client, on_post_world):
    w = on_post_world
    client.force_login(w.cadre_user)
    url = reverse("secondment:posting-leave", args=[w.posting.pk])
    response = client.post(
        url,
        {
            "what": "leave",
            "kind": "personal",
            "start_date": "2026-12-10",
            "end_date": "2026-12-08",
            "reason": "回原单位处理家中老人住院事宜",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "回原单位处理家中老人住院事宜" in page
    assert "结束日期不能早于开始日期" in field_error(page, "end_date")
    assert 'value="2026-12-10"' in field_block(page, "start_date")
    assert not LeaveRequest.objects.filter(posting=w.posting).exists()


def test_attendance_over_31_days_is_marked_at_the_field_and_the_leave_form_stays_fresh(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-leave", args=[w.posting.pk])
    response = client.post(
        url,
        {
            "what": "attendance",
            "month": "2026-02-01",
            "days_present": "40",
            "days_on_leave": "0",
            "days_absent": "0",
            "notes": "二月考勤备注",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "二月考勤备注" in page
    assert field_error(page, "days_present")
    assert not w.posting.attendance.exists()


def test_inspection_with_rectification_but_no_deadline_keeps_the_findings(client, on_post_world):
    w = on_post_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-inspections", args=[w.posting.pk])
    response = client.post(
        url,
        {
            "date": "2026-05-01",
            "method": "visit",
            "findings": "工作台账记录不全，三月无日志",
            "rectification_required": "on",
            "rectification_deadline": "2026-04-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "工作台账记录不全，三月无日志" in page
    assert "晚于督查日期" in field_error(page, "rectification_deadline")
    assert not Inspection.objects.filter(posting=w.posting).exists()


def test_rectification_left_without_text_is_marked_on_its_own_inspection(client, on_post_world):
    w = on_post_world
    item = conduct.inspection_record(
        posting=w.posting,
        date=date(2026, 5, 1),
        method="visit",
        findings="台账不全",
        rectification_required=True,
        rectification_deadline=date(2026, 6, 1),
        acting_user=w.org_county_a,
    )
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-inspections", args=[w.posting.pk])
    response = client.post(url, {"what": "rectify", "inspection": item.pk, "rectified_at": "2026-05-20", "notes": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "notes")
    assert 'value="2026-05-20"' in field_block(page, "rectified_at")
    item.refresh_from_db()
    assert item.rectified_at is None


def test_work_log_without_content_keeps_place_and_date(client, on_post_world):
    w = on_post_world
    client.force_login(w.cadre_user)
    url = reverse("secondment:posting-worklog", args=[w.posting.pk])
    response = client.post(url, {"date": "2026-05-02", "content": "", "place": "石门村村委会"})
    page = response.content.decode()
    assert response.status_code == 200 and "石门村村委会" in page
    assert "这个字段是必填项" in field_error(page, "content")
    assert not w.posting.work_logs.exists()


def test_cancelling_a_leave_request_asks_first(client, on_post_world):
    w = on_post_world
    leave.leave_request_create(
        posting=w.posting,
        kind="personal",
        start_date=date(2026, 12, 10),
        end_date=date(2026, 12, 11),
        reason="事假",
        acting_user=w.cadre_user,
    )
    client.force_login(w.cadre_user)
    page = client.get(reverse("secondment:posting-leave", args=[w.posting.pk])).content.decode()
    assert 'data-confirm="撤销后这条请假申请作废，不能恢复；如仍需请假须重新申请。确定撤销？"' in page
    assert 'value="cancel"' in page
