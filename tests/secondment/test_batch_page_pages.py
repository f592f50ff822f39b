"""The batch page shows its nominations a page at a time (issue 18: a province's batch rendered 1,750)."""

from django.test import Client
from django.urls import reverse

from secondment.services import nominations as services
from secondment.views import batches as batch_views
from tests.factories import make_cadre


def test_batch_page_pages_its_nominations(batch_world, monkeypatch):
    w = batch_world
    for name in ("第一人", "第二人"):
        services.nomination_create(
            batch=w.batch, cadre=make_cadre(w.unit_a, name), method="org", reason="x", acting_user=w.dispatch_a
        )
    monkeypatch.setattr(batch_views, "NOMINATIONS_PER_PAGE", 1)
    client = Client()
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-detail", args=[w.batch.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert ("第一人" in first) != ("第二人" in first)
    assert ("第一人" in second) != ("第二人" in second) and ("第一人" in first) != ("第一人" in second)
    assert "page=2" in first and "第 1 / 2 页" in first


def test_ranking_pages_keep_the_ranks_of_the_whole_batch(batch_world, monkeypatch):
    """Ranked in the database over the whole batch, shown a page at a time: page 2 starts at rank 2."""
    from decimal import Decimal

    w = batch_world
    nominations = [
        services.nomination_create(
            batch=w.batch, cadre=make_cadre(w.unit_a, name), method="org", reason="x", acting_user=w.dispatch_a
        )
        for name in ("低分", "高分")
    ]
    for nomination, score in zip(nominations, (60, 90), strict=True):
        services.nomination_record_scores(
            nomination=nomination,
            written_score=Decimal(score),
            interview_score=Decimal(score),
            acting_user=w.org_county_a,
        )
    monkeypatch.setattr(batch_views, "NOMINATIONS_PER_PAGE", 1)
    client = Client()
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-ranking", args=[w.batch.pk])
    first, second = client.get(url).context["rows"], client.get(url, {"page": 2}).context["rows"]
    assert [(r.cadre.name, r.rank) for r in first] == [("高分", 1)]
    assert [(r.cadre.name, r.rank) for r in second] == [("低分", 2)]


def test_batch_list_pages_with_a_flat_query_count(batch_world, monkeypatch):
    """The batch list shows a page of batches (a province holds about 40 a year), newest first, with
    their nominee counts, and the same number of queries whatever the number of batches."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from secondment.models import BatchKind
    from secondment.services.batches import batch_create

    w = batch_world
    services.nomination_create(
        batch=w.batch, cadre=make_cadre(w.unit_a, "被推荐人"), method="org", reason="x", acting_user=w.dispatch_a
    )
    client = Client()
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-list")

    def load(**params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        return len(ctx.captured_queries), response

    one, response = load()
    assert [(b.pk, b.nominee_count) for b in response.context["batches"]] == [(w.batch.pk, 1)]
    older = batch_create(
        acting_user=w.org_county_a,
        name="2024年甲县干部下派挂职",
        kind=BatchKind.objects.get(name="下派"),
        year=2024,
        organizer=w.county_a,
        planned_start=date(2024, 12, 1),
        nomination_deadline=date(2024, 11, 30),
    )
    monkeypatch.setattr(batch_views, "BATCHES_PER_PAGE", 1)
    many, response = load()
    assert many == one and [b.pk for b in response.context["batches"]] == [w.batch.pk]
    assert "第 1 / 2 页" in response.content.decode()
    assert [(b.pk, b.nominee_count) for b in load(page=2)[1].context["batches"]] == [(older.pk, 0)]
