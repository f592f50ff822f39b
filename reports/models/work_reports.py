"""Work reports (工作汇报): cycles as data, the schedule of reports of each posting, every round kept."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomPath
from core.models import HistoryEntry, TimeStampedModel
from core.validators import single_line


class ReportCycle(models.Model):
    """A reporting duty (rule 5 and its local variants): quarterly to the org department, half-yearly
    to the dispatching unit, monthly to the dispatching unit's Party organization... Data, not code."""

    class Recipient(models.TextChoices):
        ORG_DEPT = "org_dept", _("组织部门")
        DISPATCHING_UNIT = "dispatching_unit", _("派出单位")
        DISPATCHING_PARTY = "dispatching_party", _("派出单位党组织")

    name = models.CharField(_("名称"), validators=[single_line], max_length=40)
    period_months = models.PositiveIntegerField(
        _("周期（月）"), choices=[(1, _("每月")), (3, _("每季度")), (6, _("每半年"))]
    )
    recipient = models.CharField(_("报送对象"), max_length=20, choices=Recipient.choices)
    due_days = models.PositiveIntegerField(_("期末后几日内报送"), default=5)
    jurisdiction = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("适用范围"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_cycles",
        help_text=_("留空表示全部；否则只适用于接收单位在该单位之下的挂职。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        db_table = "secondment_reportcycle"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("汇报周期")
        verbose_name_plural = _("汇报周期")
        ordering = ["period_months", "id"]

    def __str__(self) -> str:
        return self.name


class WorkReportQuerySet(models.QuerySet):
    pass


class WorkReport(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("未提交")
        SUBMITTED = "submitted", _("待审阅")
        RETURNED = "returned", _("退回修改")
        ACCEPTED = "accepted", _("已通过")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="reports"
    )
    cycle = models.ForeignKey(ReportCycle, verbose_name=_("汇报周期"), on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("期间自"))
    period_end = models.DateField(_("期间至"))
    due_date = models.DateField(_("报送期限"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    main_work = models.TextField(_("主要工作"), blank=True)
    results = models.TextField(_("取得成效"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_plans = models.TextField(_("下步打算"), blank=True)
    other = models.TextField(_("其他"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=0, help_text=_("每次保存加一，用于发现并发修改。"))
    first_submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("最近提交时间"), null=True, blank=True)
    submitted_late = models.BooleanField(
        _("逾期提交"), null=True, blank=True, help_text=_("首次提交时是否已过报送期限（按北京时间的日期）。")
    )
    out_of_term = models.BooleanField(
        _("不再要求"),
        default=False,
        help_text=_("挂职缩短、终止或结束后，未提交的该期汇报保留但不再要求：不再提醒，不计入报送率。"),
    )
    not_required_reason = models.CharField(_("不再要求的原因"), max_length=40, blank=True)

    objects = WorkReportQuerySet.as_manager()

    class Meta:
        db_table = "secondment_workreport"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("工作汇报")
        verbose_name_plural = _("工作汇报")
        ordering = ["due_date", "cycle_id", "id"]
        indexes = [
            # the review queue: submitted reports, oldest submission first (issue 18)
            models.Index(
                fields=["submitted_at", "id"], condition=models.Q(status="submitted"), name="report_review_queue"
            ),
            # compliance and the dashboard's on-time rate: a posting's reports by due date
            models.Index(fields=["posting", "due_date"], name="report_posting_due"),
            # 逾期未报: reports never submitted, by due date — the dashboard's and the org home page's count
            # and the missing-reports list; a few thousand rows of 134,000 at a province's size
            models.Index(
                fields=["due_date", "posting"],
                condition=models.Q(first_submitted_at__isnull=True, out_of_term=False),
                name="report_unsubmitted_due",
            ),
            # compliance by batch / by unit and the dashboard's on-time rate by quarter: every in-term
            # report's dates and lateness, read from the index alone (an index-only scan on PostgreSQL)
            # instead of the table, which carries the report bodies (110 MB at a province's size)
            models.Index(
                fields=["posting", "due_date", "period_end", "first_submitted_at", "submitted_late", "id"],
                condition=models.Q(out_of_term=False),
                name="report_compliance",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["posting", "cycle", "period_start"], name="report_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.cycle} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%Y.%m.%d}–{self.period_end:%Y.%m.%d}"

    def is_late(self, today=None) -> bool:
        """Late: submitted after the due date, or still not submitted once the due date has passed
        (dates in Asia/Shanghai)."""
        first = self.first_submitted_at
        if first is not None:
            return timezone.localtime(first).date() > self.due_date
        return (today or timezone.localdate()) > self.due_date

    SECTIONS = ("main_work", "results", "problems", "next_plans", "other")

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.SECTIONS}


class WorkReportRound(HistoryEntry):
    """Every submission, return and acceptance, with the text as it was (every round is kept)."""

    report = models.ForeignKey(WorkReport, verbose_name=_("工作汇报"), on_delete=models.CASCADE, related_name="rounds")
    action = models.CharField(_("操作"), max_length=16)
    comments = models.TextField(_("意见"), blank=True)
    snapshot = models.JSONField(_("当时的内容"), default=dict, blank=True)

    ACTION_LABELS = {"submit": "提交", "resubmit": "重新提交", "return": "退回修改", "accept": "通过"}

    class Meta(HistoryEntry.Meta):
        db_table = "secondment_workreportround"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("汇报审阅记录")
        verbose_name_plural = _("汇报审阅记录")

    def __str__(self) -> str:
        return f"{self.report} · {self.action_label}"

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)


def _attachment_path(instance, filename):
    # no longer used (names are random now, core.files.RandomPath); migration 0003 refers to it
    return f"reports/{instance.report.posting_id}/{instance.report_id}/{filename}"


class WorkReportAttachment(TimeStampedModel):
    report = models.ForeignKey(
        WorkReport, verbose_name=_("工作汇报"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), upload_to=RandomPath("reports"))
    name = models.CharField(_("文件名"), validators=[single_line], max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        db_table = "secondment_workreportattachment"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("汇报附件")
        verbose_name_plural = _("汇报附件")

    def __str__(self) -> str:
        return self.name
