"""Annual assessments (年度考核) and end-of-term appraisals (期满考核鉴定), with their reference data:
grade scales and versioned indicator templates."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import HistoryEntry, TimeStampedModel
from core.validators import single_line

USER = settings.AUTH_USER_MODEL


class GradeScale(models.Model):
    """等次体系: 优秀/称职/基本称职/不称职 for civil servants, 优秀/合格/基本合格/不合格 for other staff."""

    name = models.CharField(_("名称"), validators=[single_line], max_length=40, unique=True)
    is_default = models.BooleanField(_("默认"), default=False)

    class Meta:
        verbose_name = _("考核等次体系")
        verbose_name_plural = _("考核等次体系")

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    scale = models.ForeignKey(GradeScale, verbose_name=_("等次体系"), on_delete=models.CASCADE, related_name="grades")
    name = models.CharField(_("等次"), validators=[single_line], max_length=20)
    code = models.CharField(
        _("代码"), max_length=2, help_text=_("干部信息系统中的年度考核结果代码：优秀=1 … 不称职=4。")
    )
    min_score = models.DecimalField(
        _("综合得分下限"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("综合得分不低于此值时建议该等次；留空表示不参与建议（如不定等次）。"),
    )
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核等次")
        verbose_name_plural = _("考核等次")
        ordering = ["scale_id", "order"]
        constraints = [models.UniqueConstraint(fields=["scale", "name"], name="grade_unique_name")]

    def __str__(self) -> str:
        return self.name


class IndicatorTemplate(models.Model):
    """A versioned set of indicators (default 德20 能15 勤15 绩30 廉20 on 0–100). An appraisal keeps the
    version it used: a template in use is never edited; a change is a new version."""

    name = models.CharField(_("名称"), validators=[single_line], max_length=60)
    version = models.PositiveIntegerField(_("版本"), default=1)
    is_active = models.BooleanField(_("当前使用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考核指标模板")
        verbose_name_plural = _("考核指标模板")
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="template_unique_version")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"


class IndicatorItem(models.Model):
    template = models.ForeignKey(
        IndicatorTemplate, verbose_name=_("模板"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("指标"), validators=[single_line], max_length=20)
    weight = models.DecimalField(_("权重（分）"), max_digits=5, decimal_places=2)
    description = models.TextField(_("考核要点"), blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["template_id", "order"]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}）"


class AnnualPractice(models.Model):
    """Who determines the annual grade in a jurisdiction (做法因地而异). Default, without a row (seed 004
    "参加接收单位年度考核，征求派出单位意见后，确定考核等次"): the receiving unit determines the grade after
    the dispatching unit's opinion, the org department records it. The nearest jurisdiction at or above
    the batch's organizer that has a row decides."""

    class Determiner(models.TextChoices):
        RECEIVING_UNIT = "receiving_unit", _("接收单位确定等次，组织部门备案")
        ORG_DEPARTMENT = "org_department", _("组织部门确定等次")

    jurisdiction = models.OneToOneField(
        "cadres.Unit", verbose_name=_("适用范围"), on_delete=models.CASCADE, related_name="annual_practice"
    )
    determiner = models.CharField(
        _("年度考核等次确定方"), max_length=16, choices=Determiner.choices, default=Determiner.RECEIVING_UNIT
    )
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如本地文件名称、文号。"))

    class Meta:
        verbose_name = _("年度考核做法")
        verbose_name_plural = _("年度考核做法")
        ordering = ["jurisdiction_id"]

    def __str__(self) -> str:
        return f"{self.jurisdiction}：{self.get_determiner_display()}"


class AnnualAssessment(TimeStampedModel):
    """年度考核 of a cadre on post, one per posting per year within its term: the receiving unit
    proposes a grade, the dispatching unit gives its opinion, then the grade is determined (by the
    receiving unit, and the org department records it; or by the org department, as the
    jurisdiction's AnnualPractice says) — rules 8 and 12."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("接收单位已提出")
        OPINION = "opinion", _("派出单位已提意见")
        DETERMINED = "determined", _("接收单位已确定等次")
        CONFIRMED = "confirmed", _("组织部门已备案")

    # the grade is set in these statuses (the result linked to an extension request)
    GRADED_STATUSES = ("determined", "confirmed")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.PROTECT, related_name="annual_assessments"
    )
    year = models.PositiveIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    proposed_grade = models.ForeignKey(
        Grade, verbose_name=_("接收单位建议等次"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_comments = models.TextField(_("接收单位评语"))
    proposed_by = models.ForeignKey(
        USER, verbose_name=_("提出人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("提出时间"))
    dispatch_opinion = models.TextField(_("派出单位意见"), blank=True)
    dispatch_by = models.ForeignKey(
        USER, verbose_name=_("派出单位意见人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dispatch_at = models.DateTimeField(_("派出单位意见时间"), null=True, blank=True)
    final_grade = models.ForeignKey(
        Grade, verbose_name=_("确定等次"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    determined_by = models.ForeignKey(
        USER, verbose_name=_("确定等次人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    determined_at = models.DateTimeField(_("确定等次时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        USER, verbose_name=_("组织部门备案人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("组织部门备案时间"), null=True, blank=True)
    extension_requests = models.ManyToManyField(
        "secondment.ExtensionRequest",
        verbose_name=_("作为延期条件的延期申请"),
        blank=True,
        related_name="annual_results",
        help_text=_("延期申请核对“年度考核等次”条件时关联的考核结果。"),
    )

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["posting", "year"], name="annual_one_per_year")]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.year}年度考核"


class Appraisal(TimeStampedModel):
    """期满考核鉴定 of one posting. Finalized, it never changes; a correction is a new version linked
    to the old one, and both stay visible."""

    class Status(models.TextChoices):
        OPEN = "open", _("鉴定中")
        FINALIZED = "finalized", _("已定稿")
        CLOSED = "closed", _("已终止（挂职终止）")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.PROTECT, related_name="appraisals"
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    previous = models.OneToOneField(
        "self", verbose_name=_("更正前版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    correction_reason = models.TextField(_("更正理由"), blank=True)
    template = models.ForeignKey(IndicatorTemplate, verbose_name=_("指标模板"), on_delete=models.PROTECT)
    scale = models.ForeignKey(GradeScale, verbose_name=_("等次体系"), on_delete=models.PROTECT)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    # 1. the cadre's self-summary
    self_summary = models.TextField(_("个人总结"), blank=True)
    self_summary_at = models.DateTimeField(_("个人总结提交时间"), null=True, blank=True)
    # 2. the receiving unit's evaluation (scores in AppraisalScore) and written opinion in four parts
    opinion_intro = models.TextField(_("基本情况"), blank=True)
    opinion_strengths = models.TextField(_("主要优点"), blank=True)
    opinion_shortcomings = models.TextField(_("主要不足"), blank=True)
    opinion_hopes = models.TextField(_("希望"), blank=True)
    main_work = models.TextField(_("挂职期间主要工作/分管工作"), blank=True)
    receiving_by = models.ForeignKey(
        USER, verbose_name=_("接收单位评价人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    receiving_at = models.DateTimeField(_("接收单位评价时间"), null=True, blank=True)
    # 3. democratic evaluation (民主测评)
    headcount = models.PositiveIntegerField(_("总人数"), null=True, blank=True)
    expected = models.PositiveIntegerField(_("应到人数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    ballots_valid = models.PositiveIntegerField(_("有效票"), null=True, blank=True)
    ballots_invalid = models.PositiveIntegerField(_("无效票"), null=True, blank=True)
    ballots_abstain = models.PositiveIntegerField(_("弃权票"), null=True, blank=True)
    votes_excellent = models.PositiveIntegerField(_("优秀票"), null=True, blank=True)
    votes_competent = models.PositiveIntegerField(_("称职（合格）票"), null=True, blank=True)
    votes_basic = models.PositiveIntegerField(_("基本称职（基本合格）票"), null=True, blank=True)
    votes_incompetent = models.PositiveIntegerField(_("不称职（不合格）票"), null=True, blank=True)
    votes_unknown = models.PositiveIntegerField(_("不了解票"), null=True, blank=True)
    democratic_by = models.ForeignKey(
        USER, verbose_name=_("测评录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    democratic_at = models.DateTimeField(_("测评录入时间"), null=True, blank=True)
    # 4. individual talks and verification
    talks = models.TextField(_("个别谈话情况"), blank=True)
    verification = models.TextField(_("调查核实情况"), blank=True)
    talks_by = models.ForeignKey(
        USER, verbose_name=_("谈话记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    talks_at = models.DateTimeField(_("谈话记录时间"), null=True, blank=True)
    # 5. the dispatching unit's opinion
    dispatch_opinion = models.TextField(_("派出单位意见"), blank=True)
    dispatch_by = models.ForeignKey(
        USER, verbose_name=_("派出单位意见人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dispatch_at = models.DateTimeField(_("派出单位意见时间"), null=True, blank=True)
    # 6. the org department's conclusion
    conclusion = models.TextField(_("组织部门鉴定意见"), blank=True)
    composite_score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    suggested_grade = models.ForeignKey(
        Grade, verbose_name=_("建议等次"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_grade = models.ForeignKey(
        Grade, verbose_name=_("鉴定等次"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grade_deviation_reason = models.TextField(_("等次与建议不一致的理由"), blank=True)
    filing_no = models.CharField(_("备案编号"), validators=[single_line], max_length=60, blank=True)
    conclusion_by = models.ForeignKey(
        USER, verbose_name=_("鉴定人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusion_at = models.DateTimeField(_("鉴定时间"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        USER, verbose_name=_("定稿人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalized_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("期满考核鉴定")
        verbose_name_plural = _("期满考核鉴定")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["posting", "version"], name="appraisal_unique_version")]

    def __str__(self) -> str:
        return f"{self.posting.cadre} 期满考核鉴定（第{self.version}版）"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.FINALIZED


class AppraisalScore(models.Model):
    appraisal = models.ForeignKey(Appraisal, verbose_name=_("鉴定"), on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(IndicatorItem, verbose_name=_("指标"), on_delete=models.PROTECT)
    score = models.DecimalField(
        _("得分（0–100）"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        constraints = [models.UniqueConstraint(fields=["appraisal", "item"], name="score_one_per_item")]

    def __str__(self) -> str:
        return f"{self.item.name} {self.score}"


class AppraisalEvent(HistoryEntry):
    """Who did which step of an appraisal, when (rule 10)."""

    appraisal = models.ForeignKey(Appraisal, verbose_name=_("鉴定"), on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("环节"), max_length=24)
    note = models.TextField(_("说明"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("鉴定办理记录")
        verbose_name_plural = _("鉴定办理记录")

    def __str__(self) -> str:
        return f"{self.appraisal} · {self.step}"


class AfterSecondment(TimeStampedModel):
    """挂用结合: what became of the cadre after the secondment (seed 001 篇7/篇9)."""

    class Outcome(models.TextChoices):
        PROMOTED = "promoted", _("提拔任用")
        REASSIGNED = "reassigned", _("交流重用")
        RETURNED = "returned", _("回原岗位")
        OTHER = "other", _("其他")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.PROTECT, related_name="outcomes"
    )
    outcome = models.CharField(_("去向"), max_length=12, choices=Outcome.choices)
    date = models.DateField(_("日期"))
    doc_no = models.CharField(_("文号"), validators=[single_line], max_length=60, blank=True)
    new_post = models.CharField(_("新职务"), validators=[single_line], max_length=100, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("挂职后使用情况")
        verbose_name_plural = _("挂职后使用情况")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.get_outcome_display()}"


# --- 民主测评（扫码）: one-time ballot codes and anonymous ballots (issue 20) ---------------------------


class DemocraticVotePractice(models.Model):
    """Who organizes a democratic evaluation by phone (做法因地而异). Default, without a row: the org
    department. The nearest jurisdiction at or above the batch's organizer that has a row decides."""

    class Organizer(models.TextChoices):
        ORG_DEPARTMENT = "org_department", _("组织部门组织")
        RECEIVING_UNIT = "receiving_unit", _("接收单位组织（组织部门亦可）")

    jurisdiction = models.OneToOneField(
        "cadres.Unit", verbose_name=_("适用范围"), on_delete=models.CASCADE, related_name="vote_practice"
    )
    organizer = models.CharField(
        _("扫码测评组织方"), max_length=16, choices=Organizer.choices, default=Organizer.ORG_DEPARTMENT
    )
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如本地文件名称、文号。"))

    class Meta:
        verbose_name = _("扫码民主测评做法")
        verbose_name_plural = _("扫码民主测评做法")
        ordering = ["jurisdiction_id"]

    def __str__(self) -> str:
        return f"{self.jurisdiction}：{self.get_organizer_display()}"


class DemocraticVote(TimeStampedModel):
    """A democratic evaluation (民主测评) of one appraisal run on phones: `expected` one-time ballot codes
    (BallotCode) are issued and printed as slips; each code casts one anonymous Ballot within the window.
    At close the tallies fill the appraisal's 民主测评 step through the same service as the manual form.

    Anonymity by design: a Ballot holds no link to the code that cast it and no time; a code only knows
    whether it was used."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("鉴定"), on_delete=models.PROTECT, related_name="democratic_votes"
    )
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True)
    organizer_side = models.CharField(
        _("组织方"), max_length=16, choices=DemocraticVotePractice.Organizer.choices, default="org_department"
    )
    expected = models.PositiveIntegerField(_("应到人数（发放测评码数）"))
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"), db_index=True)
    # the ballot as it was when the vote opened: [{"key": "votes_excellent", "label": "优秀"}, …, 不了解]
    choices = models.JSONField(_("测评选项"), default=list)
    # the indicators to rate (德能勤绩廉), [{"key": "1", "name": "德"}, …]; empty: the overall grade only
    indicators = models.JSONField(_("评价指标"), default=list, blank=True)
    opened_by = models.ForeignKey(
        USER, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, verbose_name=_("结束人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("扫码民主测评")
        verbose_name_plural = _("扫码民主测评")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal"], condition=models.Q(status="open"), name="vote_one_open_per_appraisal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appraisal.posting.cadre} 民主测评（扫码）"


class BallotCode(models.Model):
    """One printed slip: a short random code from an unambiguous alphabet (no 0/O/1/I), good for one
    ballot. It records only whether it was used — no time, no link to the ballot it cast."""

    vote = models.ForeignKey(DemocraticVote, verbose_name=_("测评"), on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("测评码"), max_length=16, unique=True)
    used = models.BooleanField(_("已使用"), default=False)

    class Meta:
        verbose_name = _("测评码")
        verbose_name_plural = _("测评码")
        ordering = ["vote_id", "id"]

    def __str__(self) -> str:
        return str(_("测评码（已使用）") if self.used else _("测评码（未使用）"))


class Ballot(models.Model):
    """One anonymous ballot. No code, no voter, no time; a random primary key, so neither the key nor
    any column tells the order in which ballots were cast."""

    class Choice(models.TextChoices):
        EXCELLENT = "votes_excellent", _("优秀")
        COMPETENT = "votes_competent", _("称职（合格）")
        BASIC = "votes_basic", _("基本称职（基本合格）")
        INCOMPETENT = "votes_incompetent", _("不称职（不合格）")
        UNKNOWN = "votes_unknown", _("不了解")
        ABSTAIN = "abstain", _("弃权")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(DemocraticVote, verbose_name=_("测评"), on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(_("选择"), max_length=20, choices=Choice.choices)
    # indicator key → 好/较好/一般/差 (only where the vote asks for indicators)
    ratings = models.JSONField(_("指标评价"), default=dict, blank=True)

    class Meta:
        verbose_name = _("测评票")
        verbose_name_plural = _("测评票")
        ordering = ["vote_id", "id"]

    def __str__(self) -> str:
        return str(_("测评票"))


class DemocraticVoteEvent(HistoryEntry):
    """The history of a phone vote: opened, closed (at the end of its window, early with a reason),
    reopened (with a reason)."""

    class Action(models.TextChoices):
        OPEN = "open", _("发起测评")
        CLOSE = "close", _("结束测评")
        CLOSE_EARLY = "close_early", _("提前结束")
        REOPEN = "reopen", _("重新开放")

    vote = models.ForeignKey(DemocraticVote, verbose_name=_("测评"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    reason = models.TextField(_("理由"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("扫码测评记录")
        verbose_name_plural = _("扫码测评记录")

    def __str__(self) -> str:
        return f"{self.get_action_display()}"
