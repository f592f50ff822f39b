"""Generated documents kept by the system: archived appraisal forms (with their SHA-256), batch print
jobs, the personnel-file hand-off (转递材料清单), and the forms' settings per jurisdiction."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.files import RandomPath
from core.models import TimeStampedModel
from core.validators import single_line


class ArchivedForm(TimeStampedModel):
    """The PDF of a finalized appraisal as it was at finalization, so that the copy in the personnel
    file can be verified later against the system."""

    appraisal = models.OneToOneField(
        "assessments.Appraisal", verbose_name=_("鉴定"), on_delete=models.PROTECT, related_name="archived_form"
    )
    file = models.FileField(_("PDF"), upload_to=RandomPath("archive/appraisals"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        db_table = "reports_archivedform"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("鉴定表存档")
        verbose_name_plural = _("鉴定表存档")

    def __str__(self) -> str:
        return f"{self.appraisal} · {self.sha256[:12]}"


class PrintJob(TimeStampedModel):
    """A batch print run by a Celery worker, with its progress; owned by its user. Of the batch's
    appraisal forms (鉴定表, with their tallies and ballots), or of its nominees' 干部任免审批表."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    class Kind(models.TextChoices):
        APPRAISALS = "appraisals", _("鉴定表")
        APPOINTMENT = "appointment", _("干部任免审批表")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE, related_name="+"
    )
    batch = models.ForeignKey("secondment.Batch", verbose_name=_("批次"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("打印内容"), max_length=12, choices=Kind.choices, default=Kind.APPRAISALS)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    file = models.FileField(_("压缩包"), upload_to=RandomPath("jobs"), blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        db_table = "reports_printjob"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("批量打印任务")
        verbose_name_plural = _("批量打印任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.batch} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)


DEFAULT_APPRAISAL_FORM_TITLE = "挂职锻炼总结鉴定表"  # the name the municipal notice gives it (seed 004)


class FileTransfer(TimeStampedModel):
    """材料转递: what went into the cadre's personnel file (入档), when and to whom."""

    MATERIALS = [
        ("form", DEFAULT_APPRAISAL_FORM_TITLE),  # shown under the jurisdiction's title (selectors)
        ("summary", "个人总结"),
        ("democratic", "民主测评汇总"),
        ("result", "考核结果"),
    ]

    appraisal = models.ForeignKey(
        "assessments.Appraisal", verbose_name=_("鉴定"), on_delete=models.PROTECT, related_name="transfers"
    )
    materials = models.JSONField(_("转递材料"), default=list)
    transferred_on = models.DateField(_("转递日期"))
    recipient = models.CharField(_("接收人/单位"), validators=[single_line], max_length=100)
    notes = models.CharField(_("备注"), validators=[single_line], max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "reports_filetransfer"  # the table keeps its name from before the move (issue 13)
        verbose_name = _("档案材料转递")
        verbose_name_plural = _("档案材料转递")
        ordering = ["-transferred_on"]

    def __str__(self) -> str:
        return f"{self.appraisal} → {self.recipient}"

    def material_labels(self, choices: list[tuple[str, str]] | None = None) -> list[str]:
        """The materials' names; `choices` (documents.selectors.file_transfer_materials) name the form
        as its jurisdiction titles it."""
        labels = dict(choices or self.MATERIALS)
        return [labels.get(m, m) for m in self.materials]


class DocumentSettings(TimeStampedModel):
    """文书设置: how a jurisdiction's printed forms read. A batch's forms follow the settings of the
    nearest jurisdiction above its organizer (`documents.selectors`); a row without a jurisdiction
    applies everywhere no nearer one is set."""

    jurisdiction = models.ForeignKey(
        "cadres.Unit",
        verbose_name=_("管辖范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("适用于该单位及其下级单位组织的批次；留空则适用于全部。"),
    )
    appraisal_form_title = models.CharField(
        _("鉴定表标题"),
        validators=[single_line],
        max_length=60,
        default=DEFAULT_APPRAISAL_FORM_TITLE,
        help_text=_("期满考核鉴定表的表名，不含书名号。"),
    )

    class Meta:
        verbose_name = _("文书设置")
        verbose_name_plural = _("文书设置")
        ordering = ["jurisdiction__path"]
        constraints = [
            # one row per jurisdiction, and one for "everywhere" (NULLs would not collide on their own)
            models.UniqueConstraint(
                Coalesce("jurisdiction", 0, output_field=models.BigIntegerField()),
                name="documentsettings_one_per_jurisdiction",
                violation_error_message=_("该管辖范围已有文书设置。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction or _('全部')} · 《{self.appraisal_form_title}》"
