"""The small shared kernel: a timestamped base model, the history-entry shape, the audit trail, the worker
heartbeat."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .files import RandomPath
from .validators import single_line

_CHOICE_LABELS: dict = {}  # (field, language) -> {value: label}: derived from the code, the same in every process


def choice_labels(field) -> dict:
    """A field's choices as {value: label} in the active language, built once per field and language."""
    key = (field, get_language())
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = _CHOICE_LABELS[key] = {choice: str(label) for choice, label in field.flatchoices}
    return labels


class ChoiceLabels:
    """`get_<field>_display()` from a dictionary built once per field and language. Django's builds one on
    every call, hashing each lazy label — a translation lookup per choice, ~20 µs a call — and a list page
    calls it two or three times a row (状态, 组织考察, 备案; issue 18)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = choice_labels(field)
        try:
            return labels.get(value, value)
        except TypeError:  # an unhashable value (a list in a JSON field): Django's way
            return super()._get_FIELD_display(field)


class TimeStampedModel(ChoiceLabels, models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class HistoryEntry(ChoiceLabels, models.Model):
    """One line of a record's history (履历): who did it and when. The history tables of the state
    machines (posting, nomination, appraisal, work report) share this shape; each adds what it
    records (action or step, from/to state, reason or comments, data)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    @staticmethod
    def actor_of(user):
        """The user to record, or None for the system (acting_user=None) and anonymous users."""
        return user if getattr(user, "pk", None) else None


class AuditLog(models.Model):
    """Audit trail (操作记录): who did what to which record, and when (DOMAIN rule 10).

    Written by services in the same transaction as the change they record.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_repr = models.CharField(_("对象"), max_length=200, blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)
    changes = models.JSONField(
        _("变更前后"), default=list, blank=True, help_text=_("每个改动的字段：名称、改动前的值、改动后的值。")
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action_label} {self.target_repr}"

    @property
    def action_label(self) -> str:
        from .labels import action_label

        return action_label(self.action)


class WorkerHeartbeat(models.Model):
    """Last time a Celery process proved it was alive by running the periodic heartbeat task."""

    name = models.CharField(_("名称"), max_length=64, unique=True)
    seen_at = models.DateTimeField(_("最近心跳"))

    class Meta:
        verbose_name = _("后台任务心跳")
        verbose_name_plural = _("后台任务心跳")

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"


class DataVersion(models.Model):
    """The data version (数据版本): one row whose random token is replaced after every committed change to
    the product's data; cached statistics are keyed by it (core.stats_cache)."""

    token = models.BigIntegerField(_("版本"))
    changed_at = models.DateTimeField(_("最近变更时间"))

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return f"{self.token} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"


class ImportUpload(TimeStampedModel):
    """An uploaded spreadsheet between preview and confirmation (导入记录). Owned by its uploader:
    nobody else can preview or apply it."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("待确认")
        APPLIED = "applied", _("已导入")
        REJECTED = "rejected", _("未导入（有错误）")

    kind = models.CharField(_("导入类型"), max_length=32, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("文件"), upload_to=RandomPath("imports"))
    original_name = models.CharField(_("原文件名"), max_length=200)
    skip_bad_rows = models.BooleanField(_("跳过错误行"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.UPLOADED)
    summary = models.JSONField(_("结果摘要"), default=dict, blank=True)
    # the first sheet's values as read once at upload (core.importing.ParsedSheet), and the file's SHA-256
    parsed = models.JSONField(_("解析结果"), default=dict, blank=True, editable=False)
    applied_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name}（{self.get_status_display()}）"


class Reminder(models.Model):
    """One reminder to one person about one thing for one period (提醒). `key` makes it exactly once:
    the scan inserts with conflicts ignored, so running it twice creates nothing new."""

    key = models.CharField(_("唯一键"), max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("类型"), max_length=40, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    # what the reminder is about (a posting, an appraisal, …), named generically: the kernel knows no
    # domain model (issue 13)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("相关对象类型"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("相关对象编号"), null=True, blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="reminder_subject")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"

    @property
    def kind_label(self) -> str:
        from .labels import reminder_kind_label

        return reminder_kind_label(self.kind)


class Delivery(models.Model):
    """A reminder's delivery on one channel (站内, 邮件, 群机器人): claimed, sent once, marked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")
        SKIPPED = "skipped", _("不发送")

    class Channel(models.TextChoices):  # the names of core.channels.CHANNELS
        IN_APP = "in_app", _("站内消息")
        EMAIL = "email", _("邮件")
        WEBHOOK = "webhook", _("群机器人")

    reminder = models.ForeignKey(Reminder, verbose_name=_("提醒"), on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒发送记录")
        verbose_name_plural = _("提醒发送记录")
        constraints = [models.UniqueConstraint(fields=["reminder", "channel"], name="delivery_one_per_channel")]
        indexes = [
            # the pending deliveries of a batch of reminders on one channel (core.reminders.reminder_deliver's
            # claims, the scan's pending list): small, and the planner no longer walks every pending row of
            # a month start through the status index to find a batch's 200
            models.Index(fields=["reminder", "channel"], condition=models.Q(status="pending"), name="delivery_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.reminder} · {self.get_channel_display()} · {self.get_status_display()}"


class Notification(models.Model):
    """The in-app notification centre (站内通知)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.OneToOneField(
        Reminder, verbose_name=_("提醒"), null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class WebhookTarget(models.Model):
    """A group-chat robot (企业微信/钉钉) that receives the reminders about postings in a unit's subtree."""

    name = models.CharField(_("名称"), validators=[single_line], max_length=60)
    unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("范围（单位及下级）"), on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("Webhook 地址"), max_length=400)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")

    def __str__(self) -> str:
        return self.name


class ExportJob(TimeStampedModel):
    """A list export too large for a request (导出任务): a worker writes the workbook, the page shows
    its progress, and only its owner downloads it. The list's filters and the owner's scope are taken
    when the job starts (`params`: the list's query string)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("导出类型"), max_length=32, db_index=True)
    title = models.CharField(_("名称"), max_length=100, blank=True)
    params = models.TextField(_("筛选条件"), blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已写行数"), default=0)
    file = models.FileField(_("文件"), upload_to=RandomPath("exports"), blank=True)
    filename = models.CharField(_("下载文件名"), max_length=100, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title or self.kind} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)
