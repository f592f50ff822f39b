"""Postings (挂职): one cadre seconded from a dispatching unit to a receiving unit, and its history."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import HistoryEntry, TimeStampedModel
from core.validators import single_line

ARRIVAL_DAYS = 14  # 挂职人员须在2周内到岗 (seed 004)


class PostingQuerySet(models.QuerySet):
    def active(self):
        """Postings the cadre is on or about to be on (拟派, 待到岗, 在岗, 期满待鉴定)."""
        return self.filter(status__in=Posting.ACTIVE_STATUSES)

    def arrival_overdue(self, today=None):
        """待到岗 past the arrival deadline (appointment date + 14 days, Asia/Shanghai dates)."""
        today = today or timezone.localdate()
        return self.filter(status=Posting.Status.APPOINTED, appointment_date__lt=today - timedelta(days=ARRIVAL_DAYS))

    def with_flags(self, today=None):
        """Annotate `arrival_overdue` (bool) for lists, computed in the database."""
        today = today or timezone.localdate()
        overdue = Q(status=Posting.Status.APPOINTED, appointment_date__lt=today - timedelta(days=ARRIVAL_DAYS))
        return self.annotate(arrival_overdue=models.ExpressionWrapper(overdue, output_field=models.BooleanField()))


class Posting(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("拟派")
        APPOINTED = "appointed", _("待到岗")
        ON_POST = "on_post", _("在岗")
        TERM_ENDED = "term_ended", _("期满待鉴定")
        COMPLETED = "completed", _("已结束")
        TERMINATED = "terminated", _("终止")

    class Filing(models.TextChoices):
        PENDING = "pending", _("未备案")
        FILED = "filed", _("已备案")

    ACTIVE_STATUSES = ("planned", "appointed", "on_post", "term_ended")
    # terminated or completed: closed everywhere (rule 11): no reminder, calendar event or to-do
    CLOSED_STATUSES = ("terminated", "completed")

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("挂职干部"), on_delete=models.PROTECT, related_name="postings"
    )
    batch = models.ForeignKey(
        "secondment.Batch", verbose_name=_("批次"), on_delete=models.PROTECT, related_name="postings"
    )
    nomination = models.OneToOneField(
        "secondment.Nomination",
        verbose_name=_("推荐"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posting",
    )
    dispatching_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("派出单位"), on_delete=models.PROTECT, related_name="dispatched_postings"
    )
    receiving_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="received_postings"
    )
    post = models.CharField(_("挂任职务"), validators=[single_line], max_length=60)
    original_post = models.CharField(
        _("原单位职务（保留）"),
        validators=[single_line],
        max_length=60,
        blank=True,
        help_text=_("挂职期间派出单位保留其原职务（seed 004）。"),
    )
    appointment_doc_no = models.CharField(_("任职文号"), validators=[single_line], max_length=60, blank=True)
    appointment_date = models.DateField(_("任职日期"), null=True, blank=True)
    filing = models.CharField(_("备案"), max_length=8, choices=Filing.choices, default=Filing.PENDING)
    filing_no = models.CharField(_("备案编号"), validators=[single_line], max_length=60, blank=True)
    filing_date = models.DateField(_("备案日期"), null=True, blank=True)
    start_date = models.DateField(_("开始日期"))
    planned_end_date = models.DateField(_("原定结束日期"), help_text=_("开始日期加批次期限；延期或缩短不改变此日期。"))
    end_date = models.DateField(_("结束日期"), help_text=_("当前的结束日期（含延期、缩短）。"))
    arrival_date = models.DateField(_("到岗日期"), null=True, blank=True)
    mentor = models.CharField(_("帮带领导"), validators=[single_line], max_length=60, blank=True)
    duties = models.TextField(_("定职（分管工作）"), blank=True)
    responsibilities = models.TextField(_("定责（工作职责）"), blank=True)
    training_plan = models.TextField(_("定培养计划"), blank=True)
    subsidy_monthly = models.DecimalField(_("生活补助（元/月）"), max_digits=8, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PLANNED, db_index=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("挂职")
        verbose_name_plural = _("挂职")
        ordering = ["-start_date", "-id"]
        indexes = [
            # the posting list's order (newest first), read a page at a time (issue 18)
            models.Index(fields=["-start_date", "-id"], name="posting_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(status__in=["planned", "appointed", "on_post", "term_ended"]),
                name="posting_one_active_per_cadre",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.receiving_unit} {self.post}"

    @property
    def arrival_deadline(self):
        """Arrival deadline (到岗期限): appointment date + 14 days (rule 2)."""
        return self.appointment_date + timedelta(days=ARRIVAL_DAYS) if self.appointment_date else None

    def is_arrival_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.APPOINTED and bool(self.arrival_deadline) and today > self.arrival_deadline


class PostingStatusChange(HistoryEntry):
    """History of a posting (履历): every transition and decision, who, when, from, to, why."""

    posting = models.ForeignKey(Posting, verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("操作"), max_length=32)
    from_status = models.CharField(_("原状态"), max_length=16, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("挂职变动记录")
        verbose_name_plural = _("挂职变动记录")

    ACTION_LABELS = {
        "create": "建立挂职",
        "appoint": "任职",
        "confirm_arrival": "确认到岗",
        "extend": "延期",
        "shorten": "提前结束",
        "end_term": "期满",
        "terminate": "终止挂职",
        "complete": "鉴定完成",
        "file": "备案",
        "plan": "三定与帮带",
        "extension_request": "申请延期",
        "extension_consent": "派出单位同意延期",
        "extension_consent_refused": "派出单位不同意延期",
        "extension_rejected": "不同意延期",
        "termination_proposed": "提出终止建议",
        "termination_rejected": "不同意终止",
        "formality": "任职手续",
    }

    def __str__(self) -> str:
        return f"{self.posting} · {self.action_label}"

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return Posting.Status(self.from_status).label if self.from_status else "—"

    @property
    def to_label(self) -> str:
        return Posting.Status(self.to_status).label if self.to_status else ""


class ExtensionConditionKind(models.TextChoices):
    """The customary conditions of an extension (DOMAIN "Practice that varies by place")."""

    RECEIVING_REQUEST = "receiving_request", _("接收单位提出申请")
    DISPATCH_CONSENT = "dispatch_consent", _("派出单位同意")
    ASSESSMENT = "assessment", _("年度考核等次")
    CADRE_WILLING = "cadre_willing", _("本人自愿")


class MinGrade(models.TextChoices):
    """The lowest annual result an assessment condition accepts, by the result code of national
    cadre-information systems (优秀=1, 称职/合格=2, 基本称职/基本合格=3, 不称职/不合格=4)."""

    EXCELLENT = "1", _("优秀")
    COMPETENT = "2", _("称职（合格）及以上")
    BASIC = "3", _("基本称职（基本合格）及以上")


class ExtensionCondition(models.Model):
    """A condition an extension needs in a jurisdiction (conditions are data). The conditions of the
    nearest jurisdiction at or above the batch's organizer that has any apply; without, those with no
    jurisdiction (the defaults, loaded by a data migration: the four of DOMAIN.md)."""

    jurisdiction = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("适用范围"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="extension_conditions",
        help_text=_("留空为默认条件（没有本地条件的管辖范围适用）。"),
    )
    kind = models.CharField(_("条件"), max_length=20, choices=ExtensionConditionKind.choices)
    min_grade = models.CharField(
        _("年度考核等次不低于"),
        max_length=1,
        choices=MinGrade.choices,
        blank=True,
        help_text=_("仅“年度考核等次”条件填写：挂职期间的年度考核结果均须达到此等次。"),
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("延期条件")
        verbose_name_plural = _("延期条件")
        ordering = ["jurisdiction_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "kind"], name="extension_condition_unique_kind"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(jurisdiction__isnull=True), name="extension_condition_unique_default"
            ),
        ]

    def __str__(self) -> str:
        where = self.jurisdiction or _("默认")
        grade = f"（{self.get_min_grade_display()}）" if self.min_grade else ""
        return f"{where}：{self.get_kind_display()}{grade}"

    def clean(self) -> None:
        if self.kind == ExtensionConditionKind.ASSESSMENT and not self.min_grade:
            raise ValidationError({"min_grade": _("“年度考核等次”条件须选择最低等次。")})
        if self.kind != ExtensionConditionKind.ASSESSMENT and self.min_grade:
            raise ValidationError({"min_grade": _("只有“年度考核等次”条件设最低等次。")})


class ExtensionRequest(TimeStampedModel):
    """延期申请: the receiving unit asks (with its reasons), the dispatching contact consents or refuses
    in their own step, the org department decides; the conditions that applied are kept with the
    request, and the assessment condition links the posting's annual results (AnnualAssessment)."""

    class Decision(models.TextChoices):
        AWAITING_CONSENT = "consent", _("待派出单位意见")
        PENDING = "pending", _("待组织部门决定")
        APPROVED = "approved", _("同意延期")
        REJECTED = "rejected", _("不同意")

    class Consent(models.TextChoices):
        NOT_ASKED = "", _("未征求")
        GIVEN = "given", _("同意")
        REFUSED = "refused", _("不同意")

    posting = models.ForeignKey(
        Posting, verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="extension_requests"
    )
    new_end_date = models.DateField(_("延期至"))
    receiving_unit_request = models.TextField(_("接收单位申请理由"))
    conditions = models.JSONField(
        _("适用的延期条件"), default=list, blank=True, help_text=_("申请时适用的条件：[{kind, min_grade}]。")
    )
    consent = models.CharField(_("派出单位意见"), max_length=8, choices=Consent.choices, blank=True, default="")
    consent_reason = models.TextField(_("派出单位意见理由"), blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("派出单位意见人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("派出单位意见时间"), null=True, blank=True)
    assessment_summary = models.CharField(
        _("考核情况（旧文字记录）"),
        validators=[single_line],
        max_length=100,
        blank=True,
        help_text=_("改版前手填的文字，仅作留存；现以关联的年度考核结果为准。"),
    )
    cadre_willing = models.BooleanField(_("本人自愿"), default=False)
    decision = models.CharField(_("决定"), max_length=8, choices=Decision.choices, default=Decision.AWAITING_CONSENT)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.posting} 延期至 {self.new_end_date}"

    @property
    def condition_labels(self) -> list[str]:
        """The conditions that applied, in words (年度考核等次（称职（合格）及以上）…)."""
        labels = []
        for c in self.conditions:
            label = ExtensionConditionKind(c["kind"]).label
            labels.append(f"{label}（{MinGrade(c['min_grade']).label}）" if c.get("min_grade") else str(label))
        return labels

    @property
    def is_open(self) -> bool:
        return self.decision in (self.Decision.AWAITING_CONSENT, self.Decision.PENDING)
