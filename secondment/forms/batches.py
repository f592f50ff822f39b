"""Forms of the batch pages: the batch, quotas, posts on offer, age ceilings."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.fields import UnitChoiceField
from cadres.forms import DATE_INPUT
from cadres.models import Rank, Unit
from cadres.unit_pickers import unit_pick_apply

from ..models import Batch, BatchOffer, PostTitle


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
        # an org department's unit, never a village or a hospital
        unit_pick_apply(
            self.fields["organizer"], "organizer", organizers if organizers is not None else Unit.objects.all()
        )
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
    dispatching_unit = UnitChoiceField(label=_("派出单位"), queryset=Unit.objects.none())
    quota = forms.IntegerField(label=_("名额"), min_value=0, max_value=999)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            unit_pick_apply(self.fields["dispatching_unit"], "dispatching", units)


class OfferForm(forms.ModelForm):
    receiving_unit = UnitChoiceField(label=_("接收单位"), queryset=Unit.objects.none())

    class Meta:
        model = BatchOffer
        fields = ["receiving_unit", "post_title", "count", "notes"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            unit_pick_apply(self.fields["receiving_unit"], "receiving", units)
        self.fields["post_title"].queryset = PostTitle.objects.filter(is_active=True)


class AgeCeilingForm(forms.Form):
    rank_from = forms.ModelChoiceField(label=_("职级自"), queryset=Rank.objects.all())
    rank_to = forms.ModelChoiceField(label=_("职级至"), queryset=Rank.objects.all())
    max_age = forms.IntegerField(label=_("年龄上限"), min_value=18, max_value=70)
