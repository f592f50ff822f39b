"""Termination by proposal (终止挂职建议) and the receiving unit's appointment formalities (任职手续).

Seed 004: "由各县委组织部、接收单位提出意见，报市委组织部研究后，终止挂职" — the county org department or
the receiving unit proposes, with reasons and evidence; the org department that organizes the batch
decides. Seed 004 also asks the receiving units to carry out the appointment formalities
("请各接收单位…履行任职手续")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.files import RandomPath
from core.models import TimeStampedModel


class TerminationGrounds(models.TextChoices):
    ABSENCE = "absence", _("长期未经批准离岗")
    RECTIFICATION = "rectification", _("督查问题逾期未整改")
    DISCIPLINE = "discipline", _("违规违纪")
    HEALTH = "health", _("身体原因")
    OTHER = "other", _("其他")


def _proposal_path(instance, filename):
    # no longer used (names are random now, core.files.RandomPath); an old migration refers to it
    return f"termination/{instance.posting_id}/{filename}"


def _formality_path(instance, filename):
    # no longer used (names are random now, core.files.RandomPath); an old migration refers to it
    return f"formalities/{instance.posting_id}/{filename}"


class TerminationProposal(TimeStampedModel):
    """终止挂职建议: proposed by the county org department or the receiving unit, decided by the org
    department that organizes the batch (the decision is its `decision`)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待决定")
        APPROVED = "approved", _("同意终止")
        REJECTED = "rejected", _("不同意终止")

    class Side(models.TextChoices):
        ORG = "org_department", _("组织部门")
        RECEIVING = "receiving_unit", _("接收单位")

    posting = models.ForeignKey(
        "secondment.Posting",
        verbose_name=_("挂职"),
        on_delete=models.CASCADE,
        related_name="termination_proposals",
    )
    proposer_side = models.CharField(_("提出方"), max_length=16, choices=Side.choices)
    proposer_unit = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("提出单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grounds = models.CharField(_("终止原因"), max_length=16, choices=TerminationGrounds.choices)
    reasons = models.TextField(_("意见和理由"))
    absences = models.ManyToManyField(
        "secondment.AbsenceRecord", verbose_name=_("未经批准离岗记录"), blank=True, related_name="+"
    )
    inspections = models.ManyToManyField(
        "secondment.Inspection", verbose_name=_("督查抽查记录"), blank=True, related_name="+"
    )
    attachment = models.FileField(_("附件"), upload_to=RandomPath("termination"), blank=True)
    attachment_name = models.CharField(_("附件名"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(
        _("决定"), max_length=8, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    decision_reason = models.TextField(_("决定理由"), blank=True)
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
        verbose_name = _("终止挂职建议")
        verbose_name_plural = _("终止挂职建议")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting"], condition=Q(decision="pending"), name="termination_one_pending_per_posting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.posting} · 终止建议（{self.get_decision_display()}）"


class AppointmentFormality(TimeStampedModel):
    """任职手续: the receiving unit's appointment of the seconded cadre to the post (date, document)."""

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="formalities"
    )
    date = models.DateField(_("办理日期"))
    doc_no = models.CharField(_("文号"), max_length=60)
    title = models.CharField(_("文件标题"), max_length=200)
    attachment = models.FileField(_("附件"), upload_to=RandomPath("formalities"), blank=True)
    attachment_name = models.CharField(_("附件名"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("任职手续")
        verbose_name_plural = _("任职手续")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} · {self.doc_no}"
