"""Secondment batches (批次/计划): kind, term, eligibility, quotas and the posts on offer."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadres.models import ReferenceItem
from core.models import TimeStampedModel
from core.validators import single_line


class BatchKind(ReferenceItem):
    """批次类型: 下派 / 上派 / 外派 / 交流 / 对口帮扶 (seed 003, seed 001 篇9)."""

    description = models.CharField(_("说明"), validators=[single_line], max_length=200, blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("挂职类型")
        verbose_name_plural = _("挂职类型")


class PostTitle(ReferenceItem):
    """挂任职务 on offer: 副镇长, 镇长助理, 局长助理 ..."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("挂任职务")
        verbose_name_plural = _("挂任职务")


class BatchQuerySet(models.QuerySet):
    pass


class Batch(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草拟")
        OPEN = "open", _("推荐中")
        CLOSED = "closed", _("选拔中")
        DECIDED = "decided", _("已派出")

    name = models.CharField(_("批次名称"), validators=[single_line], max_length=100)
    kind = models.ForeignKey(BatchKind, verbose_name=_("挂职类型"), on_delete=models.PROTECT)
    year = models.PositiveIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    organizer = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("组织单位（管辖范围）"),
        on_delete=models.PROTECT,
        related_name="organized_batches",
        help_text=_("负责本批次的组织部门所管辖的单位（管辖范围的根）。"),
    )
    term_months = models.PositiveIntegerField(
        _("挂职期限（月）"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    planned_start = models.DateField(_("计划开始日期"))
    nomination_deadline = models.DateField(_("推荐截止日期"), help_text=_("当天24时（北京时间）截止。"))
    age_reference_date = models.DateField(
        _("年龄计算基准日"), null=True, blank=True, help_text=_("默认为计划开始日期。")
    )
    max_age = models.PositiveIntegerField(_("年龄上限"), null=True, blank=True)
    min_rank = models.ForeignKey(
        "cadres.Rank", verbose_name=_("最低职级"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    max_rank = models.ForeignKey(
        "cadres.Rank", verbose_name=_("最高职级"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reserve_only = models.BooleanField(_("限后备干部"), default=False)
    min_education = models.ForeignKey(
        "cadres.Education",
        verbose_name=_("最低学历"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pre_training = models.TextField(_("岗前培训安排"), blank=True)
    description = models.TextField(_("说明"), blank=True)
    written_weight = models.DecimalField(
        _("笔试权重"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    interview_weight = models.DecimalField(
        _("面试权重"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("挂职批次")
        verbose_name_plural = _("挂职批次")
        ordering = ["-year", "-planned_start", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def reference_date(self):
        return self.age_reference_date or self.planned_start

    def deadline_passed(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.nomination_deadline


class BatchQuota(models.Model):
    """选派名额: how many cadres a dispatching unit may nominate into the batch."""

    batch = models.ForeignKey(Batch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="quotas")
    dispatching_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("派出单位"), on_delete=models.PROTECT, related_name="batch_quotas"
    )
    quota = models.PositiveIntegerField(_("名额"))

    class Meta:
        verbose_name = _("选派名额")
        verbose_name_plural = _("选派名额")
        constraints = [models.UniqueConstraint(fields=["batch", "dispatching_unit"], name="quota_unique_unit")]
        ordering = ["batch_id", "dispatching_unit__path"]

    def __str__(self) -> str:
        return f"{self.dispatching_unit} · {self.quota}"


class RankAgeCeiling(models.Model):
    """An age ceiling for a span of ranks (e.g. 乡科级 ≤ 40, 县处级 ≤ 45)."""

    batch = models.ForeignKey(Batch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="age_ceilings")
    rank_from = models.ForeignKey("cadres.Rank", verbose_name=_("职级自"), on_delete=models.PROTECT, related_name="+")
    rank_to = models.ForeignKey("cadres.Rank", verbose_name=_("职级至"), on_delete=models.PROTECT, related_name="+")
    max_age = models.PositiveIntegerField(_("年龄上限"))

    class Meta:
        verbose_name = _("分职级年龄上限")
        verbose_name_plural = _("分职级年龄上限")

    def __str__(self) -> str:
        return f"{self.rank_from}–{self.rank_to} ≤ {self.max_age}"


class BatchOffer(models.Model):
    """A post on offer (挂职岗位) at a receiving unit."""

    batch = models.ForeignKey(Batch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="offers")
    receiving_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="batch_offers"
    )
    post_title = models.ForeignKey(PostTitle, verbose_name=_("挂任职务"), on_delete=models.PROTECT)
    count = models.PositiveIntegerField(_("岗位数"), default=1)
    notes = models.CharField(_("备注"), validators=[single_line], max_length=200, blank=True)

    class Meta:
        verbose_name = _("挂职岗位")
        verbose_name_plural = _("挂职岗位")
        ordering = ["batch_id", "receiving_unit__path", "id"]

    def __str__(self) -> str:
        return self.label(str(self.receiving_unit), str(self.post_title))

    @staticmethod
    def label(unit_name: str, title_name: str) -> str:
        """A post on offer as it is named: its receiving unit and title (also from a values() row)."""
        return f"{unit_name} {title_name}"
