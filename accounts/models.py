"""Users, their roles, and the units each role applies to."""

from axes.models import AccessAttempt
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.validators import single_line


class Role(models.TextChoices):
    """The roles of DOMAIN.md. The administrator is Django's superuser (is_superuser)."""

    ORG_STAFF = "org_staff", _("组织部工作人员")
    DISPATCH_CONTACT = "dispatch_contact", _("派出单位联系人")
    RECEIVE_CONTACT = "receive_contact", _("接收单位联系人")


class User(AbstractUser):
    """A login. A user may hold several roles: unit roles through RoleAssignment, the cadre role
    through `cadre`, the administrator role through `is_superuser`."""

    full_name = models.CharField(_("姓名"), validators=[single_line], max_length=40, blank=True)
    phone = models.CharField(_("手机号"), validators=[single_line], max_length=20, blank=True)
    email_reminders = models.BooleanField(
        _("接收邮件提醒"), default=True, help_text=_("站内通知总会发送；关闭后不再发送提醒邮件。")
    )
    calendar_token = models.CharField(_("日历订阅密钥"), max_length=64, blank=True, db_index=True, editable=False)
    cadre = models.OneToOneField(
        "cadres.Cadre",
        verbose_name=_("对应干部（挂职干部角色）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class RoleAssignment(TimeStampedModel):
    """One role of a user over one unit.

    - org staff: the unit is the root of their jurisdiction (管辖范围): they see its whole subtree;
    - dispatching or receiving contact: the unit they act for (several rows for several units).
    """

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "cadres.Unit", verbose_name=_("单位/管辖范围"), on_delete=models.PROTECT, related_name="role_assignments"
    )

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique")]
        ordering = ["user_id", "role", "unit_id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class LoginLockout(AccessAttempt):
    """Failed logins counted by django-axes per user name and address (登录失败与锁定). A row that has
    reached the limit is a lockout; deleting it (admin action 解除锁定) lets that person in again."""

    class Meta:
        proxy = True
        verbose_name = _("登录失败与锁定")
        verbose_name_plural = _("登录失败与锁定")
