"""Who sees and may act on work reports (STYLE.md "Access next to the entity").

A report is seen by whoever sees its posting (the cadre, the receiving unit, the dispatching unit, the
org departments concerned). The cadre writes it while it is a draft or returned; the reviewer is the
org department for quarterly reports (org_dept cycles) and the dispatching unit for the others.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import roles_of
from secondment.access import posting_roles, postings_visible_to

from .models import ReportCycle, WorkReport, WorkReportAttachment
from .workflow import EDITABLE


def work_reports_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else WorkReport.objects.all()
    if roles_of(user).is_admin:
        return qs
    return qs.filter(posting__in=postings_visible_to(user))


def work_report_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> WorkReport:
    report = work_reports_visible_to(user, queryset).filter(pk=pk).first()
    if report is None:
        raise Http404(gettext("工作汇报不存在或不在您的权限范围内"))
    return report


def work_report_attachments_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """A report's attachments are seen by whoever sees the report (its reviewers included)."""
    qs = queryset if queryset is not None else WorkReportAttachment.objects.all()
    return qs.filter(report__in=work_reports_visible_to(user))


def reviewer_roles(report: WorkReport) -> set[str]:
    """Quarterly reports go to the org department, the others to the dispatching unit."""
    if report.cycle.recipient == ReportCycle.Recipient.ORG_DEPT:
        return {"org_staff"}
    return {"dispatch_contact"}


def may_review(user, report: WorkReport) -> bool:
    return bool(posting_roles(user, report.posting) & reviewer_roles(report))


def may_write(user, report: WorkReport) -> bool:
    """The author: the seconded cadre (or the system, for imports and the demo)."""
    return bool(posting_roles(user, report.posting) & {"cadre", "system"})


def work_report_actions(user, report: WorkReport) -> set[str]:
    """ "write" (save a draft, submit, attach) while the report is editable, for its cadre; "review"
    (accept, return) while it waits, for its reviewer."""
    actions = set()
    if report.status in EDITABLE and may_write(user, report) and user is not None:
        actions.add("write")
    if report.status == WorkReport.Status.SUBMITTED and may_review(user, report):
        actions.add("review")
    return actions
