"""Forms of the work report page: the text (with the version it was opened at) and a review."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXT = forms.Textarea(attrs={"rows": 5})


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    main_work = forms.CharField(label=_("主要工作"), required=False, widget=TEXT)
    results = forms.CharField(label=_("取得成效"), required=False, widget=TEXT)
    problems = forms.CharField(label=_("存在问题"), required=False, widget=TEXT)
    next_plans = forms.CharField(label=_("下步打算"), required=False, widget=TEXT)
    other = forms.CharField(label=_("其他"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    comments = forms.CharField(label=_("审阅意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
