"""Rewards and punishments (奖惩情况) on a cadre's record: what the 鉴定表 and the 干部任免审批表 print
under 奖惩情况. Plain fields, so a .lrmx import can fill them too."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .cadres import Cadre


class RewardPunishment(TimeStampedModel):
    """奖惩记录: one reward (嘉奖, 记功, 荣誉称号…) or punishment (诫勉, 警告, 记过…), with its date and
    the body that approved it (批准机关)."""

    class Kind(models.TextChoices):
        REWARD = "reward", _("奖励")
        PUNISHMENT = "punishment", _("惩处")

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="rewards_punishments"
    )
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.REWARD)
    title = models.CharField(
        _("奖惩名称"), max_length=200, help_text=_("如：记三等功、被评为“优秀共产党员”、诫勉谈话。")
    )
    date = models.DateField(_("奖惩日期"))
    issuing_body = models.CharField(_("批准机关"), max_length=100)
    document_no = models.CharField(_("文号"), max_length=60, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("奖惩记录")
        verbose_name_plural = _("奖惩记录")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.get_kind_display()} · {self.title}"
