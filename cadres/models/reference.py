"""Editable reference lists (民族, 政治面貌, 学历, 学位, 职级) that cadre fields draw on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import single_line


class ReferenceItem(models.Model):
    """A value of an editable reference list (民族, 政治面貌, 学历, 学位, 职级)."""

    name = models.CharField(_("名称"), validators=[single_line], max_length=40, unique=True)
    code = models.CharField(_("代码"), max_length=10, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Ethnicity(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("民族")
        verbose_name_plural = _("民族")


class PoliticalStatus(ReferenceItem):
    is_party_member = models.BooleanField(_("中共党员（含预备）"), default=False)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("政治面貌")
        verbose_name_plural = _("政治面貌")


class Education(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("学历")
        verbose_name_plural = _("学历")


class Degree(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("学位")
        verbose_name_plural = _("学位")


class Rank(ReferenceItem):
    """职级, ordered from junior to senior by `order` (used by eligibility rules)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("职级")
        verbose_name_plural = _("职级")
