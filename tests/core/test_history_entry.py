"""The four history tables share one shape (core.models.HistoryEntry), written once."""

import pytest

from assessments.models import AppraisalEvent
from core.models import HistoryEntry
from reports.models import WorkReportRound
from secondment.models import NominationEvent, PostingStatusChange

HISTORY_MODELS = [PostingStatusChange, NominationEvent, AppraisalEvent, WorkReportRound]


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda m: m.__name__)
def test_history_tables_share_the_history_entry_shape(model):
    assert issubclass(model, HistoryEntry)
    actor = model._meta.get_field("actor")
    assert actor.null and actor.remote_field.on_delete.__name__ == "SET_NULL"
    assert model._meta.get_field("created_at").auto_now_add
    assert model._meta.ordering == ["created_at", "id"]


def test_actor_of_records_none_for_the_system():
    assert HistoryEntry.actor_of(None) is None
