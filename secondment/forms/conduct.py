from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.forms import DATE_INPUT

from ..models import Inspection, LeaveRequest

TEXT = forms.Textarea(attrs={"rows": 3})


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("假别"), choices=LeaveRequest.Kind.choices)
    start_date = forms.DateField(label=_("开始日期"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("结束日期"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("事由"), widget=TEXT)


class LeaveDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批"), choices=[("1", _("批准")), ("0", _("不批准"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("意见"), required=False)


class AttendanceForm(forms.Form):
    month = forms.DateField(label=_("月份（任选该月一天）"), widget=DATE_INPUT)
    days_present = forms.IntegerField(label=_("出勤天数"), min_value=0, max_value=31)
    days_on_leave = forms.IntegerField(label=_("请假天数"), min_value=0, max_value=31, initial=0)
    days_absent = forms.IntegerField(label=_("未经批准缺勤天数"), min_value=0, max_value=31, initial=0)
    notes = forms.CharField(label=_("备注"), required=False)


class AbsenceForm(forms.Form):
    start_date = forms.DateField(label=_("开始日期"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("结束日期"), widget=DATE_INPUT)
    notes = forms.CharField(label=_("情况说明"), widget=TEXT)


class InspectionForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DATE_INPUT)
    method = forms.ChoiceField(label=_("方式"), choices=Inspection.Method.choices)
    findings = forms.CharField(label=_("发现情况"), widget=TEXT)
    reminder_talk = forms.BooleanField(label=_("进行了提醒谈话"), required=False)
    reminder_talk_notes = forms.CharField(label=_("谈话情况"), required=False, widget=TEXT)
    rectification_required = forms.BooleanField(label=_("要求限期整改"), required=False)
    rectification_deadline = forms.DateField(label=_("整改期限"), required=False, widget=DATE_INPUT)


class RectificationForm(forms.Form):
    rectified_at = forms.DateField(label=_("整改完成日期"), widget=DATE_INPUT)
    notes = forms.CharField(label=_("整改情况"), widget=TEXT)


class WorkLogForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DATE_INPUT)
    content = forms.CharField(label=_("工作内容"), widget=forms.Textarea(attrs={"rows": 4}))
    place = forms.CharField(label=_("地点"), required=False)
    participants = forms.CharField(label=_("参与人员"), required=False)
