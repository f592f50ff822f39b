"""The cadre list's query count does not grow with the number of rows."""

from django.urls import reverse

from tests.factories import make_cadre


def _count_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cadres:cadre-list"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_same_query_count_for_1_and_50_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.org_city)
    one, _ = _count_queries(client, django_assert_max_num_queries)
    for i in range(48):
        make_cadre(world.unit_a, f"批量干部{i}")
    fifty, response = _count_queries(client, django_assert_max_num_queries)
    assert response.context["page"].paginator.count == 50
    assert fifty == one
    # session, user, roles, unread notifications (the bell), can-add check, unit/rank/political-status
    # choices, count, page rows
    assert one == 10


def _links(response):
    import html
    import re

    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a class="page-link" href="(\?[^"]*)">([^<]+)</a>', response.content.decode())
    }


def test_deep_pages_read_by_cursor(client, world, monkeypatch):
    """下一页 / 上一页 carry the cursor of the row next to them (issue 18: no OFFSET over the scope): walking
    the list by the links gives the same pages as ?page=N, with the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cadres.views.cadres import CadreListView

    monkeypatch.setattr(CadreListView, "paginate_by", 2)
    for i in range(5):
        make_cadre(world.unit_a, f"翻页干部{i}")
    client.force_login(world.org_city)
    url = reverse("cadres:cadre-list")
    first = client.get(url)
    total = first.context["page"].paginator.num_pages
    by_offset = [[c.pk for c in client.get(url, {"page": n}).context["page"]] for n in range(1, total + 1)]
    walked, response = [], first
    while True:
        walked.append([c.pk for c in response.context["page"]])
        link = _links(response).get("下一页")
        if not link:
            break
        assert "after=" in link
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url + link)
        assert len(ctx.captured_queries) == 10
    assert walked == by_offset and f"第 {total} / {total} 页" in response.content.decode()
    back = client.get(url + _links(response)["上一页"])
    assert [c.pk for c in back.context["page"]] == by_offset[-2] and back.context["page"].number == total - 1
    # a cursor that is not ours is ignored: the page reads by its number
    assert [c.pk for c in client.get(url, {"page": 2, "after": "[1,2"}).context["page"]] == by_offset[1]
