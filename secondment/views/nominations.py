"""Nomination pages: nominate, detail with history, scores, inspection, decision, registration form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.generic import View

from cadres.selectors import cadre_list_for_user
from core.view_helpers import apply_validation_errors, form_action

from .. import access, selectors
from ..access import batch_actions, nomination_actions
from ..eligibility import nominee_notes
from ..forms.nominations import DecisionForm, InspectionForm, NominationForm, ScoresForm, WithdrawForm
from ..models import Batch
from ..services import nominations as services


class NominateView(View):
    def _setup(self, request, pk):
        batch = selectors.batch_get_for_user(user=request.user, pk=pk)
        actions = batch_actions(request.user, batch)
        if "nominate" not in actions:
            raise PermissionDenied
        units = access.units_for_nominating(user=request.user, batch=batch)
        cadres = (
            cadre_list_for_user(user=request.user)
            .filter(unit__in=units)
            .select_related("unit", "rank", "education")
            .order_by("unit__path", "name")
        )
        # the organizing department may nominate a cadre short of the conditions, with a reason
        return batch, cadres, "manage" in actions

    def _form(self, batch, cadres, manages, data=None):
        """The cadre picker says, for each cadre, 正在挂职 or which conditions they miss."""
        loaded = Batch.objects.select_related("min_rank", "max_rank", "min_education").prefetch_related(
            "age_ceilings__rank_from", "age_ceilings__rank_to"
        )
        notes = nominee_notes(batch=loaded.get(pk=batch.pk), cadres=list(cadres))
        return NominationForm(data, cadres=cadres, batch=batch, allow_override=manages, notes=notes)

    def get(self, request, pk: int):
        batch, cadres, manages = self._setup(request, pk)
        form = self._form(batch, cadres, manages)
        return render(request, "secondment/nomination_form.html", {"batch": batch, "form": form})

    def post(self, request, pk: int):
        batch, cadres, manages = self._setup(request, pk)
        form = self._form(batch, cadres, manages, request.POST)
        if form.is_valid():
            try:
                nomination = services.nomination_create(batch=batch, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, f"已推荐 {nomination.cadre.name}。")
                return redirect("secondment:nomination-detail", pk=nomination.pk)
        return render(request, "secondment/nomination_form.html", {"batch": batch, "form": form})


def _decision_form(nomination) -> DecisionForm:
    """The decision form; without a chosen post, the first post of a paired receiving unit (结对) is proposed."""
    from ..selectors_support import paired_receiving_unit_ids

    paired = paired_receiving_unit_ids(batch=nomination.batch, dispatching_unit_id=nomination.dispatching_unit_id)
    offer = nomination.offer_id
    if offer is None and paired:
        offer = (
            nomination.batch.offers.filter(receiving_unit_id__in=paired)
            .order_by("id")
            .values_list("pk", flat=True)
            .first()
        )
    return DecisionForm(batch=nomination.batch, suggested_units=paired, initial={"offer": offer})


class NominationDetailView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        """`bound`: the one form sent back with errors (by its context name), shown as typed."""
        nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
        actions = nomination_actions(request.user, nomination)
        context = {
            "nomination": nomination,
            "actions": actions,
            "events": nomination.events.select_related("actor"),
            "composite": nomination.composite_score(),
        }
        if "scores" in actions:
            context["scores_form"] = ScoresForm(
                initial={"written_score": nomination.written_score, "interview_score": nomination.interview_score}
            )
        if "inspection" in actions:
            context["inspection_form"] = InspectionForm(
                initial={"result": nomination.inspection, "notes": nomination.inspection_notes}
            )
        if "decide" in actions:
            context["decision_form"] = _decision_form(nomination)
        if "withdraw" in actions:
            context["withdraw_form"] = WithdrawForm()
        context.update((key, form) for key, form in (bound or {}).items() if key in context)
        return render(request, "secondment/nomination_detail.html", context)


class _NominationAction(View):
    action = ""  # of nomination_actions, and the page's form is "<action>_form"
    access_action = ""  # where the action of nomination_actions has another name
    form_class = None
    success = ""

    def form_kwargs(self, nomination):
        return {}

    def post(self, request, pk: int):
        nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
        if (self.access_action or self.action) not in nomination_actions(request.user, nomination):
            raise PermissionDenied
        form = self.form_class(request.POST, **self.form_kwargs(nomination))
        if form_action(request, form, lambda **d: self.perform(nomination, request.user, d), self.success):
            return redirect("secondment:nomination-detail", pk=nomination.pk)
        return NominationDetailView().get(request, nomination.pk, bound={f"{self.action}_form": form})


class NominationScoresView(_NominationAction):
    action = "scores"
    form_class, success = ScoresForm, "成绩已保存。"

    def perform(self, nomination, user, data):
        services.nomination_record_scores(nomination=nomination, acting_user=user, **data)


class NominationInspectionView(_NominationAction):
    action = "inspection"
    form_class, success = InspectionForm, "组织考察结果已保存。"

    def perform(self, nomination, user, data):
        services.nomination_record_inspection(nomination=nomination, acting_user=user, **data)


class NominationDecisionView(_NominationAction):
    action = "decision"  # the form's name on the page; the access action is "decide"
    access_action = "decide"
    form_class, success = DecisionForm, "决定已记录。"

    def form_kwargs(self, nomination):
        return {"batch": nomination.batch}

    def perform(self, nomination, user, data):
        services.nomination_decide(nomination=nomination, acting_user=user, **data)


class NominationWithdrawView(_NominationAction):
    action = "withdraw"
    form_class, success = WithdrawForm, "推荐已撤回。"

    def perform(self, nomination, user, data):
        services.nomination_withdraw(nomination=nomination, acting_user=user, **data)


class RegistrationFormView(View):
    """《挂职干部基本情况登记表》 as a printable page (A4, print from the browser)."""

    def get(self, request, pk: int):
        nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
        context = selectors.registration_form_context(nomination=nomination)
        return render(request, "secondment/registration_form.html", context)
