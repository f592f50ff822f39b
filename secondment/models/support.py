"""Support and contact around a secondment (issue 15):

- 座谈会 (Symposium): meetings of seconded cadres convened by an org department (seed 003; seed 001 篇3);
- 情况反馈 (PostingFeedback): regular feedback on a posting to the dispatching unit, which acknowledges
  it (定期联系与情况反馈制度, seed 001 篇9);
- 轮岗 (PostingRotation): the posts a cadre holds in turn during one posting (轮岗分管, seed 003);
- 生活保障 (LivingSupport): housing, transport and travel-expense arrangements (seed 003);
- 结对 (UnitPairing): a dispatching unit paired with a receiving unit in a 对口帮扶 batch (seed 000).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import RandomPath
from core.models import TimeStampedModel


def _user_fk(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=label, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Symposium(TimeStampedModel):
    """座谈会: an org department meets the cadres it has seconded (date, place, attendees, minutes)."""

    organizer = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("组织单位（组织部门管辖范围）"),
        on_delete=models.PROTECT,
        related_name="symposiums",
    )
    batch = models.ForeignKey(
        "secondment.Batch",
        verbose_name=_("批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="symposiums",
        help_text=_("留空表示不限于一个批次。"),
    )
    title = models.CharField(_("会议名称"), max_length=100)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100)
    attendees = models.ManyToManyField(
        "secondment.Posting", verbose_name=_("参会挂职干部"), related_name="symposiums", blank=True
    )
    other_attendees = models.CharField(_("其他参会人员"), max_length=300, blank=True)
    topics = models.TextField(_("议题"))
    minutes = models.TextField(_("会议纪要"), blank=True)
    recorded_by = _user_fk(_("记录人"))

    class Meta:
        verbose_name = _("座谈会")
        verbose_name_plural = _("座谈会")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


def _symposium_attachment_path(instance, filename):
    # no longer used (names are random now, core.files.RandomPath); an old migration refers to it
    return f"symposiums/{instance.symposium_id}/{filename}"


class SymposiumAttachment(TimeStampedModel):
    symposium = models.ForeignKey(
        Symposium, verbose_name=_("座谈会"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), upload_to=RandomPath("symposiums"))
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = _user_fk(_("上传人"))

    class Meta:
        verbose_name = _("座谈会附件")
        verbose_name_plural = _("座谈会附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PostingFeedback(TimeStampedModel):
    """情况反馈: how the cadre did over a period, sent by the receiving unit or the org department to the
    dispatching unit, whose contact acknowledges it (with a reply if they wish)."""

    class Source(models.TextChoices):
        RECEIVING_UNIT = "receiving_unit", _("接收单位")
        ORG_DEPT = "org_dept", _("组织部门")

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="feedback"
    )
    source = models.CharField(_("反馈方"), max_length=16, choices=Source.choices)
    period_start = models.DateField(_("反馈期间自"))
    period_end = models.DateField(_("反馈期间至"))
    content = models.TextField(_("现实表现和工作情况"))
    written_by = _user_fk(_("反馈人"))
    acknowledged_by = _user_fk(_("派出单位确认人"))
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    reply = models.TextField(_("派出单位回复"), blank=True)

    class Meta:
        verbose_name = _("情况反馈")
        verbose_name_plural = _("情况反馈")
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.period_start}–{self.period_end} 情况反馈"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class PostingRotation(TimeStampedModel):
    """轮岗: one of the posts held in turn during a posting, with its division of work; the periods of a
    posting's rotations do not overlap and lie within its term (an open end runs to the term's end)."""

    posting = models.ForeignKey(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="rotations"
    )
    post = models.CharField(_("岗位（职务）"), max_length=60)
    duties = models.TextField(_("分管工作"))
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("留空表示至今。"))
    notes = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = _user_fk(_("记录人"))

    class Meta:
        verbose_name = _("轮岗")
        verbose_name_plural = _("轮岗")
        ordering = ["posting_id", "start_date", "id"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} {self.post} {self.start_date}起"


class LivingSupport(TimeStampedModel):
    """生活保障: the receiving unit's arrangements for housing, transport and travel expenses."""

    class Housing(models.TextChoices):
        DORMITORY = "dormitory", _("安排宿舍（周转房）")
        RENT_SUBSIDY = "rent_subsidy", _("发放租房补贴")
        SELF = "self", _("自行解决")
        OTHER = "other", _("其他")

    class Transport(models.TextChoices):
        UNIT_CAR = "unit_car", _("公务用车保障")
        ALLOWANCE = "allowance", _("发放交通补贴")
        PUBLIC = "public", _("公共交通，凭票报销")
        SELF = "self", _("自行解决")

    class TravelPayer(models.TextChoices):
        RECEIVING = "receiving", _("接收单位报销")
        DISPATCHING = "dispatching", _("派出单位报销")
        SHARED = "shared", _("按规定分担")

    posting = models.OneToOneField(
        "secondment.Posting", verbose_name=_("挂职"), on_delete=models.CASCADE, related_name="living_support"
    )
    housing = models.CharField(_("住房"), max_length=16, choices=Housing.choices)
    housing_detail = models.CharField(_("住房说明"), max_length=200, blank=True)
    transport = models.CharField(_("乘车"), max_length=16, choices=Transport.choices)
    transport_allowance = models.DecimalField(
        _("交通补贴（元/月）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    travel_payer = models.CharField(_("差旅费"), max_length=16, choices=TravelPayer.choices)
    travel_detail = models.CharField(_("差旅费说明"), max_length=200, blank=True)
    notes = models.TextField(_("其他保障"), blank=True)
    updated_by = _user_fk(_("填报人"))

    class Meta:
        verbose_name = _("生活保障")
        verbose_name_plural = _("生活保障")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.posting.cadre} 生活保障"


class UnitPairing(TimeStampedModel):
    """结对: in a 对口帮扶 batch, a dispatching unit is paired with a receiving unit; nominations from the
    dispatching unit are offered the paired unit's posts first."""

    batch = models.ForeignKey(
        "secondment.Batch", verbose_name=_("批次"), on_delete=models.CASCADE, related_name="pairings"
    )
    dispatching_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("派出单位"), on_delete=models.PROTECT, related_name="pairings_dispatching"
    )
    receiving_unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="pairings_receiving"
    )
    notes = models.CharField(_("帮扶内容"), max_length=200, blank=True)
    created_by = _user_fk(_("创建人"))

    class Meta:
        verbose_name = _("结对帮扶")
        verbose_name_plural = _("结对帮扶")
        ordering = ["batch_id", "dispatching_unit__path", "receiving_unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "dispatching_unit", "receiving_unit"], name="pairing_unique_units")
        ]

    def __str__(self) -> str:
        return f"{self.dispatching_unit} ↔ {self.receiving_unit}"
