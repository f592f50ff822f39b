"""Demo work reports in every state (the schedule itself comes from the postings' dates)."""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core import demo
from secondment.models import Posting

from . import services
from .models import WorkReport

TEXT = {
    "main_work": "走访农户和企业，参与镇党委会议，牵头推进柳溪村高标准农田项目。",
    "results": "协调落实项目资金，新建灌溉渠2公里；帮助3家合作社对接市场。",
    "problems": "对农村基层工作方法还不够熟悉，调研深度有待加强。",
    "next_plans": "完成项目验收；开展一次产业发展专题调研。",
}


def _backdate(report: WorkReport, days_before_due: int) -> None:
    """Demo data only: pretend the first submission happened on a given day (services stamp `now`)."""
    when = timezone.make_aware(datetime.combine(report.due_date - timedelta(days=days_before_due), time(10, 0)))
    WorkReport.objects.filter(pk=report.pk).update(
        first_submitted_at=when, submitted_at=when, submitted_late=days_before_due < 0
    )


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
    r = services.work_report_submit(report=quarterly[0], version=0, acting_user=cadre_user, **TEXT)
    services.work_report_accept(report=r, comments="内容详实。", acting_user=org)
    _backdate(r, 2)
    r = services.work_report_submit(report=quarterly[1], version=0, acting_user=cadre_user, **TEXT)
    services.work_report_return(report=r, comments="请补充项目资金和进度的具体数据。", acting_user=org)
    _backdate(r, 1)
    # with an attachment the reviewers open from the report page (served behind scope, core.files)
    services.work_report_attach(
        report=quarterly[2],
        upload=SimpleUploadedFile("柳溪村高标准农田项目进度表.pdf", _demo_pdf()),
        acting_user=cadre_user,
    )
    r = services.work_report_submit(report=quarterly[2], version=0, acting_user=cadre_user, **TEXT)
    _backdate(r, -6)
    # a draft in progress for Q4; the first half-year report accepted by the dispatching unit
    services.work_report_save_draft(
        report=quarterly[3], version=0, acting_user=cadre_user, main_work="（草稿）十月以来参与秋粮收购和防汛工作……"
    )
    r = services.work_report_submit(report=halves[0], version=0, acting_user=cadre_user, **TEXT)
    services.work_report_accept(report=r, comments="已阅，表现良好。", acting_user=dispatch)
    _backdate(r, 3)
    # other postings: some submitted on time, others missing (late)
    for other in Posting.objects.filter(status__in=["on_post", "term_ended"]).exclude(pk=posting.pk):
        for i, report in enumerate(other.reports.filter(due_date__lt=timezone.localdate()).order_by("due_date")):
            if i % 2 == 0:
                done = services.work_report_submit(report=report, version=0, acting_user=None, **TEXT)
                _backdate(done, 1)
    return WorkReport.objects.exclude(status="draft").count()


@demo.register(40)
def _seed(context: dict) -> str:
    seed_reports(users=context["users"])
    return ""
