"""Forms of the work report page: the text (with the version it was opened at) and a review."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXT = forms.Textarea(attrs={"rows": 5})


class SubmitRequiredField(forms.CharField):
    """A section required on submit (the service checks it) but free in a draft: marked required on the
    page (crispy's asterisk), never refused by the form itself."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("提交时必填；保存草稿时可暂不填写。"))
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        pass  # emptiness is the service's call: a draft may be empty


class ReportForm(forms.Form):
    use_required_attribute = False  # the browser must not stop a draft with an empty section

    version = forms.IntegerField(widget=forms.HiddenInput)
    main_work = SubmitRequiredField(label=_("主要工作"), widget=TEXT)
    results = forms.CharField(label=_("取得成效"), required=False, widget=TEXT)
    problems = forms.CharField(label=_("存在问题"), required=False, widget=TEXT)
    next_plans = SubmitRequiredField(label=_("下步打算"), widget=TEXT)
    other = forms.CharField(label=_("其他"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    early_confirmed = forms.BooleanField(label=_("本期尚未结束，确认提前提交"), required=False)

    def __init__(self, *args, early: bool = False, **kwargs):
        """early: the report's period has not ended, so submitting asks for the confirmation box."""
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["early_confirmed"]


class ReviewForm(forms.Form):
    comments = forms.CharField(label=_("审阅意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
