from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT
from cadres.models import Rank, Unit

from .models import Batch, BatchOffer, Nomination, PostTitle


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "name",
            "kind",
            "year",
            "organizer",
            "term_months",
            "planned_start",
            "nomination_deadline",
            "age_reference_date",
            "max_age",
            "min_rank",
            "max_rank",
            "reserve_only",
            "min_education",
            "written_weight",
            "interview_weight",
            "pre_training",
            "description",
        ]
        widgets = {
            "planned_start": DATE_INPUT,
            "nomination_deadline": DATE_INPUT,
            "age_reference_date": DATE_INPUT,
            "pre_training": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organizers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizers is not None:
            self.fields["organizer"].queryset = organizers.order_by("path")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("基本信息"),
                Row(
                    Column("name", css_class="col-md-6"),
                    Column("kind", css_class="col-md-3"),
                    Column("year", css_class="col-md-3"),
                ),
                Row(
                    Column("organizer", css_class="col-md-6"),
                    Column("term_months", css_class="col-md-2"),
                    Column("planned_start", css_class="col-md-2"),
                    Column("nomination_deadline", css_class="col-md-2"),
                ),
            ),
            Fieldset(
                _("选派条件"),
                Row(
                    Column("age_reference_date", css_class="col-md-3"),
                    Column("max_age", css_class="col-md-2"),
                    Column("min_rank", css_class="col-md-2"),
                    Column("max_rank", css_class="col-md-2"),
                    Column("min_education", css_class="col-md-3"),
                ),
                "reserve_only",
            ),
            Fieldset(
                _("竞争性选拔"),
                Row(Column("written_weight", css_class="col-md-3"), Column("interview_weight", css_class="col-md-3")),
            ),
            "pre_training",
            "description",
            Submit("save", _("保存"), css_class="btn-danger"),
        )


class QuotaForm(forms.Form):
    dispatching_unit = forms.ModelChoiceField(label=_("派出单位"), queryset=Unit.objects.none())
    quota = forms.IntegerField(label=_("名额"), min_value=0, max_value=999)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["dispatching_unit"].queryset = units.order_by("path")


class OfferForm(forms.ModelForm):
    class Meta:
        model = BatchOffer
        fields = ["receiving_unit", "post_title", "count", "notes"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["receiving_unit"].queryset = units.order_by("path")
        self.fields["post_title"].queryset = PostTitle.objects.filter(is_active=True)


class AgeCeilingForm(forms.Form):
    rank_from = forms.ModelChoiceField(label=_("职级自"), queryset=Rank.objects.all())
    rank_to = forms.ModelChoiceField(label=_("职级至"), queryset=Rank.objects.all())
    max_age = forms.IntegerField(label=_("年龄上限"), min_value=18, max_value=70)


class NominationForm(forms.Form):
    cadre = forms.ModelChoiceField(label=_("干部"), queryset=None)
    method = forms.ChoiceField(label=_("推荐方式"), choices=Nomination.Method.choices)
    offer = forms.ModelChoiceField(
        label=_("报名岗位（竞争性选拔时填写）"), queryset=BatchOffer.objects.none(), required=False
    )
    reason = forms.CharField(label=_("推荐理由"), widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label=_("破格理由（仅组织部门填写）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("干部不符合选派条件时，组织部门可填写理由破格推荐；理由将记录在案。"),
    )

    def __init__(self, *args, cadres=None, batch=None, allow_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["offer"].queryset = batch.offers.select_related("receiving_unit", "post_title")
        self.fields["cadre"].label_from_instance = lambda c: f"{c.name}（{c.unit.name} {c.post}）"
        if not allow_override:
            del self.fields["override_reason"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("推荐"), css_class="btn-danger"))


class ScoresForm(forms.Form):
    written_score = forms.DecimalField(
        label=_("笔试成绩"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    interview_score = forms.DecimalField(
        label=_("面试成绩"), required=False, min_value=0, max_value=100, decimal_places=2
    )


class InspectionForm(forms.Form):
    result = forms.ChoiceField(label=_("考察结果"), choices=Nomination.Inspection.choices)
    notes = forms.CharField(label=_("考察情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    selected = forms.TypedChoiceField(
        label=_("决定"), choices=[("1", _("确定为拟选派人选")), ("0", _("不予选派"))], coerce=lambda v: v == "1"
    )
    offer = forms.ModelChoiceField(label=_("拟任岗位"), queryset=BatchOffer.objects.none(), required=False)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, batch=None, **kwargs):
        super().__init__(*args, **kwargs)
        if batch is not None:
            self.fields["offer"].queryset = batch.offers.select_related("receiving_unit", "post_title")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 2}))
