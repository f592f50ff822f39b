"""The batch page's progress (quota filled, nominations by state, compositions) is cached per
jurisdiction and batch under the data version (issue 18) — and follows a committed nomination."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secondment.services.nominations import nomination_create


def _progress(client, batch):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("secondment:batch-detail", args=[batch.pk]))
    assert response.status_code == 200
    aggregated = any("active_total" in q["sql"] for q in ctx.captured_queries)  # the compositions
    progress = response.context["progress"]
    return dict((str(label), n) for label, n in progress.by_status), progress.quotas[0].used, aggregated


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_progress_is_computed_once_and_follows_a_nomination(client, batch_world):
    w = batch_world
    client.force_login(w.org_county_a)
    by_status, used, aggregated = _progress(client, w.batch)
    assert used == 0 and sum(by_status.values()) == 0 and aggregated
    assert _progress(client, w.batch) == (by_status, 0, False)  # from the cache

    nomination_create(batch=w.batch, cadre=w.cadre_a, method="org", reason="优秀", acting_user=w.dispatch_a)

    by_status, used, aggregated = _progress(client, w.batch)
    assert used == 1 and sum(by_status.values()) == 1 and aggregated
