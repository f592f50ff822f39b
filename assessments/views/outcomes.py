"""挂职后使用情况 (挂用结合): the org department records what became of the cadre."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import flash_errors
from secondment.access import posting_get_for_user

from .. import forms as f
from ..services.outcomes import after_secondment_record


class AfterSecondmentView(View):
    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        form = f.AfterSecondmentForm(request.POST)
        if form.is_valid():
            try:
                after_secondment_record(posting=posting, acting_user=request.user, **form.cleaned_data)
                messages.success(request, gettext("已记录挂职后使用情况。"))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("assessments:posting", pk=posting.pk)
