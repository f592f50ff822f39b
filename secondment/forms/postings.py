from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT

from ..models import Posting

TEXT = forms.Textarea(attrs={"rows": 2})


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=TEXT)


class AppointForm(forms.Form):
    appointment_doc_no = forms.CharField(label=_("任职文号"), max_length=60)
    appointment_date = forms.DateField(label=_("任职日期"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("说明"), required=False, widget=TEXT)


class ArrivalForm(forms.Form):
    arrival_date = forms.DateField(label=_("到岗日期"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("说明"), required=False, widget=TEXT)


class ShortenForm(forms.Form):
    new_end_date = forms.DateField(label=_("新的结束日期"), widget=DATE_INPUT)
    consultation = forms.CharField(
        label=_("征求意见情况"), widget=TEXT, help_text=_("提前结束须记录与派出单位、接收单位的沟通协商情况。")
    )
    reason = forms.CharField(label=_("理由"), widget=TEXT)


class TerminateForm(forms.Form):
    grounds = forms.ChoiceField(
        label=_("终止原因"),
        choices=[
            ("absence", _("长期未经批准离岗")),
            ("rectification", _("督查问题逾期未整改")),
            ("discipline", _("违规违纪")),
            ("health", _("身体原因")),
            ("other", _("其他")),
        ],
    )
    reason = forms.CharField(label=_("理由"), widget=TEXT)


class FilingForm(forms.Form):
    filing_no = forms.CharField(label=_("备案编号"), max_length=60)
    filing_date = forms.DateField(label=_("备案日期"), widget=DATE_INPUT)


class PlanForm(forms.ModelForm):
    class Meta:
        model = Posting
        fields = ["mentor", "duties", "responsibilities", "training_plan", "subsidy_monthly"]
        widgets = {"duties": TEXT, "responsibilities": TEXT, "training_plan": TEXT}


class ExtensionRequestForm(forms.Form):
    new_end_date = forms.DateField(label=_("延期至"), widget=DATE_INPUT)
    receiving_unit_request = forms.CharField(label=_("接收单位申请理由"), widget=TEXT)
    cadre_willing = forms.BooleanField(label=_("已征得本人同意（本人自愿）"), required=False)


class ExtensionConsentForm(forms.Form):
    """The dispatching contact's own step: agree, or refuse with reasons."""

    consent = forms.TypedChoiceField(
        label=_("派出单位意见"), choices=[("1", _("同意延期")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("意见或理由"), widget=TEXT, required=False, help_text=_("不同意时必填。"))


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("决定"), choices=[("1", _("同意延期")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("理由"), widget=TEXT)
