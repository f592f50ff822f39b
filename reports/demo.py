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
