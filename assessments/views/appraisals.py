"""The appraisal's writes: open early, fill a step, finalize, correct. The services decide who may
(through `assessments.access`); a refusal comes back as 403 (wrong role) or a message (wrong state).
A step or a correction with errors comes back as the tab again, with what was typed and the message
next to its field."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import flash_errors, form_action
from secondment.access import posting_get_for_user

from .. import forms as f
from ..access import appraisal_get_for_user
from ..services import appraisals
from .posting import assessment_page
from .steps import STEP_SERVICES, step_form


class AppraisalStepView(View):
    def post(self, request, pk: int, step: str):
        appraisal = appraisal_get_for_user(user=request.user, pk=pk)
        if step not in STEP_SERVICES:
            raise PermissionDenied
        form = step_form(step, appraisal, request.POST)
        if form_action(
            request,
            form,
            lambda **_: STEP_SERVICES[step](appraisal=appraisal, form=form, acting_user=request.user),
            gettext("已保存。"),
        ):
            return redirect("assessments:posting", pk=appraisal.posting_id)
        return assessment_page(request, appraisal.posting_id, bound={f"step:{step}": form})


class AppraisalOpenView(View):
    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        try:
            appraisals.appraisal_open(posting=posting, acting_user=request.user)
            messages.success(request, gettext("已启动期满考核鉴定。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=posting.pk)


class AppraisalFinalizeView(View):
    def post(self, request, pk: int):
        appraisal = appraisal_get_for_user(user=request.user, pk=pk)
        try:
            appraisals.appraisal_finalize(appraisal=appraisal, acting_user=request.user)
            messages.success(request, gettext("鉴定已定稿。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=appraisal.posting_id)


class AppraisalCorrectView(View):
    def post(self, request, pk: int):
        appraisal = appraisal_get_for_user(user=request.user, pk=pk)
        form = f.CorrectionForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: appraisals.appraisal_correct(appraisal=appraisal, acting_user=request.user, **d),
            gettext("已创建更正版本，原版本保留。"),
        ):
            return redirect("assessments:posting", pk=appraisal.posting_id)
        return assessment_page(request, appraisal.posting_id, bound={"correction_form": form})
