"""Demo work reports in every state (the schedule itself comes from the postings' dates)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core import demo
from core.demo import clock
from secondment.models import Posting

from . import services
from .models import WorkReport

TEXT = {
    "main_work": "走访农户和企业，参与镇党委会议，牵头推进柳溪村高标准农田项目。",
    "results": "协调落实项目资金，新建灌溉渠2公里；帮助3家合作社对接市场。",
    "problems": "对农村基层工作方法还不够熟悉，调研深度有待加强。",
    "next_plans": "完成项目验收；开展一次产业发展专题调研。",
}


def _submit(report: WorkReport, days_before_due: int, acting_user) -> WorkReport:
    """The cadre submits `days_before_due` days before the due date (negative: late), stamped that day."""
    with clock(report.due_date - timedelta(days=days_before_due)):
        version = WorkReport.objects.get(pk=report.pk).version
        return services.work_report_submit(report=report, version=version, acting_user=acting_user, **TEXT)


def _review(report: WorkReport, *, accept: bool, comments: str, acting_user) -> WorkReport:
    """The reviewer answers a few days after the submission."""
    with clock(timezone.localtime(report.submitted_at).date() + timedelta(days=4)):
        if accept:
            return services.work_report_accept(report=report, comments=comments, acting_user=acting_user)
        return services.work_report_return(report=report, comments=comments, acting_user=acting_user)


def _demo_pdf() -> bytes:
    """A one-page PDF (blank A4) standing in for a scanned progress sheet."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def seed_reports(*, users) -> int:
    if WorkReport.objects.exclude(status="draft").exists():
        return 0
    cadre_user, org, dispatch = users["cadre"], users["org_city"], users["dispatch"]
    posting = Posting.objects.get(cadre=cadre_user.cadre, status="on_post")
    quarterly = list(posting.reports.filter(cycle__recipient="org_dept").order_by("period_start"))
    halves = list(posting.reports.exclude(cycle__recipient="org_dept").order_by("period_start"))
    # Q1 accepted on time; Q2 returned for revision; Q3 submitted late and waiting for review
    r = _submit(quarterly[0], 2, cadre_user)
    _review(r, accept=True, comments="内容详实。", acting_user=org)
    r = _submit(quarterly[1], 1, cadre_user)
    _review(r, accept=False, comments="请补充项目资金和进度的具体数据。", acting_user=org)
    # with an attachment the reviewers open from the report page (served behind scope, core.files)
    with clock(quarterly[2].due_date + timedelta(days=5)):
        services.work_report_attach(
            report=quarterly[2],
            upload=SimpleUploadedFile("柳溪村高标准农田项目进度表.pdf", _demo_pdf()),
            acting_user=cadre_user,
        )
    _submit(quarterly[2], -6, cadre_user)  # late, waiting for review
    # a draft in progress for Q4; the first half-year report accepted by the dispatching unit, the second
    # submitted and waiting for it
    with clock(timezone.localdate() - timedelta(days=2)):
        services.work_report_save_draft(
            report=quarterly[3], version=0, acting_user=cadre_user, main_work="（草稿）十月以来参与秋粮收购和防汛工作……"
        )
    r = _submit(halves[0], 3, cadre_user)
    _review(r, accept=True, comments="已阅，表现良好。", acting_user=dispatch)
    if len(halves) > 1 and halves[1].due_date <= timezone.localdate() + timedelta(days=20):
        _submit(halves[1], max((halves[1].due_date - timezone.localdate()).days, 0) + 1, cadre_user)
    # other postings: some submitted on time, others missing (late)
    for other in Posting.objects.filter(status__in=["on_post", "term_ended"]).exclude(pk=posting.pk):
        for i, report in enumerate(other.reports.filter(due_date__lt=timezone.localdate()).order_by("due_date")):
            if i % 2 == 0:
                _submit(report, 1, None)
    return WorkReport.objects.exclude(status="draft").count()


@demo.register(40)
def _seed(context: dict) -> str:
    seed_reports(users=context["users"])
    return ""


def seed_department_reports(*, users) -> int:
    """The reports of the department's postings (secondment.demo.department): most accepted, some
    waiting for review, one returned, some never filed (逾期未报); each on the day it happened."""
    from secondment.demo.department import batch_names

    names = batch_names()
    postings = Posting.objects.filter(batch__name__in=[names["county"], names["city2"]]).order_by("id")
    if not postings.exists() or WorkReport.objects.filter(posting__in=postings).exclude(status="draft").exists():
        return 0
    today = timezone.localdate()
    org, dispatch, county_org = users["org_city"], users["dispatch"], users["org_county"]
    count = 0
    for n, posting in enumerate(postings.select_related("batch", "dispatching_unit")):
        due = list(posting.reports.filter(due_date__lt=today, out_of_term=False).select_related("cycle"))
        due.sort(key=lambda r: r.due_date)
        last = due[-1] if due else None
        last_quarterly = next((r for r in reversed(due) if r.cycle.recipient == "org_dept"), None)
        for i, report in enumerate(due):
            if report == last and n % 4 == 3:
                continue  # never filed: late
            r = _submit(report, 2 - (n + i) % 4, None)
            count += 1
            if report == last_quarterly and n % 4 == 1:
                continue  # waiting for the org department's review
            if report.cycle.recipient == "org_dept":
                reviewer = county_org if posting.batch.name == names["county"] else org
            else:
                reviewer = dispatch if posting.dispatching_unit.name == "临江市农业农村局" else None
                if report == last and (n % 3 == 0 or reviewer is not None):
                    continue  # waiting for the dispatching unit's reading (市农业农村局's: the demo login's)
            if report == last and n == 2:
                _review(r, accept=False, comments="请补充具体数据和典型事例。", acting_user=reviewer)
            else:
                _review(r, accept=True, comments="已阅。", acting_user=reviewer)
    return count


@demo.register(72)
def _seed_department(context: dict) -> str:
    n = seed_department_reports(users=context["users"])
    return f"组织部门日常：报送汇报 {n} 份" if n else ""
