"""The home pages' to-dos (待办): each is a scoped queryset, counted on the home page and listed on its
own page (`dashboard:todo`, with Excel as a second step) or on an existing list page (`list_url`).
The count and the list come from the same queryset, so a number on the home page is always the
length of the list behind it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.roles import roles_of
from core.stats_cache import cached_stats
from secondment.access import batches_managed_by, postings_visible_to
from secondment.filters import long_absence, rectification_overdue
from secondment.models import Batch, ExtensionRequest, Nomination, Posting
from secondment.selectors import termination_queue_for_user

CLOSED = Posting.CLOSED_STATUSES
ORG, RECEIVE, DISPATCH = "org", "receive", "dispatch"


@dataclass(frozen=True)
class Row:
    """One line of a to-do list: who, what, where, when, and the page where it is done."""

    cadre: str
    what: str
    unit: str
    when: object
    url: str


@dataclass(frozen=True)
class Todo:
    key: str
    label: str
    section: str  # ORG, RECEIVE or DISPATCH: whose home page shows it
    items: Callable[..., QuerySet]  # (user) -> the scoped queryset
    row: Callable[..., Row] | None = None  # one item as a row of the to-do page
    list_url: Callable[[], str] | None = None  # an existing list page instead of the to-do page
    when_label: str = "日期"
    testid: str = ""  # a stable hook for the browser tests, where one is already known

    def url(self) -> str:
        return self.list_url() if self.list_url else reverse("dashboard:todo", args=[self.key])


def _unit_ids(user, role) -> tuple:
    return tuple(roles_of(user).unit_ids.get(role, ()))


def _posting_row(what: str, when_attr: str = "start_date", url_name: str = "secondment:posting-detail"):
    def row(p: Posting) -> Row:
        return Row(
            p.cadre.name,
            what,
            f"{p.receiving_unit.name} {p.post}",
            getattr(p, when_attr),
            reverse(url_name, args=[p.pk]),
        )

    return row


def _appraisal_row(what: str):
    def row(a) -> Row:
        p = a.posting
        return Row(
            p.cadre.name,
            what,
            f"{p.receiving_unit.name} {p.post}",
            p.end_date,
            reverse("assessments:posting", args=[p.pk]),
        )

    return row


# --- org department -------------------------------------------------------------------------------


def _org_postings(user):
    return postings_visible_to(user, Posting.objects.all()).select_related("cadre", "receiving_unit")


def org_nominations(user):
    return (
        Nomination.objects.filter(batch__in=batches_managed_by(user), status="nominated")
        .select_related("cadre", "batch", "dispatching_unit")
        .order_by("batch__nomination_deadline", "id")
    )


def org_arrivals_overdue(user):
    return _org_postings(user).arrival_overdue(timezone.localdate()).order_by("appointment_date", "id")


def org_reports_waiting(user):
    from reports.selectors import reports_awaiting_review

    return reports_awaiting_review(user=user)


def org_reports_missing(user):
    from reports.selectors import reports_missing

    return reports_missing(user=user)


def org_appraisals_to_conclude(user):
    from assessments.models import Appraisal

    return (
        Appraisal.objects.filter(posting__in=_org_postings(user), status="open", dispatch_at__isnull=False)
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("posting__end_date", "id")
    )


def org_rectifications_overdue(user):
    return rectification_overdue(_org_postings(user).exclude(status__in=CLOSED), timezone.localdate())


def org_long_absences(user):
    return long_absence(_org_postings(user))


def org_terminations(user):
    return termination_queue_for_user(user=user)


# --- receiving unit -------------------------------------------------------------------------------


def _received(user):
    return Posting.objects.filter(receiving_unit_id__in=_unit_ids(user, Role.RECEIVE_CONTACT))


def receive_arrivals(user):
    return (
        _received(user)
        .filter(status="appointed")
        .select_related("cadre", "receiving_unit")
        .order_by("start_date", "id")
    )


def receive_leave(user):
    from secondment.services.leave import leave_requests_awaiting

    return (
        leave_requests_awaiting(user)
        .filter(posting__receiving_unit_id__in=_unit_ids(user, Role.RECEIVE_CONTACT))
        .exclude(posting__status__in=CLOSED)
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("start_date", "id")
    )


def receive_evaluations(user):
    from assessments.models import Appraisal

    return (
        Appraisal.objects.filter(posting__in=_received(user), status="open", receiving_at__isnull=True)
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("posting__end_date", "id")
    )


# --- dispatching unit -----------------------------------------------------------------------------


def _dispatched(user):
    return Posting.objects.filter(dispatching_unit_id__in=_unit_ids(user, Role.DISPATCH_CONTACT))


def dispatch_appraisal_opinions(user):
    from assessments.models import Appraisal

    return (
        Appraisal.objects.filter(
            posting__in=_dispatched(user), status="open", dispatch_at__isnull=True, receiving_at__isnull=False
        )
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("posting__end_date", "id")
    )


def dispatch_annual_opinions(user):
    from assessments.models import AnnualAssessment

    return (
        AnnualAssessment.objects.filter(posting__in=_dispatched(user).exclude(status__in=CLOSED), status="proposed")
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("year", "id")
    )


def dispatch_extension_consents(user):
    return (
        ExtensionRequest.objects.filter(posting__in=_dispatched(user).exclude(status__in=CLOSED), decision="consent")
        .select_related("posting__cadre", "posting__receiving_unit")
        .order_by("id")
    )


def dispatch_open_batches(user):
    return (
        Batch.objects.filter(status="open", quotas__dispatching_unit_id__in=_unit_ids(user, Role.DISPATCH_CONTACT))
        .distinct()
        .order_by("nomination_deadline", "id")
    )


def dispatch_reports_waiting(user):
    from reports.selectors import reports_awaiting_review

    return reports_awaiting_review(user=user).exclude(cycle__recipient="org_dept")


def _report_row(r) -> Row:
    p = r.posting
    return Row(
        p.cadre.name,
        f"{r.cycle.name} {r.period_label}",
        p.receiving_unit.name,
        r.due_date,
        reverse("reports:detail", args=[r.pk]),
    )


TODOS: dict[str, Todo] = {
    t.key: t
    for t in [
        Todo(
            "nominations",
            "待决定的推荐",
            ORG,
            org_nominations,
            lambda n: Row(
                n.cadre.name,
                n.batch.name,
                n.dispatching_unit.name,
                n.batch.nomination_deadline,
                reverse("secondment:nomination-detail", args=[n.pk]),
            ),
            when_label="推荐截止",
        ),
        Todo(
            "arrivals_overdue",
            "逾期未到岗",
            ORG,
            org_arrivals_overdue,
            _posting_row("逾期未到岗", "appointment_date"),
            when_label="任职日期",
        ),
        Todo(
            "reports_waiting",
            "待审阅汇报",
            ORG,
            org_reports_waiting,
            _report_row,
            list_url=lambda: reverse("reports:queue"),
        ),
        Todo(
            "reports_missing",
            "逾期未报汇报",
            ORG,
            org_reports_missing,
            _report_row,
            list_url=lambda: reverse("reports:missing"),
        ),
        Todo(
            "appraisals_to_conclude",
            "待组织部门鉴定",
            ORG,
            org_appraisals_to_conclude,
            _appraisal_row("期满考核鉴定：组织部门鉴定"),
            when_label="期满日期",
        ),
        Todo(
            "rectifications_overdue",
            "整改逾期",
            ORG,
            org_rectifications_overdue,
            list_url=lambda: reverse("secondment:posting-list") + "?flag=rectification_overdue",
        ),
        Todo(
            "long_absences",
            "长期未经批准离岗",
            ORG,
            org_long_absences,
            list_url=lambda: reverse("secondment:posting-list") + "?flag=long_absence",
        ),
        Todo(
            "terminations_waiting",
            "待决定的终止挂职建议",
            ORG,
            org_terminations,
            list_url=lambda: reverse("secondment:termination-queue"),
            testid="termination-queue-link",
        ),
        Todo(
            "arrivals",
            "待确认到岗",
            RECEIVE,
            receive_arrivals,
            _posting_row("待确认到岗", "appointment_date"),
            when_label="任职日期",
        ),
        Todo(
            "leave",
            "待审批请假",
            RECEIVE,
            receive_leave,
            lambda r: Row(
                r.posting.cadre.name,
                f"{r.get_kind_display()} {r.start_date:%m.%d}–{r.end_date:%m.%d}",
                r.posting.receiving_unit.name,
                r.start_date,
                reverse("secondment:posting-leave", args=[r.posting_id]),
            ),
            when_label="开始日期",
        ),
        Todo(
            "evaluations",
            "待填写鉴定评价",
            RECEIVE,
            receive_evaluations,
            _appraisal_row("期满考核鉴定：接收单位评价"),
            when_label="期满日期",
        ),
        Todo(
            "appraisal_opinions",
            "待提鉴定意见",
            DISPATCH,
            dispatch_appraisal_opinions,
            _appraisal_row("期满考核鉴定：派出单位意见"),
            when_label="期满日期",
        ),
        Todo(
            "annual_opinions",
            "待提年度考核意见",
            DISPATCH,
            dispatch_annual_opinions,
            lambda a: Row(
                a.posting.cadre.name,
                f"{a.year}年度考核",
                a.posting.receiving_unit.name,
                a.proposed_at.date(),
                reverse("assessments:posting", args=[a.posting_id]),
            ),
            when_label="提出日期",
        ),
        Todo(
            "extension_consents",
            "待回复延期申请",
            DISPATCH,
            dispatch_extension_consents,
            lambda e: Row(
                e.posting.cadre.name,
                f"延期至{e.new_end_date:%Y-%m-%d}",
                e.posting.receiving_unit.name,
                e.posting.end_date,
                reverse("secondment:posting-detail", args=[e.posting_id]),
            ),
            when_label="原结束日期",
        ),
        Todo(
            "open_batches",
            "推荐中的批次",
            DISPATCH,
            dispatch_open_batches,
            lambda b: Row("", b.name, "", b.nomination_deadline, reverse("secondment:batch-detail", args=[b.pk])),
            when_label="推荐截止",
        ),
        Todo(
            "half_year_reports",
            "待阅半年报告",
            DISPATCH,
            dispatch_reports_waiting,
            _report_row,
            list_url=lambda: reverse("reports:queue"),
        ),
    ]
}


def todos_for(user, section: str) -> list[tuple[Todo, int]]:
    """The section's to-dos with their counts (one COUNT query each), cached per scope and day under the
    data version (core.stats_cache: the counts depend on the user's roles only)."""
    todos = [t for t in TODOS.values() if t.section == section]
    key = (roles_of(user).scope_key(), section, timezone.localdate())
    counts = cached_stats("todo_counts", key, lambda: [t.items(user).count() for t in todos])
    return list(zip(todos, counts, strict=True))


def may_see(user, todo: Todo) -> bool:
    roles = roles_of(user)
    return {
        ORG: roles.is_admin or roles.is_org_staff,
        RECEIVE: roles.is_receive_contact,
        DISPATCH: roles.is_dispatch_contact,
    }[todo.section]
