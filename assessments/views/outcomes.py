"""挂职后使用情况 (挂用结合): the org department records what became of the cadre."""

from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import form_action
from secondment.access import posting_get_for_user

from .. import forms as f
from ..services.outcomes import after_secondment_record
from .posting import assessment_page


class AfterSecondmentView(View):
    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        form = f.AfterSecondmentForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: after_secondment_record(posting=posting, acting_user=request.user, **d),
            gettext("已记录挂职后使用情况。"),
        ):
            return redirect("assessments:posting", pk=posting.pk)
        return assessment_page(request, posting.pk, bound={"outcome_form": form})
