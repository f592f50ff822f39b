from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Cadre, CadreParticulars, FamilyMember, ResumeEntry, RewardPunishment, TrainingRecord, Unit
from .services.particulars import PARTICULARS_FIELDS
from .unit_pickers import unit_pick_apply
from .validators import normalize_citizen_id

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CadreForm(forms.ModelForm):
    class Meta:
        model = Cadre
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "political_status",
            "education",
            "degree",
            "unit",
            "post",
            "rank",
            "phone",
            "speciality",
            "is_reserve",
            "photo",
            "notes",
        ]
        widgets = {"birth_date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            unit_pick_apply(self.fields["unit"], "cadre", units)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(
                Column("name", css_class="col-md-4"),
                Column("gender", css_class="col-md-2"),
                Column("ethnicity", css_class="col-md-3"),
                Column("birth_date", css_class="col-md-3"),
            ),
            Row(
                Column("id_number", css_class="col-md-5"),
                Column("political_status", css_class="col-md-3"),
                Column("phone", css_class="col-md-4"),
            ),
            Row(
                Column("education", css_class="col-md-3"),
                Column("degree", css_class="col-md-3"),
                Column("rank", css_class="col-md-3"),
                Column("is_reserve", css_class="col-md-3 pt-md-4"),
            ),
            Row(Column("unit", css_class="col-md-6"), Column("post", css_class="col-md-6")),
            "speciality",
            "photo",
            "notes",
            Submit("save", _("保存"), css_class="btn-danger"),
        )

    def clean_id_number(self):
        return normalize_citizen_id(self.cleaned_data["id_number"])


class TrainingRecordForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = [
            "course",
            "organizer",
            "start_date",
            "end_date",
            "hours",
            "attended_hours",
            "systematic",
            "completed",
            "result",
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("添加培训记录"), css_class="btn-danger"))

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("结束日期不能早于开始日期。"))
        return data


class RewardPunishmentForm(forms.ModelForm):
    """奖惩记录, added on the cadre page and edited on its own page."""

    class Meta:
        model = RewardPunishment
        fields = ["kind", "title", "date", "issuing_body", "document_no", "note"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        # required when entered by hand; a record read from a 任免审批表 without one may stay without
        self.fields["issuing_body"].required = not (self.instance.pk and not self.instance.issuing_body)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("kind", css_class="col-md-3"),
                Column("date", css_class="col-md-3"),
                Column("title", css_class="col-md-6"),
            ),
            Row(Column("issuing_body", css_class="col-md-6"), Column("document_no", css_class="col-md-6")),
            "note",
            Submit("save", submit_label or _("添加奖惩记录"), css_class="btn-danger"),
        )


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "kind",
            "level",
            "region",
            "parent",
            "is_org_department",
            "contact_name",
            "contact_phone",
        ]

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents.order_by("path")
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("保存"), css_class="btn-danger"))


class _OrderedLineForm(forms.ModelForm):
    """A line of a cadre's list (简历, 家庭成员): 序号 may be left empty, and then the model's default
    (after the last line) applies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False

    def clean(self):
        data = super().clean()
        if data.get("order") is None:
            data.pop("order", None)
        return data


class ResumeEntryForm(_OrderedLineForm):
    """简历: one line, added on the cadre page and edited on its own page."""

    class Meta:
        model = ResumeEntry
        fields = ["start", "end", "text", "order"]

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("start", css_class="col-6 col-md-3"),
                Column("end", css_class="col-6 col-md-3"),
                Column("order", css_class="col-md-2"),
            ),
            "text",
            Submit("save", submit_label or _("添加简历"), css_class="btn-danger"),
        )


class FamilyMemberForm(_OrderedLineForm):
    """家庭主要成员及重要社会关系: one row."""

    class Meta:
        model = FamilyMember
        fields = ["relation", "name", "birth", "political_status", "work_and_post", "order"]

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("relation", css_class="col-6 col-md-2"),
                Column("name", css_class="col-6 col-md-3"),
                Column("birth", css_class="col-6 col-md-3"),
                Column("political_status", css_class="col-6 col-md-2"),
                Column("order", css_class="col-md-2"),
            ),
            "work_and_post",
            Submit("save", submit_label or _("添加家庭成员"), css_class="btn-danger"),
        )


class CadreParticularsForm(forms.ModelForm):
    """任免审批表信息 (籍贯, 学历学位, 拟任拟免…) on its own page."""

    class Meta:
        model = CadreParticulars
        fields = list(PARTICULARS_FIELDS)
        widgets = {
            "appointment_reason": forms.Textarea(attrs={"rows": 2}),
            "annual_results": forms.Textarea(attrs={"rows": 2}),
            "rewards_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        pairs = [
            ("native_place", "birthplace"),
            ("party_joined", "work_started"),
            ("health", "professional_title"),
            ("fulltime_education", "fulltime_degree"),
            ("fulltime_education_school", "fulltime_degree_school"),
            ("inservice_education", "inservice_degree"),
            ("inservice_education_school", "inservice_degree_school"),
            ("proposed_post", "proposed_removal"),
            ("reporting_unit", "age_reference"),
            ("filled_on", "filled_by"),
        ]
        self.helper.layout = Layout(
            *[Row(Column(a, css_class="col-md-6"), Column(b, css_class="col-md-6")) for a, b in pairs],
            "appointment_reason",
            "annual_results",
            "rewards_text",
            Submit("save", _("保存"), css_class="btn-danger"),
        )
