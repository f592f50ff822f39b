"""Forms of the termination proposal (终止挂职建议), its decision, and the 任职手续."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT

from ..models import AbsenceRecord, Inspection, TerminationGrounds

TEXT = forms.Textarea(attrs={"rows": 3})


class TerminationProposalForm(forms.Form):
    grounds = forms.ChoiceField(label=_("终止原因"), choices=TerminationGrounds.choices)
    reasons = forms.CharField(label=_("意见和理由"), widget=TEXT)
    absences = forms.ModelMultipleChoiceField(
        label=_("依据：未经批准离岗记录"),
        queryset=AbsenceRecord.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    inspections = forms.ModelMultipleChoiceField(
        label=_("依据：督查抽查记录"),
        queryset=Inspection.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachment = forms.FileField(label=_("附件（可选）"), required=False)

    def __init__(self, *args, absences=None, inspections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if absences is not None:
            self.fields["absences"].queryset = absences
            self.fields["absences"].label_from_instance = lambda a: (
                f"{a.start_date:%Y-%m-%d} 至 {a.end_date:%Y-%m-%d}，{a.days}天 {a.notes[:30]}"
            )
        if inspections is not None:
            self.fields["inspections"].queryset = inspections
            self.fields["inspections"].label_from_instance = lambda i: (
                f"{i.date:%Y-%m-%d} {i.get_method_display()}：{i.findings[:30]}"
            )


class TerminationDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("决定"), choices=[("1", _("同意终止挂职")), ("0", _("不同意终止"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("研究意见"), widget=TEXT)


class FormalityForm(forms.Form):
    date = forms.DateField(label=_("办理日期"), widget=DATE_INPUT)
    doc_no = forms.CharField(label=_("文号"), max_length=60)
    title = forms.CharField(label=_("文件标题"), max_length=200)
    attachment = forms.FileField(label=_("附件（可选）"), required=False)
