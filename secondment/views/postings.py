"""Posting pages: the scoped list with filters and export, the overview with lifecycle actions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.generic import View

from accounts.roles import roles_of
from core.exports import export_response
from core.paginator import KeysFirstPaginator
from core.stats_cache import cached_count
from core.view_helpers import flash_errors, form_action

from .. import selectors
from ..access import (
    batch_actions,
    batches_visible_to,
    extension_request_actions,
    posting_actions,
    posting_get_for_user,
)
from ..extensions import linked_annual_results
from ..filters import PostingFilter
from ..forms.postings import (
    AppointForm,
    ArrivalForm,
    ExtensionConsentForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    FilingForm,
    PlanForm,
    ReasonForm,
    ShortenForm,
    TerminateForm,
)
from ..models import ExtensionRequest, Posting
from ..services import postings as services
from ..workflow import TRANSITIONS
from .posting_pages import posting_context
from .termination import add_termination_context

ACTION_FORMS = {
    "appoint": AppointForm,
    "confirm_arrival": ArrivalForm,
    "shorten": ShortenForm,
    "terminate": TerminateForm,
    "end_term": ReasonForm,
}


# the transitions that cannot be undone ask first, saying what follows (static/js/app.js: data-confirm)
CONFIRM = {
    "shorten": "提前结束后挂职期限缩短，进入期满考核鉴定，不能撤销。确定提前结束？",
    "end_term": "确认期满后挂职结束在岗，进入期满考核鉴定，不能撤销。确定期满？",
    "terminate": "终止后挂职立即结束，不进行期满考核鉴定，不能撤销。确定终止挂职？",
}


def _filtered(request):
    return PostingFilter(request.GET, queryset=selectors.posting_list_for_user(user=request.user), request=request)


LIST_FIELDS = (
    "status",
    "post",
    "start_date",
    "end_date",
    "cadre__name",
    "dispatching_unit__name",
    "receiving_unit__name",
)


class PostingListView(View):
    def get(self, request):
        posting_filter = _filtered(request)
        # the columns the list shows, and only their records: a page of 50 built 300 instances of every
        # column of six tables (issue 18); read by the keys the filtered list picks
        rows = Posting.objects.select_related("cadre", "dispatching_unit", "receiving_unit").only(*LIST_FIELDS)
        rows = rows.with_flags(posting_filter.today)  # the 逾期未到岗 badge
        paginator = KeysFirstPaginator(posting_filter.qs, 50, read=rows)
        # a city's 27,000 postings counted through the scope on every page: cached per jurisdiction (issue 18)
        paginator.count = cached_count(
            "postings", roles_of(request.user).scope_key(), request.GET, posting_filter.qs, day=posting_filter.today
        )
        page = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "secondment/posting_list.html",
            {"filter": posting_filter, "page": page, "query": query.urlencode()},
        )


class PostingExportView(View):
    def get(self, request):
        return export_response(request, "postings")  # a large list becomes a background job (core.exports)


class PostingDetailView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        """`bound`: the one form sent back with errors, by its context name ("transition:<action>" for a
        lifecycle action), shown with what was typed; the other forms stay fresh."""
        bound = bound or {}
        context = posting_context(request, pk, "overview")
        posting = context["posting"]
        actions = posting_actions(request.user, posting, roles=context["roles_here"])
        requests = list(
            posting.extension_requests.select_related("requested_by", "consent_by", "decided_by", "posting")
        )
        linked = linked_annual_results([r.pk for r in requests])
        context.update(
            actions=actions,
            # the batch is linked only for whoever may open it: a contact of a posting imported as under
            # way, or of a batch without a quota for their unit, sees the posting but not the batch
            batch_visible=request.user.is_superuser
            or batches_visible_to(request.user).filter(pk=posting.batch_id).exists(),
            history=posting.history.select_related("actor"),
            transition_forms=[
                # in the table's order
                (a, TRANSITIONS[a].label, bound.get(f"transition:{a}") or ACTION_FORMS[a](prefix=a), CONFIRM.get(a, ""))
                for a in TRANSITIONS
                if a in actions and a in ACTION_FORMS
            ],
            extension_requests=[
                (r, extension_request_actions(request.user, r, roles=context["roles_here"]), linked.get(r.pk, []))
                for r in requests
            ],
        )
        if "plan" in actions:
            context["plan_form"] = PlanForm(initial={f: getattr(posting, f) for f in PlanForm.base_fields})
        if "file" in actions:
            context["filing_form"] = FilingForm()
        if "request_extension" in actions:
            context["extension_form"] = ExtensionRequestForm()
        if "decide_extension" in actions:
            context["decision_form"] = ExtensionDecisionForm()
        add_termination_context(request, context)
        if "consent_extension" in actions:
            context["consent_form"] = ExtensionConsentForm()
        context.update((key, form) for key, form in bound.items() if key in context)
        return render(request, "secondment/posting_detail.html", context)


def posting_form_result(request, posting, form, key: str, action, success: str):
    """A posting-page form sent: on success back to the page with the message; on errors the page again
    with this form as typed (`key`: its name in the page's context), each message next to its field."""
    if form_action(request, form, action, success):
        return redirect("secondment:posting-detail", pk=posting.pk)
    return PostingDetailView().get(request, posting.pk, bound={key: form})


def _posting_for(request, pk: int, action: str):
    """The posting in the user's scope (404 otherwise) on which they may take `action` now (403 otherwise)."""
    posting = posting_get_for_user(user=request.user, pk=pk)
    if action not in posting_actions(request.user, posting):
        raise PermissionDenied
    return posting


class PostingTransitionView(View):
    def post(self, request, pk: int, action: str):
        posting_get_for_user(user=request.user, pk=pk)  # outside scope: 404, whatever the action
        if action not in ACTION_FORMS:
            raise PermissionDenied
        posting = _posting_for(request, pk, action)
        return posting_form_result(
            request,
            posting,
            ACTION_FORMS[action](request.POST, prefix=action),
            f"transition:{action}",
            lambda **d: services.posting_transition(posting=posting, action=action, acting_user=request.user, **d),
            f"已{TRANSITIONS[action].label}。",
        )


class PostingFilingView(View):
    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "file")
        return posting_form_result(
            request,
            posting,
            FilingForm(request.POST),
            "filing_form",
            lambda **d: services.posting_record_filing(posting=posting, acting_user=request.user, **d),
            "已备案。",
        )


class PostingPlanView(View):
    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "plan")
        return posting_form_result(
            request,
            posting,
            PlanForm(request.POST),
            "plan_form",
            lambda **d: services.posting_update_plan(posting=posting, acting_user=request.user, **d),
            "三定和帮带安排已保存。",
        )


class ExtensionRequestView(View):
    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "request_extension")
        return posting_form_result(
            request,
            posting,
            ExtensionRequestForm(request.POST),
            "extension_form",
            lambda **d: services.extension_request_create(posting=posting, acting_user=request.user, **d),
            "延期申请已提交，等待派出单位意见和组织部门决定。",
        )


class ExtensionDecisionView(View):
    def post(self, request, pk: int, request_pk: int):
        posting = _posting_for(request, pk, "decide_extension")
        extension = get_object_or_404(ExtensionRequest, pk=request_pk, posting=posting)
        return posting_form_result(
            request,
            posting,
            ExtensionDecisionForm(request.POST),
            "decision_form",
            lambda **d: services.extension_request_decide(request=extension, acting_user=request.user, **d),
            "已记录决定。",
        )


class ExtensionConsentView(View):
    """The dispatching contact agrees to or refuses an extension request of their unit's cadre."""

    def post(self, request, pk: int, request_pk: int):
        posting = _posting_for(request, pk, "consent_extension")
        extension = get_object_or_404(ExtensionRequest, pk=request_pk, posting=posting)
        return posting_form_result(
            request,
            posting,
            ExtensionConsentForm(request.POST),
            "consent_form",
            lambda **d: services.extension_request_consent(request=extension, acting_user=request.user, **d),
            "已提出派出单位意见。",
        )


class BatchCreatePostingsView(View):
    """One action per batch: every selected nominee becomes a posting (拟派)."""

    def post(self, request, pk: int):
        from .batches import batch_for

        batch = selectors.batch_get_for_user(user=request.user, pk=pk)
        if batch.status == batch.Status.DECIDED and "manage" in batch_actions(request.user, batch):
            # the second of two clicks (or two people): the postings exist already
            messages.info(request, gettext("本批次已经建立过挂职（可能刚由他人完成）。"))
            return redirect("secondment:batch-detail", pk=batch.pk)
        batch = batch_for(request, pk, "create_postings")
        try:
            start = forms.DateField(required=False).clean(request.POST.get("start_date") or None)
            created = services.batch_create_postings(batch=batch, start_date=start, acting_user=request.user)
            messages.success(request, f"已为 {len(created)} 名拟选派人选建立挂职。")
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("secondment:batch-detail", pk=batch.pk)
