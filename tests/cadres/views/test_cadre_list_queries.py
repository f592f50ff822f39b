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
