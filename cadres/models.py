"""Units (单位) and cadres (干部), with the reference lists their fields draw on."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .validators import validate_citizen_id, validate_phone


class ReferenceItem(models.Model):
    """A value of an editable reference list (民族, 政治面貌, 学历, 学位, 职级)."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
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

    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("单位性质"), max_length=20, choices=Kind.choices, default=Kind.PARTY_GOV)
    level = models.CharField(_("行政层级"), max_length=10, choices=Level.choices, default=Level.COUNTY)
    region = models.CharField(_("所在地区"), max_length=60, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("树路径"), max_length=255, db_index=True, editable=False, default="")
    is_org_department = models.BooleanField(
        _("组织部门"), default=False, help_text=_("该单位是否为党委组织部（人才科/干部科）。")
    )
    contact_name = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])

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


class CadreQuerySet(models.QuerySet):
    pass


class Cadre(TimeStampedModel):
    """干部: a person who may be nominated and seconded."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    name = models.CharField(_("姓名"), max_length=40, db_index=True)
    name_initials = models.CharField(_("姓名拼音首字母"), max_length=40, blank=True, db_index=True, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.ForeignKey(Ethnicity, verbose_name=_("民族"), on_delete=models.PROTECT)
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_citizen_id])
    political_status = models.ForeignKey(PoliticalStatus, verbose_name=_("政治面貌"), on_delete=models.PROTECT)
    education = models.ForeignKey(Education, verbose_name=_("学历"), null=True, blank=True, on_delete=models.PROTECT)
    degree = models.ForeignKey(Degree, verbose_name=_("学位"), null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, verbose_name=_("现工作单位"), on_delete=models.PROTECT, related_name="cadres")
    post = models.CharField(_("现任职务"), max_length=60, blank=True)
    rank = models.ForeignKey(Rank, verbose_name=_("职级"), null=True, blank=True, on_delete=models.PROTECT)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    speciality = models.CharField(_("专长"), max_length=100, blank=True)
    is_reserve = models.BooleanField(_("后备干部"), default=False)
    photo = models.ImageField(_("照片"), upload_to="cadre_photos/", null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("干部")
        verbose_name_plural = _("干部")
        ordering = ["unit__path", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .validators import normalize_citizen_id, validate_citizen_id_agrees

        if self.id_number:
            self.id_number = normalize_citizen_id(self.id_number)
        errors = validate_citizen_id_agrees(
            id_number=self.id_number or "", birth_date=self.birth_date, gender=self.gender
        )
        if errors:
            raise ValidationError(errors)

    def age_on(self, day: date) -> int:
        """Age in whole years on `day` (never stored: derived from the birth date)."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @property
    def age(self) -> int:
        from django.utils import timezone

        return self.age_on(timezone.localdate())


class TrainingRecord(TimeStampedModel):
    """培训记录 (seed 002): a course a cadre attended."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("培训项目"), max_length=100)
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=6, decimal_places=1, null=True, blank=True)
    result = models.CharField(_("培训结果"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.course}"
