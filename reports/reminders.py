"""Reminders about work reports (scan rules for core.reminders): due, overdue up the escalation ladder,
and the reviewers' daily digest. Offsets come from settings (REMINDER_*); each rung is sent once, on its
day or at the first scan after it (core.reminders.latest_rung)."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from core.reminders import Candidate, latest_rung, link_for, rule
from secondment.models import Posting
from secondment.reminders import POSTING, POSTING_ROW_SIZE, PostingRow, Recipients, posting_row_fields

from .models import WorkReport


def _report_rows(queryset, *fields: str):
    """(PostingRow, *fields) per report, as plain values in one query (no model instances)."""
    for values in queryset.values_list(*posting_row_fields("posting__"), *fields).iterator(chunk_size=5000):
        yield PostingRow(*values[:POSTING_ROW_SIZE]), *values[POSTING_ROW_SIZE:]


def _period_label(start: date, end: date) -> str:
    return f"{start:%Y.%m.%d}–{end:%Y.%m.%d}"  # as WorkReport.period_label


@rule
def reports_due(today: date):
    """7 and 1 days before the due date, to the cadre: each rung once, on its day or at the first scan
    after it while the report is not yet due."""
    days = settings.REMINDER_REPORT_DUE_BEFORE
    reports = list(
        _report_rows(
            WorkReport.objects.filter(
                status__in=["draft", "returned"],
                first_submitted_at__isnull=True,
                out_of_term=False,
                due_date__gte=today,
                due_date__lte=today + timedelta(days=max(days)),
            ),
            "pk",
            "due_date",
            "cycle__name",
            "period_start",
            "period_end",
        )
    )
    who = Recipients(posting for posting, *_ in reports)
    _report_url = link_for("reports:detail")
    for posting, pk, due_date, cycle, start, end in reports:
        left = (due_date - today).days
        rung = latest_rung(-left, [-d for d in days])
        if rung is None:
            continue
        for uid in who.of(posting, "cadre"):
            yield Candidate(
                f"report_due:{pk}:{-rung}:{uid}",
                uid,
                "report_due",
                f"{cycle}（{_period_label(start, end)}）将于{due_date:%m月%d日}到期",
                f"请在{due_date:%Y年%m月%d日}前提交，还有{left}天。",
                _report_url(pk),
                posting.pk,
                subject_type=POSTING,
            )


@rule
def reports_overdue(today: date):
    """Overdue and not submitted: up the escalation ladder (REMINDER_ESCALATION), each rung to its own
    role on its own day, once. After a gap only the latest rung reached is sent (the roles below it
    were passed over, not sent late in a burst)."""
    ladder = settings.REMINDER_ESCALATION
    reports = list(
        _report_rows(
            WorkReport.objects.filter(
                status="draft", out_of_term=False, due_date__lt=today, posting__status__in=["on_post", "term_ended"]
            ),
            "pk",
            "due_date",
            "cycle__name",
            "period_start",
            "period_end",
        )
    )
    who = Recipients(posting for posting, *_ in reports)
    _report_url = link_for("reports:detail")
    for posting, pk, due_date, cycle, start, end in reports:
        over = (today - due_date).days
        rung = latest_rung(over, [threshold for threshold, _role in ladder])
        if rung is None:
            continue
        for role in sorted({role for threshold, role in ladder if threshold == rung}):
            for uid in who.of(posting, role):
                title = (
                    f"{cycle}（{_period_label(start, end)}）已逾期{over}天"
                    if role == "cadre"
                    else f"{posting.cadre_name}的{cycle}已逾期{over}天"
                )
                yield Candidate(
                    f"report_overdue:{pk}:{rung}:{uid}",
                    uid,
                    "report_overdue",
                    title,
                    f"报送期限为{due_date:%Y年%m月%d日}。",
                    _report_url(pk),
                    posting.pk,
                    subject_type=POSTING,
                )


@rule
def reports_waiting_for_review(today: date):
    """A daily digest per reviewer."""
    reports = list(
        _report_rows(
            WorkReport.objects.filter(status="submitted").exclude(
                posting__status__in=Posting.CLOSED_STATUSES  # a closed posting reminds nobody
            ),
            "cycle__recipient",
        )
    )
    who = Recipients(posting for posting, _ in reports)
    waiting = defaultdict(int)
    for posting, recipient in reports:
        role = "org_staff" if recipient == "org_dept" else "dispatch_contact"
        for uid in who.of(posting, role):
            waiting[uid] += 1
    for uid, count in waiting.items():
        yield Candidate(
            f"review_digest:{uid}:{today:%Y-%m-%d}",
            uid,
            "review_digest",
            f"有{count}份工作汇报待您审阅",
            "",
            reverse("reports:queue"),
            subject_type=POSTING,
        )
