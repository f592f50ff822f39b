"""Units (单位): the unit tree, a materialized path of ids."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.validators import single_line

from ..validators import validate_phone


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        return self.filter(path__startswith=unit.path)


class Unit(TimeStampedModel):
    """单位: a node of the unit tree. `path` is the materialized path of ids ("/1/5/12/")."""

    class Kind(models.TextChoices):
        PARTY_GOV = "party_gov", _("党政机关")
        PUBLIC_INSTITUTION = "institution", _("事业单位")
        SOE = "soe", _("国有企业")
        TOWNSHIP = "township", _("乡镇/街道")
        VILLAGE = "village", _("村/社区")
        SCHOOL = "school", _("学校")
        HOSPITAL = "hospital", _("医院")
        OTHER = "other", _("其他")

    class Level(models.TextChoices):
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        COUNTY = "county", _("县")
        TOWNSHIP = "township", _("乡")

    name = models.CharField(_("单位名称"), validators=[single_line], max_length=100)
    short_name = models.CharField(_("简称"), validators=[single_line], max_length=40, blank=True)
    kind = models.CharField(_("单位性质"), max_length=20, choices=Kind.choices, default=Kind.PARTY_GOV)
    level = models.CharField(_("行政层级"), max_length=10, choices=Level.choices, default=Level.COUNTY)
    region = models.CharField(_("所在地区"), validators=[single_line], max_length=60, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("树路径"), max_length=255, db_index=True, editable=False, default="")
    is_org_department = models.BooleanField(
        _("组织部门"), default=False, help_text=_("该单位是否为党委组织部（人才科/干部科）。")
    )
    contact_name = models.CharField(_("联系人"), validators=[single_line], max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[single_line, validate_phone])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_under_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]
