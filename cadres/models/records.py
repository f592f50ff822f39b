"""Rewards and punishments (奖惩情况) on a cadre's record: what the 鉴定表 and the 干部任免审批表 print
under 奖惩情况. Plain fields, so a .lrmx import can fill them too."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.validators import single_line

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
    # blank only for records read from a 任免审批表, whose 奖惩情况 lines seldom name the approving body;
    # the cadre page's form still asks for it
    issuing_body = models.CharField(_("批准机关"), max_length=100, blank=True)
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


def _text(verbose_name, max_length, **options):
    """A one-line text field of the 任免审批表, kept as the file writes it (a date as yyyy.mm, a title as typed)."""
    return models.CharField(verbose_name, max_length=max_length, blank=True, validators=[single_line], **options)


class CadreParticulars(TimeStampedModel):
    """任免审批表信息: what the 《干部任免审批表》 holds about a cadre and the registry (Cadre) does not.

    A one-to-one record rather than more columns on Cadre: these ~25 fields are read only by the cadre page,
    the 任免审批表 (.lrmx / PDF) and the .lrmx import, never by the cadre list, filters, the roster workbook or
    the cadre form, so Cadre stays narrow for the lists of millions (issue 18), and a cadre whose file was
    never entered simply has no row (`particulars_of` gives an empty unsaved one). Dates are text as the
    form writes them (yyyy.mm, or a note such as 民盟2005.01), not DateFields: the file is often partial."""

    cadre = models.OneToOneField(
        Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="particulars", primary_key=True
    )
    native_place = _text(_("籍贯"), 60)
    birthplace = _text(_("出生地"), 60)
    party_joined = _text(_("入党时间"), 40, help_text=_("如 2001.07；民主党派写党派名称和时间。"))
    work_started = _text(_("参加工作时间"), 20, help_text=_("如 2002.07。"))
    health = _text(_("健康状况"), 40)
    professional_title = _text(_("专业技术职务"), 100)
    fulltime_education = _text(_("全日制教育学历"), 60)
    fulltime_degree = _text(_("全日制教育学位"), 60)
    fulltime_education_school = _text(_("全日制学历毕业院校系及专业"), 200)
    fulltime_degree_school = _text(_("全日制学位毕业院校系及专业"), 200)
    inservice_education = _text(_("在职教育学历"), 60)
    inservice_degree = _text(_("在职教育学位"), 60)
    inservice_education_school = _text(_("在职学历毕业院校系及专业"), 200)
    inservice_degree_school = _text(_("在职学位毕业院校系及专业"), 200)
    proposed_post = _text(_("拟任职务"), 200)
    proposed_removal = _text(_("拟免职务"), 200)
    appointment_reason = models.TextField(_("任免理由"), blank=True)
    annual_results = models.TextField(
        _("年度考核结果"),
        blank=True,
        help_text=_("任免审批表上的文字，如“2023年度考核称职；2024年度考核优秀”。挂职期间的年度考核另见考核记录。"),
    )
    rewards_text = models.TextField(
        _("奖惩情况（其他）"),
        blank=True,
        help_text=_("任免审批表奖惩情况中不以年月开头、未能登记为奖惩记录的文字，原样保留。"),
    )
    reporting_unit = _text(_("呈报单位"), 100)
    age_reference = _text(_("计算年龄时间"), 20, help_text=_("如 2026.12。"))
    filled_on = _text(_("填表时间"), 20)
    filled_by = _text(_("填表人"), 40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("任免审批表信息")
        verbose_name_plural = _("任免审批表信息")

    def __str__(self) -> str:
        return f"{self.cadre} · 任免审批表信息"


class ResumeEntry(TimeStampedModel):
    """简历: one line of the 任免审批表's résumé, "1998.09--2002.07  XX大学XX专业学习". `start` and `end` are
    yyyymm text as the file writes them (a line may lack either); a blank `end` on the last line reads 至今."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="resume_entries")
    start = _text(_("起始年月"), 6, help_text=_("yyyymm，如 199809。"))
    end = _text(_("截止年月"), 6, help_text=_("yyyymm；空白表示至今。"))
    text = models.CharField(_("经历"), max_length=500, validators=[single_line])
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("简历")
        verbose_name_plural = _("简历")
        ordering = ["cadre", "order", "id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.start}--{self.end or '至今'} {self.text}"


class FamilyMember(TimeStampedModel):
    """家庭主要成员及重要社会关系: one row of that table of the 任免审批表."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="family_members")
    relation = models.CharField(_("称谓"), max_length=20, validators=[single_line])
    name = models.CharField(_("姓名"), max_length=40, validators=[single_line])
    birth = _text(_("出生年月"), 20, help_text=_("如 1965.03（文件中的 196503 读作 1965.03）；已故等可照填文字。"))
    political_status = _text(_("政治面貌"), 40)
    work_and_post = _text(_("工作单位及职务"), 200)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭主要成员及重要社会关系")
        ordering = ["cadre", "order", "id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.relation} {self.name}"


def particulars_of(cadre: Cadre) -> CadreParticulars:
    """The cadre's 任免审批表 particulars, or an empty unsaved record when none was entered."""
    try:
        return cadre.particulars
    except CadreParticulars.DoesNotExist:
        return CadreParticulars(cadre=cadre)
