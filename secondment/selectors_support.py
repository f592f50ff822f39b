"""Reads of the support records (issue 15), scoped to the asking user, with what their lists show."""

from django.db.models import Count, QuerySet

from .access import postings_visible_to
from .access_support import feedback_visible_to, symposiums_visible_to
from .models import Batch, LivingSupport, PostingRotation, Symposium, UnitPairing

_POSTING = ("posting__cadre", "posting__batch", "posting__receiving_unit", "posting__dispatching_unit")


def symposium_list_for_user(*, user) -> QuerySet[Symposium]:
    return (
        symposiums_visible_to(user)
        .select_related("organizer", "batch", "recorded_by")
        .annotate(attendee_count=Count("attendees", distinct=True))
        .order_by("-date", "-id")
    )


def symposium_attendees(symposium: Symposium) -> QuerySet:
    return symposium.attendees.select_related("cadre", "receiving_unit", "dispatching_unit").order_by(
        "receiving_unit__path", "cadre__name"
    )


def feedback_list_for_user(*, user) -> QuerySet:
    return feedback_visible_to(user).select_related(*_POSTING, "written_by", "acknowledged_by")


def rotation_list_for_user(*, user) -> QuerySet[PostingRotation]:
    return (
        PostingRotation.objects.filter(posting__in=postings_visible_to(user))
        .select_related(*_POSTING)
        .order_by("posting__batch_id", "posting__cadre__name", "start_date")
    )


def living_support_list_for_user(*, user) -> QuerySet[LivingSupport]:
    return (
        LivingSupport.objects.filter(posting__in=postings_visible_to(user))
        .select_related(*_POSTING, "updated_by")
        .order_by("posting__batch_id", "posting__receiving_unit__path", "posting__cadre__name")
    )


def pairings_of(batch: Batch) -> QuerySet[UnitPairing]:
    return batch.pairings.select_related("dispatching_unit", "receiving_unit", "created_by")


def paired_receiving_unit_ids(*, batch: Batch, dispatching_unit_id: int) -> set[int]:
    """The receiving units paired with this dispatching unit in the batch (结对): their posts are
    suggested first when a nominee from it is matched to a post."""
    return set(
        UnitPairing.objects.filter(batch=batch, dispatching_unit_id=dispatching_unit_id).values_list(
            "receiving_unit_id", flat=True
        )
    )
