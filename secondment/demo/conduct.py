"""Demo leave, attendance, absence, inspections and work logs, so every flag shows."""

from datetime import time, timedelta

from django.utils import timezone

from core.demo import clock
from core.demo import story_date as on

from ..models import Inspection, LeaveRequest, Posting
from ..services import conduct, leave


def seed_conduct(*, users) -> int:
    if LeaveRequest.objects.exists():
        return 0
    cadre_user, receive, org = users["cadre"], users["receive"], users["org_city"]
    mine = Posting.objects.get(cadre=cadre_user.cadre, status="on_post")
    today = timezone.localdate()
    # the demo cadre: approved and pending leave, attendance, work logs, a rectified inspection
    with clock(on(2026, 5, 6)):
        approved = leave.leave_request_create(
            posting=mine,
            kind="personal",
            start_date=on(2026, 5, 11),
            end_date=on(2026, 5, 12),
            reason="家中老人就医",
            acting_user=cadre_user,
        )
    with clock(on(2026, 5, 7)):
        leave.leave_request_decide(leave=approved, approve=True, note="同意，注意安排好工作。", acting_user=receive)
    with clock(today - timedelta(days=1)):
        leave.leave_request_create(
            posting=mine,
            kind="annual",
            start_date=today + timedelta(days=10),
            end_date=today + timedelta(days=14),
            reason="年休假",
            acting_user=cadre_user,
        )
    for i, month in enumerate((on(2026, 4, 1), on(2026, 5, 1), on(2026, 6, 1))):
        with clock(on(2026, 5 + i, 3)):
            leave.attendance_record_set(
                posting=mine,
                month=month,
                days_present=21 if i != 1 else 19,
                days_on_leave=0 if i != 1 else 2,
                acting_user=receive,
            )
    for i, (content, place) in enumerate(
        [
            ("参加镇党委会议，研究秋粮收购工作", "镇政府"),
            ("走访柳溪村种粮大户5户，了解灌溉需求", "柳溪村"),
            ("陪同农业农村局调研高标准农田项目进度", "项目现场"),
        ]
    ):
        with clock(today - timedelta(days=3 - i), time(18, 0)):
            conduct.work_log_add(
                posting=mine, date=today - timedelta(days=3 - i), content=content, place=place, acting_user=cadre_user
            )
    with clock(on(2026, 6, 15)):
        done = conduct.inspection_record(
            posting=mine,
            date=on(2026, 6, 15),
            method="visit",
            findings="工作日志记录不够及时。",
            reminder_talk=True,
            reminder_talk_notes="已提醒按日记录。",
            rectification_required=True,
            rectification_deadline=on(2026, 6, 30),
            acting_user=org,
        )
    with clock(on(2026, 6, 25)):
        conduct.inspection_record_rectification(
            inspection=done, rectified_at=on(2026, 6, 25), notes="已补记并坚持每日记录。", acting_user=cadre_user
        )
    # another cadre on post: long unapproved absence and an overdue rectification (both flags)
    other = Posting.objects.filter(status="on_post").exclude(pk=mine.pk).first()
    if other is not None:
        _other_posting(other, org)
    return Inspection.objects.count()


def _other_posting(other, org) -> None:
    with clock(on(2026, 10, 15)):
        leave.absence_record_add(
            posting=other,
            start_date=on(2026, 10, 8),
            end_date=on(2026, 10, 14),
            notes="未请假离岗7天。",
            acting_user=None,
        )
    with clock(on(2026, 10, 20)):
        conduct.inspection_record(
            posting=other,
            date=on(2026, 10, 20),
            method="spot",
            findings="在岗情况不佳，群众反映较多。",
            reminder_talk=True,
            reminder_talk_notes="进行了提醒谈话。",
            rectification_required=True,
            rectification_deadline=on(2026, 11, 10),
            acting_user=org,
        )
