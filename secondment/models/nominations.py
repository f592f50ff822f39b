"""Nominations (推荐) and their decision history."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import HistoryEntry, TimeStampedModel

SCORE = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class NominationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Nomination.Status.WITHDRAWN)


class Nomination(TimeStampedModel):
    class Method(models.TextChoices):
        SELF = "self", _("个人自荐")
        MASS = "mass", _("群众推荐")
        ORG = "org", _("组织推荐")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("已推荐")
        WITHDRAWN = "withdrawn", _("已撤回")
        SELECTED = "selected", _("拟选派")
        NOT_SELECTED = "not_selected", _("未选中")
        POSTED = "posted", _("已派出")

    class Inspection(models.TextChoices):
        PENDING = "pending", _("待考察")
        PASSED = "passed", _("考察合格")
        FAILED = "failed", _("考察不合格")

    batch = models.ForeignKey(
        "secondment.Batch", verbose_name=_("批次"), on_delete=models.PROTECT, related_name="nominations"
    )
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("干部"), on_delete=models.PROTECT, related_name="nominations"
    )
    dispatching_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("派出单位"), on_delete=models.PROTECT, related_name="nominations"
    )
    method = models.CharField(_("推荐方式"), max_length=8, choices=Method.choices)
    reason = models.TextField(_("推荐理由"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.NOMINATED, db_index=True)
    eligibility_failures = models.JSONField(_("不符合的条件"), default=list, blank=True)
    override_reason = models.TextField(_("破格理由"), blank=True)
    written_score = models.DecimalField(_("笔试成绩"), null=True, blank=True, **SCORE)
    interview_score = models.DecimalField(_("面试成绩"), null=True, blank=True, **SCORE)
    inspection = models.CharField(_("组织考察"), max_length=8, choices=Inspection.choices, default=Inspection.PENDING)
    inspection_notes = models.TextField(_("考察情况"), blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    offer = models.ForeignKey(
        "secondment.BatchOffer",
        verbose_name=_("拟任岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("推荐人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("推荐")
        verbose_name_plural = _("推荐")
        ordering = ["batch_id", "dispatching_unit__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "cadre"], condition=~models.Q(status="withdrawn"), name="nomination_unique_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.batch}"

    def composite_score(self) -> Decimal | None:
        """综合成绩 = 笔试 × 笔试权重 + 面试 × 面试权重 (weights set on the batch)."""
        if self.written_score is None or self.interview_score is None:
            return None
        total = self.written_score * self.batch.written_weight + self.interview_score * self.batch.interview_weight
        return total.quantize(Decimal("0.01"))


class NominationEvent(HistoryEntry):
    """Every step of a nomination: who, when, what, why (DOMAIN rule 10)."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("推荐"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=32)
    from_status = models.CharField(_("原状态"), max_length=16, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("推荐记录")
        verbose_name_plural = _("推荐记录")

    ACTION_LABELS = {
        "nominate": "推荐",
        "override": "破格推荐",
        "withdraw": "撤回",
        "scores": "录入成绩",
        "inspection": "组织考察",
        "decide": "决定",
        "post": "派出",
    }

    def __str__(self) -> str:
        return f"{self.nomination} · {self.action_label}"

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return Nomination.Status(self.from_status).label if self.from_status else "—"

    @property
    def to_label(self) -> str:
        return Nomination.Status(self.to_status).label if self.to_status else ""
