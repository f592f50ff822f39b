from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT

from .models import AfterSecondment, Grade

TEXT = forms.Textarea(attrs={"rows": 4})


class SelfSummaryForm(forms.Form):
    text = forms.CharField(label=_("个人总结（述职）"), widget=forms.Textarea(attrs={"rows": 10}))


class ReceivingForm(forms.Form):
    intro = forms.CharField(label=_("一、基本情况"), widget=TEXT)
    strengths = forms.CharField(label=_("二、主要优点"), widget=TEXT)
    shortcomings = forms.CharField(label=_("三、主要不足"), widget=TEXT)
    hopes = forms.CharField(label=_("四、希望"), widget=TEXT)
    main_work = forms.CharField(label=_("挂职期间主要工作/分管工作"), required=False, widget=TEXT)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.DecimalField(
                label=f"{item.name}（权重{item.weight:g}）",
                min_value=0,
                max_value=100,
                decimal_places=2,
                help_text=item.description,
            )

    def scores(self) -> dict:
        return {item.pk: self.cleaned_data[f"score_{item.pk}"] for item in self.items}


class DemocraticForm(forms.Form):
    headcount = forms.IntegerField(label=_("总人数"), min_value=0)
    expected = forms.IntegerField(label=_("应到"), min_value=0)
    present = forms.IntegerField(label=_("实到"), min_value=0)
    ballots_valid = forms.IntegerField(label=_("有效票"), min_value=0)
    ballots_invalid = forms.IntegerField(label=_("无效票"), min_value=0, initial=0)
    ballots_abstain = forms.IntegerField(label=_("弃权票"), min_value=0, initial=0)
    votes_excellent = forms.IntegerField(label=_("优秀"), min_value=0, initial=0)
    votes_competent = forms.IntegerField(label=_("称职/合格"), min_value=0, initial=0)
    votes_basic = forms.IntegerField(label=_("基本称职/基本合格"), min_value=0, initial=0)
    votes_incompetent = forms.IntegerField(label=_("不称职/不合格"), min_value=0, initial=0)
    votes_unknown = forms.IntegerField(label=_("不了解"), min_value=0, initial=0)


class TalksForm(forms.Form):
    talks = forms.CharField(label=_("个别谈话情况"), widget=TEXT)
    verification = forms.CharField(label=_("调查核实情况"), required=False, widget=TEXT)


class DispatchForm(forms.Form):
    opinion = forms.CharField(label=_("派出单位意见"), widget=TEXT)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("组织部门鉴定意见"), widget=TEXT)
    final_grade = forms.ModelChoiceField(label=_("鉴定等次"), queryset=Grade.objects.none(), required=False)
    deviation_reason = forms.CharField(
        label=_("等次与建议不一致的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    filing_no = forms.CharField(label=_("备案编号"), required=False, max_length=60)

    def __init__(self, *args, scale=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scale is not None:
            self.fields["final_grade"].queryset = scale.grades.all()


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 2}))


class AnnualProposeForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    grade = forms.ModelChoiceField(label=_("建议等次"), queryset=Grade.objects.none())
    comments = forms.CharField(label=_("评语"), widget=TEXT)

    def __init__(self, *args, scale=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scale is not None:
            self.fields["grade"].queryset = scale.grades.all()


class AnnualOpinionForm(forms.Form):
    opinion = forms.CharField(label=_("派出单位意见"), widget=forms.Textarea(attrs={"rows": 2}))


class AnnualConfirmForm(forms.Form):
    """The grade determined after the dispatching unit's opinion (by whoever the practice names)."""

    grade = forms.ModelChoiceField(label=_("确定等次"), queryset=Grade.objects.none())

    def __init__(self, *args, scale=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scale is not None:
            self.fields["grade"].queryset = scale.grades.all()


class AnnualRecordForm(forms.Form):
    """The org department records (备案) the grade the receiving unit determined: nothing to fill."""


class AfterSecondmentForm(forms.ModelForm):
    class Meta:
        model = AfterSecondment
        fields = ["outcome", "date", "doc_no", "new_post", "notes"]
        widgets = {"date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}


# --- 民主测评（扫码）(issue 20) ------------------------------------------------------------------------

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class VoteOpenForm(forms.Form):
    expected = forms.IntegerField(
        label=_("应到人数（发放测评码数）"), min_value=1, max_value=1000, help_text=_("每人一张测评码，一码一票。")
    )
    opens_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    closes_at = forms.DateTimeField(label=_("截止时间"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    with_indicators = forms.BooleanField(
        label=_("同时评价德、能、勤、绩、廉各项指标"), required=False, help_text=_("各项按好、较好、一般、差评价。")
    )


class VoteCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("提前结束的理由"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class VoteReopenForm(forms.Form):
    closes_at = forms.DateTimeField(label=_("新的截止时间"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    reason = forms.CharField(label=_("重新开放的理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class BallotCodeForm(forms.Form):
    code = forms.CharField(
        label=_("测评码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "ABCD-2345",
            }
        ),
    )
