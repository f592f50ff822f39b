"""Batch pages: list, create/edit, detail with progress, quotas, posts on offer, ranking."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.generic import View

from cadres.access import units_administered_by, units_visible_to
from core.pages import page_context
from core.paginator import rows_in_order
from core.view_helpers import apply_validation_errors, flash_errors, form_action, query_id
from core.widgets import FastSelect, use_fast_selects

from .. import selectors
from ..access import batch_actions, batch_list_actions
from ..forms.batches import AgeCeilingForm, BatchForm, OfferForm, QuotaForm
from ..models import Batch, BatchOffer, Nomination
from ..services import batches as services
from ..workflow import BATCH_TRANSITIONS

# what a row of the batch page's nominations shows (with the `on_secondment` flag, an annotation)
NOMINATION_COLUMNS = (
    "batch_id",
    "override_reason",
    "method",
    "status",
    "cadre__name",
    "dispatching_unit__name",
    "offer__receiving_unit__name",
    "offer__post_title__name",
)
NOMINATION_RELATED = ("cadre", "dispatching_unit", "offer__receiving_unit", "offer__post_title")
NOMINATIONS_PER_PAGE = 50  # like every list (issue 18)
BATCHES_PER_PAGE = 25


def batch_for(request, pk: int, action: str = "manage") -> Batch:
    """The batch in the user's scope (404 otherwise) on which they may take `action` now (403 otherwise)."""
    batch = selectors.batch_get_for_user(user=request.user, pk=pk)
    if action not in batch_actions(request.user, batch):
        raise PermissionDenied
    return batch


class BatchListView(View):
    def get(self, request):
        # counted per batch over the active-nomination index (nomination_unique_active), not by joining
        # and grouping a province's 42,000 nominations (issue 18)
        active = (
            Nomination.objects.filter(batch=OuterRef("pk"))
            .exclude(status=Nomination.Status.WITHDRAWN)
            .order_by()
            .values("batch")
            .annotate(n=Count("pk"))
            .values("n")
        )
        batches = selectors.batch_list_for_user(user=request.user).annotate(nominee_count=Coalesce(Subquery(active), 0))
        # newest first, a page at a time: a province holds about 40 batches a year (issue 18)
        page = Paginator(batches, BATCHES_PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "secondment/batch_list.html",
            {"batches": page.object_list, "page": page, "actions": batch_list_actions(request.user)},
        )


class BatchCreateView(View):
    def _organizers(self, request):
        if "create" not in batch_list_actions(request.user):
            raise PermissionDenied
        return units_administered_by(request.user)

    def get(self, request):
        form = BatchForm(organizers=self._organizers(request))
        return render(request, "secondment/batch_form.html", {"form": form})

    def post(self, request):
        form = BatchForm(request.POST, organizers=self._organizers(request))
        if form.is_valid():
            try:
                batch = services.batch_create(acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("批次已创建。请设置选派名额和挂职岗位，然后开始推荐。"))
                return redirect("secondment:batch-detail", pk=batch.pk)
        return render(request, "secondment/batch_form.html", {"form": form})


class BatchUpdateView(View):
    def get(self, request, pk: int):
        batch = batch_for(request, pk)
        form = BatchForm(instance=batch, organizers=units_administered_by(request.user))
        return render(request, "secondment/batch_form.html", {"form": form, "batch": batch})

    def post(self, request, pk: int):
        batch = batch_for(request, pk)
        form = BatchForm(
            request.POST, instance=Batch.objects.get(pk=pk), organizers=units_administered_by(request.user)
        )
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                services.batch_update(batch=batch, acting_user=request.user, **changes)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("批次已保存。"))
                return redirect("secondment:batch-detail", pk=batch.pk)
        return render(request, "secondment/batch_form.html", {"form": form, "batch": batch})


class BatchDetailView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        """`bound`: the one form sent back with errors ("quota_form", "offer_form", "ceiling_form"), as typed."""
        batch = selectors.batch_get_for_user(user=request.user, pk=pk)
        actions = batch_actions(request.user, batch)
        nominations = (
            selectors.nomination_list_for_user(user=request.user)
            .filter(batch=batch)
            .order_by("dispatching_unit__path", "id")
        )
        progress = selectors.batch_progress(batch=batch, user=request.user)
        # a batch of a province holds thousands of nominations: a page of them at a time, its ids sorted
        # alone, then its rows read with what they show; counted by the progress's tally of the same
        # nominations (issue 18)
        paginator = Paginator(nominations.values_list("pk", flat=True), NOMINATIONS_PER_PAGE)
        paginator.count = sum(n for _, n in progress.by_status)
        page = paginator.get_page(request.GET.get("page"))
        rows = nominations.select_related(None).select_related(*NOMINATION_RELATED).only(*NOMINATION_COLUMNS)
        page.object_list = rows_in_order(rows, page.object_list)
        context = {
            "batch": batch,
            "actions": actions,
            "progress": progress,
            "offers": batch.offers.select_related("receiving_unit", "post_title").annotate(
                taken=Count("nominations", filter=Q(nominations__status__in=["selected", "posted"]))
            ),
            "ceilings": batch.age_ceilings.select_related("rank_from", "rank_to"),
            "nominations": page.object_list,
            "page": page,
            # the status buttons: the table's actions this user may take now, by the status they lead to
            "next_statuses": [Batch.Status(t.target) for a, t in BATCH_TRANSITIONS.items() if a in actions],
        }
        if "manage" in actions:
            units = units_visible_to(request.user)
            context.update(
                quota_form=QuotaForm(units=units),
                offer_form=OfferForm(units=units),
                ceiling_form=AgeCeilingForm(),
            )
            context.update(bound or {})
            for name in ("quota_form", "offer_form", "ceiling_form"):
                use_fast_selects(context[name])  # issue 18
        context.update(page_context("secondment.batch_detail", user=request.user, batch=batch))  # documents' buttons
        return render(request, "secondment/batch_detail.html", context)


class BatchStatusView(View):
    def post(self, request, pk: int):
        batch = batch_for(request, pk)
        try:
            services.batch_set_status(
                batch=batch,
                status=request.POST.get("status", ""),
                acting_user=request.user,
                reason=request.POST.get("reason", ""),
            )
        except (ValidationError, ValueError) as error:
            flash_errors(request, error if isinstance(error, ValidationError) else ValidationError("无效的状态。"))
        else:
            messages.success(request, gettext("批次状态已更新。"))
        return redirect("secondment:batch-detail", pk=batch.pk)


def _manage_form(request, pk: int, key: str, form, service, success: str):
    """A form of the batch page sent: back to the page with the message, or the page again with this
    form as typed and its messages by the fields."""
    batch = batch_for(request, pk)
    if form_action(request, form, lambda **d: service(batch=batch, acting_user=request.user, **d), success):
        return redirect("secondment:batch-detail", pk=batch.pk)
    return BatchDetailView().get(request, batch.pk, bound={key: form})


class BatchQuotaView(View):
    def post(self, request, pk: int):
        form = QuotaForm(request.POST, units=units_visible_to(request.user))
        return _manage_form(request, pk, "quota_form", form, services.batch_quota_set, gettext("选派名额已更新。"))


class BatchOfferView(View):
    def post(self, request, pk: int):
        form = OfferForm(request.POST, units=units_visible_to(request.user))
        return _manage_form(request, pk, "offer_form", form, services.batch_offer_add, gettext("挂职岗位已添加。"))


class BatchOfferDeleteView(View):
    def post(self, request, pk: int, offer_pk: int):
        batch = batch_for(request, pk)
        offer = get_object_or_404(BatchOffer, pk=offer_pk, batch=batch)
        try:
            services.batch_offer_remove(offer=offer, acting_user=request.user)
            messages.success(request, gettext("挂职岗位已删除。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("secondment:batch-detail", pk=batch.pk)


class BatchAgeCeilingView(View):
    def post(self, request, pk: int):
        return _manage_form(
            request,
            pk,
            "ceiling_form",
            AgeCeilingForm(request.POST),
            services.batch_age_ceiling_add,
            gettext("分职级年龄上限已添加。"),
        )


class BatchRankingView(View):
    """Ranking by composite score (笔试×权重 + 面试×权重), for the batch or one post on offer."""

    def get(self, request, pk: int):
        batch = selectors.batch_get_for_user(user=request.user, pk=pk)
        offer_pk = query_id(request, "offer")
        # the 岗位 choice, written from (id, unit, title) triples: a province's batch offers 60 posts,
        # which were 180 model instances and a template loop a page (issue 18)
        triples = batch.offers.values_list("pk", "receiving_unit__name", "post_title__name")
        offer_select = FastSelect(
            attrs={"class": "form-select form-select-sm w-auto d-inline", "data-autosubmit": True},
            choices=[("", gettext("全部岗位")), *((pk, BatchOffer.label(u, t)) for pk, u, t in triples)],
        ).render("offer", offer_pk)
        # ranked as a whole, shown 50 at a time (a province's batch ranks 1,750 nominations; issue 18)
        page, rows = selectors.batch_ranking_page(
            batch=batch,
            user=request.user,
            offer_pk=offer_pk,
            number=request.GET.get("page"),
            per_page=NOMINATIONS_PER_PAGE,
        )
        context = {"batch": batch, "rows": rows, "page": page, "offer_select": offer_select, "offer_pk": offer_pk}
        context["query"] = f"offer={offer_pk}" if offer_pk else ""
        return render(request, "secondment/batch_ranking.html", context)
