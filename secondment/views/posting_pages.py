"""What every posting page shares: the scoped posting, the tabs and the flags in the header."""

from django.urls import reverse
from django.utils import timezone

from .. import selectors
from ..access import posting_roles

# (key, label, url name): each tab is its own page, light enough for a phone.
TABS = [
    ("overview", "概况", "secondment:posting-detail"),
    ("reports", "工作汇报", "reports:posting"),
    ("leave", "请假与考勤", "secondment:posting-leave"),
    ("inspections", "督查抽查", "secondment:posting-inspections"),
    ("worklog", "工作日志", "secondment:posting-worklog"),
    ("support", "联络保障", "secondment:posting-support"),  # 轮岗、生活保障、情况反馈、座谈会 (issue 15)
    ("assessment", "考核鉴定", "assessments:posting"),
]


def _long_absence(posting, today):
    """Rule 6: unapproved absence adding up to LONG_ABSENCE_DAYS is flagged to the org department."""
    from ..filters import long_absence
    from ..models import Posting

    if long_absence(Posting.objects.filter(pk=posting.pk)).exists():
        from ..services.leave import leave_totals

        return [("long_absence", f"长期未经批准离岗（{leave_totals(posting)['absent']}天）")]
    return []


def _rectification_overdue(posting, today):
    """Rule 7: a rectification past its deadline and not done."""
    from ..filters import rectification_overdue
    from ..models import Posting

    return (
        [("rectification_overdue", "整改逾期")]
        if rectification_overdue(Posting.objects.filter(pk=posting.pk), today).exists()
        else []
    )


# fn(posting, today) -> list[(key, label)], shown in the header of every posting page
FLAG_SOURCES: list = [_long_absence, _rectification_overdue]


def posting_flags(posting, today=None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    return [flag for source in FLAG_SOURCES for flag in source(posting, today)]


def posting_context(request, pk: int, active_tab: str) -> dict:
    """The scoped posting (404 outside scope) and the shared page context."""
    posting = selectors.posting_get_for_user(user=request.user, pk=pk)
    tabs = [(key, label, reverse(name, args=[posting.pk])) for key, label, name in TABS]
    return {
        "posting": posting,
        "posting_tabs": tabs,
        "active_tab": active_tab,
        "posting_flags": posting_flags(posting),
        "roles_here": posting_roles(request.user, posting),
    }
