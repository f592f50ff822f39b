"""Support pages (issue 15): 座谈会 (list, create, edit, detail with attachments), 情况反馈 (list,
acknowledge), 轮岗 and 生活保障 (lists), the posting's 联络保障 tab, a batch's 结对. Each list exports
to Excel with the same filters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.generic import View

from cadres.access import units_administered_by
from core.exports import export_response
from core.files import stored_file_response
from core.import_views import xlsx_response
from core.view_helpers import apply_validation_errors, flash_errors, form_action, query_id, run_form_action

from .. import selectors_support as sel
from ..access import batches_managed_by, batches_visible_to, postings_visible_to
from ..access_support import (
    feedback_actions,
    feedback_get_for_user,
    pairing_actions,
    posting_support_actions,
    symposium_actions,
    symposium_get_for_user,
    symposium_list_actions,
    symposiums_visible_to,
)
from ..forms import support as f
from ..io import support_exports as x
from ..models import Posting, PostingRotation, Symposium, SymposiumAttachment, UnitPairing
from ..services import support as services
from .batches import batch_for
from .posting_pages import posting_context

ATTENDEE_STATUSES = (Posting.Status.APPOINTED, Posting.Status.ON_POST, Posting.Status.TERM_ENDED)


def _batch_filter(request, qs, field: str):
    """Rows of the batch in `?batch=`; a junk value (`²`, 10**30) is ignored, never a 500."""
    batch = query_id(request, "batch")
    return qs.filter(**{field: batch}) if batch else qs


def _page(request, qs):
    query = request.GET.copy()
    query.pop("page", None)
    return Paginator(qs, 50).get_page(request.GET.get("page")), query.urlencode()


def _list_context(request, qs, **extra) -> dict:
    """The page of rows, the query string for export and paging, and the batch filter's choices."""
    page, query = _page(request, qs)
    return {
        "page": page,
        "query": query,
        "filter_batches": batches_visible_to(request.user).only("pk", "name"),
        "batch_selected": request.GET.get("batch", ""),
        **extra,
    }


# --- 座谈会 ---------------------------------------------------------------------------------------


def _symposiums(request):
    return _batch_filter(request, sel.symposium_list_for_user(user=request.user), "batch_id")


class SymposiumListView(View):
    def get(self, request):
        context = _list_context(request, _symposiums(request), actions=symposium_list_actions(request.user))
        return render(request, "secondment/symposium_list.html", context)


class SymposiumExportView(View):
    def get(self, request):
        qs = _symposiums(request).prefetch_related("attendees__cadre")
        return xlsx_response(x.symposium_xlsx(qs), f"symposiums-{timezone.localdate():%Y%m%d}.xlsx")


def _symposium_form(request, data=None, initial=None, symposium=None):
    postings = postings_visible_to(request.user).filter(status__in=ATTENDEE_STATUSES)
    if symposium is not None:  # those who attended stay choosable after their posting ended
        postings = postings | Posting.objects.filter(pk__in=symposium.attendees.values("pk"))
    return f.SymposiumForm(
        data,
        initial=initial,
        organizers=units_administered_by(request.user),
        batches=batches_managed_by(request.user),
        postings=postings.order_by("receiving_unit__path", "cadre__name"),
    )


class SymposiumCreateView(View):
    def _check(self, request):
        if "create" not in symposium_list_actions(request.user):
            raise PermissionDenied

    def get(self, request):
        self._check(request)
        initial = {"date": timezone.localdate(), "organizer": units_administered_by(request.user).first()}
        return render(request, "secondment/symposium_form.html", {"form": _symposium_form(request, initial=initial)})

    def post(self, request):
        self._check(request)
        form = _symposium_form(request, request.POST)
        if form.is_valid():
            try:
                symposium = services.symposium_create(acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("座谈会已记录。"))
                return redirect("secondment:symposium-detail", pk=symposium.pk)
        return render(request, "secondment/symposium_form.html", {"form": form})


class SymposiumUpdateView(View):
    def _symposium(self, request, pk):
        symposium = symposium_get_for_user(user=request.user, pk=pk)
        if "edit" not in symposium_actions(request.user, symposium):
            raise PermissionDenied
        return symposium

    def get(self, request, pk: int):
        s = self._symposium(request, pk)
        initial = {
            "title": s.title,
            "organizer": s.organizer_id,
            "batch": s.batch_id,
            "date": s.date,
            "place": s.place,
            "attendees": list(s.attendees.values_list("pk", flat=True)),
            "other_attendees": s.other_attendees,
            "topics": s.topics,
            "minutes": s.minutes,
        }
        form = _symposium_form(request, initial=initial, symposium=s)
        return render(request, "secondment/symposium_form.html", {"form": form, "symposium": s})

    def post(self, request, pk: int):
        s = self._symposium(request, pk)
        form = _symposium_form(request, request.POST, symposium=s)
        if form.is_valid():
            try:
                services.symposium_update(symposium=s, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("座谈会已保存。"))
                return redirect("secondment:symposium-detail", pk=s.pk)
        return render(request, "secondment/symposium_form.html", {"form": form, "symposium": s})


class SymposiumDetailView(View):
    def get(self, request, pk: int):
        s = symposium_get_for_user(
            user=request.user, pk=pk, queryset=Symposium.objects.select_related("organizer", "batch", "recorded_by")
        )
        actions = symposium_actions(request.user, s)
        return render(
            request,
            "secondment/symposium_detail.html",
            {
                "symposium": s,
                "actions": actions,
                "attendees": sel.symposium_attendees(s),
                "attachments": s.attachments.all(),
                "attachment_form": f.AttachmentForm() if "attach" in actions else None,
            },
        )

    def post(self, request, pk: int):
        s = symposium_get_for_user(user=request.user, pk=pk)
        if "attach" not in symposium_actions(request.user, s):
            raise PermissionDenied
        form = f.AttachmentForm(request.POST, request.FILES)
        run_form_action(
            request,
            form,
            lambda file: services.symposium_attach(symposium=s, upload=file, acting_user=request.user),
            gettext("附件已上传。"),
        )
        return redirect("secondment:symposium-detail", pk=s.pk)


class SymposiumAttachmentView(View):
    """Downloads a meeting's attachment for whoever sees the meeting (404 otherwise)."""

    def get(self, request, pk: int, attachment_pk: int):
        symposium = symposium_get_for_user(user=request.user, pk=pk)
        attachment = get_object_or_404(SymposiumAttachment, pk=attachment_pk, symposium=symposium)
        return stored_file_response(attachment.file, filename=attachment.name)


# --- 情况反馈 -------------------------------------------------------------------------------------


def _feedback(request):
    qs = _batch_filter(request, sel.feedback_list_for_user(user=request.user), "posting__batch_id")
    if request.GET.get("pending"):
        qs = qs.filter(acknowledged_at__isnull=True)
    return qs


class FeedbackListView(View):
    def get(self, request):
        context = _list_context(request, _feedback(request), ack_form=f.AcknowledgeForm())
        context["rows"] = [(item, feedback_actions(request.user, item)) for item in context["page"]]
        return render(request, "secondment/feedback_list.html", context)


class FeedbackExportView(View):
    def get(self, request):
        return export_response(request, "feedback")  # a large list becomes a background job (core.exports)


class FeedbackAcknowledgeView(View):
    def post(self, request, pk: int):
        item = feedback_get_for_user(user=request.user, pk=pk, queryset=sel.feedback_list_for_user(user=request.user))
        if "acknowledge" not in feedback_actions(request.user, item):
            raise PermissionDenied
        run_form_action(
            request,
            f.AcknowledgeForm(request.POST),
            lambda **d: services.feedback_acknowledge(feedback=item, acting_user=request.user, **d),
            gettext("已确认收到情况反馈。"),
        )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "secondment:feedback-list"
        return redirect(target or "secondment:feedback-list")


# --- 轮岗 and 生活保障 lists -----------------------------------------------------------------------


def _rotations(request):
    return _batch_filter(request, sel.rotation_list_for_user(user=request.user), "posting__batch_id")


def _living(request):
    return _batch_filter(request, sel.living_support_list_for_user(user=request.user), "posting__batch_id")


class RotationListView(View):
    def get(self, request):
        return render(request, "secondment/rotation_list.html", _list_context(request, _rotations(request)))


class RotationExportView(View):
    def get(self, request):
        return export_response(request, "rotations")


class LivingSupportListView(View):
    def get(self, request):
        return render(request, "secondment/living_support_list.html", _list_context(request, _living(request)))


class LivingSupportExportView(View):
    def get(self, request):
        return export_response(request, "living-support")


# --- the posting's 联络保障 tab --------------------------------------------------------------------


class PostingSupportView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        """`bound`: the one form sent back with errors ("rotation_form", "support_form", "feedback_form",
        or "rotation:<pk>" for a rotation's edit form), shown as typed."""
        bound = bound or {}
        context = posting_context(request, pk, "support")
        posting = context["posting"]
        held = context["roles_here"]
        actions = posting_support_actions(request.user, posting, held)
        support = posting.living_support if hasattr(posting, "living_support") else None
        rotations = list(posting.rotations.select_related("recorded_by"))
        feedback = []
        if "view_feedback" in actions:
            items = posting.feedback.select_related("written_by", "acknowledged_by", "posting")
            feedback = [(item, feedback_actions(request.user, item, held)) for item in items]
        meetings = posting.symposiums.all()
        visible_meetings = set(symposiums_visible_to(request.user, meetings).values_list("pk", flat=True))
        context.update(
            actions=actions,
            rotations=rotations,
            rotation_form=f.RotationForm(initial={"start_date": posting.start_date}) if "rotate" in actions else None,
            edit_forms={
                r.pk: f.RotationForm(
                    prefix=f"r{r.pk}",
                    initial={
                        "post": r.post,
                        "duties": r.duties,
                        "start_date": r.start_date,
                        "end_date": r.end_date,
                        "notes": r.notes,
                    },
                )
                for r in rotations
            }
            if "rotate" in actions
            else {},
            support=support,
            support_form=self._support_form(support) if "living_support" in actions else None,
            feedback=feedback,
            feedback_form=f.FeedbackForm() if "feedback" in actions else None,
            ack_form=f.AcknowledgeForm(),
            meetings=[(m, m.pk in visible_meetings) for m in meetings],
        )
        for key, form in bound.items():
            if key.startswith("rotation:"):
                context["edit_forms"][int(key.split(":")[1])] = form
            elif key in context:
                context[key] = form
        return render(request, "secondment/posting_support.html", context)

    @staticmethod
    def _support_form(support):
        if support is None:
            return f.LivingSupportForm()
        fields = ["housing", "housing_detail", "transport", "transport_allowance", "travel_payer", "travel_detail"]
        return f.LivingSupportForm(initial={**{n: getattr(support, n) for n in fields}, "notes": support.notes})

    def post(self, request, pk: int):
        from ..access import posting_get_for_user

        posting = posting_get_for_user(user=request.user, pk=pk)
        actions = posting_support_actions(request.user, posting)
        what = request.POST.get("what")
        needs = {"rotation": "rotate", "rotation_edit": "rotate", "living_support": "living_support"}
        if (
            what not in ("rotation", "rotation_edit", "living_support", "feedback")
            or needs.get(what, what) not in actions
        ):
            raise PermissionDenied
        if what == "rotation":
            form, key, success = f.RotationForm(request.POST), "rotation_form", gettext("轮岗已记录。")

            def action(**d):
                services.rotation_add(posting=posting, acting_user=request.user, **d)

        elif what == "rotation_edit":
            rotation = get_object_or_404(PostingRotation, pk=request.POST.get("rotation"), posting=posting)
            form = f.RotationForm(request.POST, prefix=f"r{rotation.pk}")
            key, success = f"rotation:{rotation.pk}", gettext("轮岗已保存。")

            def action(**d):
                services.rotation_update(rotation=rotation, acting_user=request.user, **d)

        elif what == "living_support":
            form, key, success = f.LivingSupportForm(request.POST), "support_form", gettext("生活保障已保存。")

            def action(**d):
                services.living_support_set(posting=posting, acting_user=request.user, **d)

        else:
            form, key, success = f.FeedbackForm(request.POST), "feedback_form", gettext("情况反馈已发送派出单位。")

            def action(**d):
                services.feedback_create(posting=posting, acting_user=request.user, **d)

        if form_action(request, form, action, success):
            return redirect("secondment:posting-support", pk=posting.pk)
        return self.get(request, posting.pk, bound={key: form})


# --- 结对 -----------------------------------------------------------------------------------------


class BatchPairingView(View):
    def get(self, request, pk: int, bound=None):
        from ..selectors import batch_get_for_user

        batch = batch_get_for_user(user=request.user, pk=pk)
        actions = pairing_actions(request.user, batch)
        return render(
            request,
            "secondment/batch_pairings.html",
            {
                "batch": batch,
                "actions": actions,
                "pairings": sel.pairings_of(batch),
                "form": (bound or f.PairingForm(batch=batch)) if "manage" in actions else None,
            },
        )

    def post(self, request, pk: int):
        batch = batch_for(request, pk)
        if "manage" not in pairing_actions(request.user, batch):
            raise PermissionDenied
        if request.POST.get("remove"):
            pairing = get_object_or_404(UnitPairing, pk=request.POST["remove"], batch=batch)
            try:
                services.pairing_remove(pairing=pairing, acting_user=request.user)
                messages.success(request, gettext("已解除结对。"))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            form = f.PairingForm(request.POST, batch=batch)
            if not form_action(
                request,
                form,
                lambda **d: services.pairing_add(batch=batch, acting_user=request.user, **d),
                gettext("已结对。"),
            ):
                return self.get(request, batch.pk, bound=form)
        return redirect("secondment:batch-pairings", pk=batch.pk)


class BatchPairingExportView(View):
    def get(self, request, pk: int):
        from ..selectors import batch_get_for_user

        batch = batch_get_for_user(user=request.user, pk=pk)
        return xlsx_response(x.pairing_xlsx(sel.pairings_of(batch), batch), f"pairings-{batch.pk}.xlsx")
