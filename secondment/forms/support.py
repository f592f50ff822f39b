"""Forms of the support pages (issue 15): 座谈会, 情况反馈, 轮岗, 生活保障, 结对."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT
from cadres.models import Unit
from cadres.unit_pickers import unit_pick_apply

from ..models import Batch, LivingSupport, Posting

TEXT = forms.Textarea(attrs={"rows": 3})


class SymposiumForm(forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=100)
    organizer = forms.ModelChoiceField(label=_("组织单位"), queryset=Unit.objects.none())
    batch = forms.ModelChoiceField(label=_("批次"), queryset=Batch.objects.none(), required=False)
    date = forms.DateField(label=_("日期"), widget=DATE_INPUT)
    place = forms.CharField(label=_("地点"), max_length=100)
    attendees = forms.ModelMultipleChoiceField(
        label=_("参会挂职干部"),
        queryset=Posting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(label=_("其他参会人员"), max_length=300, required=False)
    topics = forms.CharField(label=_("议题"), widget=TEXT)
    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, organizers=None, batches=None, postings=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_pick_apply(self.fields["organizer"], "organizer", organizers)
        self.fields["batch"].queryset = batches
        self.fields["attendees"].queryset = postings.select_related("cadre", "receiving_unit")
        self.fields["attendees"].label_from_instance = lambda p: f"{p.cadre.name}（{p.receiving_unit.name} {p.post}）"


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、图片、Word、Excel，不超过10MB）"))


class FeedbackForm(forms.Form):
    period_start = forms.DateField(label=_("反馈期间自"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("反馈期间至"), widget=DATE_INPUT)
    content = forms.CharField(label=_("现实表现和工作情况"), widget=forms.Textarea(attrs={"rows": 5}))


class AcknowledgeForm(forms.Form):
    reply = forms.CharField(label=_("回复（可不填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RotationForm(forms.Form):
    post = forms.CharField(label=_("岗位（职务）"), max_length=60)
    duties = forms.CharField(label=_("分管工作"), widget=TEXT)
    start_date = forms.DateField(label=_("开始日期"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("结束日期（留空表示至今）"), widget=DATE_INPUT, required=False)
    notes = forms.CharField(label=_("备注"), max_length=200, required=False)


class LivingSupportForm(forms.Form):
    housing = forms.ChoiceField(label=_("住房"), choices=LivingSupport.Housing.choices)
    housing_detail = forms.CharField(label=_("住房说明"), max_length=200, required=False)
    transport = forms.ChoiceField(label=_("乘车"), choices=LivingSupport.Transport.choices)
    transport_allowance = forms.DecimalField(
        label=_("交通补贴（元/月）"), required=False, min_value=0, max_digits=8, decimal_places=2
    )
    travel_payer = forms.ChoiceField(label=_("差旅费"), choices=LivingSupport.TravelPayer.choices)
    travel_detail = forms.CharField(label=_("差旅费说明"), max_length=200, required=False)
    notes = forms.CharField(label=_("其他保障"), widget=TEXT, required=False)


class PairingForm(forms.Form):
    dispatching_unit = forms.ModelChoiceField(label=_("派出单位"), queryset=Unit.objects.none())
    receiving_unit = forms.ModelChoiceField(label=_("接收单位"), queryset=Unit.objects.none())
    notes = forms.CharField(label=_("帮扶内容"), max_length=200, required=False)

    def __init__(self, *args, batch=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispatching_unit"].queryset = Unit.objects.filter(batch_quotas__batch=batch).distinct()
        self.fields["receiving_unit"].queryset = Unit.objects.filter(batch_offers__batch=batch).distinct()
