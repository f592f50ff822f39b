"""Forms of the nomination pages: nominate, scores, organization inspection, decision, withdrawal."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import BatchOffer, Nomination


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

    def __init__(self, *args, cadres=None, batch=None, allow_override=False, notes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["offer"].queryset = batch.offers.select_related("receiving_unit", "post_title")
        notes = notes or {}

        def label(c):
            note = f" · {notes[c.pk]}" if c.pk in notes else ""
            return f"{c.name}（{c.unit.name} {c.post}）{note}"

        self.fields["cadre"].label_from_instance = label
        self.fields["cadre"].help_text = _("每人后面注明是否符合本批次条件；正在挂职的干部不能推荐。")
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

    def __init__(self, *args, batch=None, suggested_units=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        if batch is not None:
            self.fields["offer"].queryset = batch.offers.select_related("receiving_unit", "post_title")
        if suggested_units:  # 结对: the paired receiving units' posts are marked as suggested
            self.fields["offer"].label_from_instance = lambda o: (
                f"{o}（结对单位，建议）" if o.receiving_unit_id in suggested_units else str(o)
            )
            self.fields["offer"].help_text = _("标注“结对单位”的岗位属于与派出单位结对的接收单位。")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 2}))
