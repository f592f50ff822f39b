"""Cadres (干部) and their training records (培训记录)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import RandomPath
from core.models import TimeStampedModel
from core.validators import single_line

from ..validators import validate_citizen_id, validate_phone
from .reference import Degree, Education, Ethnicity, PoliticalStatus, Rank
from .units import Unit


class CadreQuerySet(models.QuerySet):
    pass


class Cadre(TimeStampedModel):
    """干部: a person who may be nominated and seconded."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    name = models.CharField(_("姓名"), validators=[single_line], max_length=40, db_index=True)
    name_initials = models.CharField(_("姓名拼音首字母"), max_length=40, blank=True, db_index=True, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.ForeignKey(Ethnicity, verbose_name=_("民族"), on_delete=models.PROTECT)
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_citizen_id])
    political_status = models.ForeignKey(PoliticalStatus, verbose_name=_("政治面貌"), on_delete=models.PROTECT)
    education = models.ForeignKey(Education, verbose_name=_("学历"), null=True, blank=True, on_delete=models.PROTECT)
    degree = models.ForeignKey(Degree, verbose_name=_("学位"), null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, verbose_name=_("现工作单位"), on_delete=models.PROTECT, related_name="cadres")
    post = models.CharField(_("现任职务"), validators=[single_line], max_length=60, blank=True)
    rank = models.ForeignKey(Rank, verbose_name=_("职级"), null=True, blank=True, on_delete=models.PROTECT)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[single_line, validate_phone])
    speciality = models.CharField(_("专长"), validators=[single_line], max_length=100, blank=True)
    is_reserve = models.BooleanField(_("后备干部"), default=False)
    photo = models.ImageField(_("照片"), upload_to=RandomPath("cadre_photos"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("干部")
        verbose_name_plural = _("干部")
        ordering = ["unit__path", "name", "id"]
        indexes = [
            # the cadre list's order (unit tree, then name): a unit's cadres already sorted (issue 18)
            models.Index(fields=["unit", "name", "id"], name="cadre_unit_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from ..validators import normalize_citizen_id, validate_citizen_id_agrees

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
    course = models.CharField(_("培训项目"), validators=[single_line], max_length=100)
    organizer = models.CharField(_("主办单位"), validators=[single_line], max_length=100, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=6, decimal_places=1, null=True, blank=True)
    result = models.CharField(_("培训结果"), validators=[single_line], max_length=60, blank=True)
    systematic = models.BooleanField(
        _("系统培训"),
        default=False,
        help_text=_("党校、行政学院等组织的系统培训。未经系统培训的干部不得列入后备干部（seed 002）。"),
    )
    attended_hours = models.DecimalField(
        _("实际参训学时"), max_digits=6, decimal_places=1, null=True, blank=True, help_text=_("培训出勤情况。")
    )
    completed = models.BooleanField(_("已结业"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.course}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        if self.attended_hours is not None and self.hours is not None and self.attended_hours > self.hours:
            errors["attended_hours"] = _("实际参训学时不能多于培训学时。")
        if self.completed and not self.end_date:
            errors["end_date"] = _("已结业的培训须填写结束日期。")
        if errors:
            raise ValidationError(errors)
