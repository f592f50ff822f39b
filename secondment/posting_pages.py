"""What every posting page shares: the scoped posting, the tabs and the flags in the header."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from . import selectors
from .services.postings import posting_roles

# (key, label, url name): each tab is its own page, light enough for a phone.
TABS = [
    ("overview", "概况", "secondment:posting-detail"),
    ("reports", "工作汇报", "secondment:posting-reports"),
    ("leave", "请假与考勤", "secondment:posting-leave"),
    ("inspections", "督查抽查", "secondment:posting-inspections"),
    ("worklog", "工作日志", "secondment:posting-worklog"),
    ("assessment", "考核鉴定", "assessments:posting"),
]

# Flag sources register here: fn(posting, today) -> list[(key, label)]. Apps add their own.
FLAG_SOURCES: list = []


def posting_flags(posting, today=None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    return [flag for source in FLAG_SOURCES for flag in source(posting, today)]


def posting_context(request, pk: int, active_tab: str) -> dict:
    """The scoped posting (404 outside scope) and the shared page context."""
    posting = selectors.posting_get_for_user(user=request.user, pk=pk)
    tabs = []
    for key, label, name in TABS:
        try:
            tabs.append((key, label, reverse(name, args=[posting.pk])))
        except NoReverseMatch:  # a section whose pages are not mounted
            continue
    return {
        "posting": posting,
        "posting_tabs": tabs,
        "active_tab": active_tab,
        "posting_flags": posting_flags(posting),
        "roles_here": posting_roles(request.user, posting),
    }
