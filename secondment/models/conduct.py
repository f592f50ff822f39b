"""What happens during a posting: leave (请假), attendance (考勤), unapproved absence, inspections
(督查/抽查) with reminder talks and rectification (限期整改), and the work log (工作日志)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.validators import single_line


class LeaveApprover(models.TextChoices):
    RECEIVING_UNIT = "receiving_unit", _("接收单位")
    COUNTY_ORG = "county_org", _("县（区）委组织部")
    CITY_ORG = "city_org", _("市委组织部")


class LeaveRule(models.Model):
    """Who approves leave, by length and cadre level, in a jurisdiction (rules are data).

    The rules of the nearest jurisdiction above the receiving unit apply, in `order`; the first rule
    whose day limit and rank floor fit decides the approver. Without any rule the default is: up to
    3 days the receiving unit, up to 7 days the county org department, longer the city org department.
    """

    jurisdiction = models.ForeignKey(
        "cadres.Unit", verbose_name=_("适用范围"), on_delete=models.CASCADE, related_name="leave_rules"
    )
    max_days = models.PositiveIntegerField(_("最多天数（含）"), null=True, blank=True, help_text=_("留空表示不限。"))
    min_rank = models.ForeignKey(
        "cadres.Rank",
        verbose_name=_("适用职级（不低于）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.CharField(_("审批方"), max_length=16, choices=LeaveApprover.choices)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("请假审批规则")
        verbose_name_plural = _("请假审批规则")
        ordering = ["jurisdiction_id", "order", "id"]

    def __str__(self) -> str:
        limit = f"≤{self.max_days}天" if self.max_days is not None else "不限天数"
        return f"{self.jurisdiction}：{limit} → {self.get_approver_display()}"


class LeaveRequest(TimeStampedModel):
    class Kind(models.TextChoices):
        PERSONAL = "personal", _("事假")
        SICK = "sick", _("病假")
        ANNUAL = "annual", _("年休假")
        FAMILY = "family", _("探亲假")
        MARRIAGE = "marriage", _("婚假")
        MATERNITY = "maternity", _("产假/陪产假")
        BEREAVEMENT = "bereavement", _("丧假")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")
        CANCELLED = "cancelled", _("已撤销")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="leave_requests"
    )
    kind = models.CharField(_("假别"), max_length=16, choices=Kind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    days = models.PositiveIntegerField(_("天数"), validators=[MinValueValidator(1)])
    reason = models.TextField(_("事由"))
    approver = models.CharField(_("审批方"), max_length=16, choices=LeaveApprover.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("请假")
        verbose_name_plural = _("请假")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.get_kind_display()} {self.days}天"


class AttendanceRecord(TimeStampedModel):
    """Monthly attendance (月度考勤) entered by the receiving unit."""

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="attendance"
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    days_present = models.PositiveIntegerField(_("出勤天数"))
    days_on_leave = models.PositiveIntegerField(_("请假天数"), default=0)
    days_absent = models.PositiveIntegerField(_("未经批准缺勤天数"), default=0)
    notes = models.CharField(_("备注"), validators=[single_line], max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("月度考勤")
        verbose_name_plural = _("月度考勤")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["posting", "month"], name="attendance_one_per_month")]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.month:%Y-%m}"


class AbsenceRecord(TimeStampedModel):
    """Days away from the post without approved leave (rule 6), recorded by the receiving unit."""

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="absences"
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    days = models.PositiveIntegerField(_("天数"), validators=[MinValueValidator(1)])
    notes = models.TextField(_("情况说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("未经批准离岗")
        verbose_name_plural = _("未经批准离岗")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.start_date}–{self.end_date}"


class Inspection(TimeStampedModel):
    """督查/抽查 of a posting, with an optional reminder talk and rectification deadline (rule 7)."""

    class Method(models.TextChoices):
        SCHEDULED = "scheduled", _("定期督查")
        SPOT = "spot", _("随机抽查")
        PHONE = "phone", _("电话抽查")
        VISIT = "visit", _("实地走访")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="inspections"
    )
    date = models.DateField(_("日期"))
    method = models.CharField(_("方式"), max_length=16, choices=Method.choices)
    findings = models.TextField(_("发现情况"))
    reminder_talk = models.BooleanField(_("提醒谈话"), default=False)
    reminder_talk_notes = models.TextField(_("谈话情况"), blank=True)
    rectification_required = models.BooleanField(_("限期整改"), default=False)
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_at = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_notes = models.TextField(_("整改情况"), blank=True)
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("整改填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("督查抽查")
        verbose_name_plural = _("督查抽查")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.date} {self.get_method_display()}"


class WorkLogEntry(TimeStampedModel):
    """工作日志: the cadre's dated entries; read by the receiving unit and the org department."""

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="work_logs"
    )
    date = models.DateField(_("日期"))
    content = models.TextField(_("工作内容"))
    place = models.CharField(_("地点"), validators=[single_line], max_length=100, blank=True)
    participants = models.CharField(_("参与人员"), validators=[single_line], max_length=200, blank=True)

    class Meta:
        verbose_name = _("工作日志")
        verbose_name_plural = _("工作日志")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.date}"
