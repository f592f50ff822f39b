"""Home-page to-dos (issue 16): every count is a link to an on-screen list of exactly those items (Excel
from there), a zero is quiet, a to-do of another role is a 404, the cadre has quick actions."""

import io
import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


def _appointed(w, name):
    p = posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a, name),
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=timezone.localdate() - timedelta(days=3),
        acting_user=None,
    )
    return posting_transition(
        posting=p,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=timezone.localdate() - timedelta(days=3),
    )


def _todos(html: str) -> dict[str, tuple[str, int]]:
    items = re.findall(r'<a class="list-group-item[^"]*" href="([^"]+)" data-todo="([\w-]+)" data-count="(\d+)"', html)
    return {key: (href.replace("&amp;", "&"), int(n)) for href, key, n in items}


def test_every_count_on_each_home_page_is_a_link_that_answers(client, reminder_world):
    w = reminder_world
    _appointed(w, "待到岗甲")
    for user in (w.org_county_a, w.org_city, w.receive_a, w.dispatch_a):
        client.force_login(user)
        todos = _todos(client.get(reverse("home")).content.decode())
        assert todos, user
        for key, (href, _n) in todos.items():
            assert client.get(href).status_code == 200, (user, key, href)


def test_the_list_behind_a_count_holds_that_many_rows_and_its_excel_too(client, reminder_world):
    w = reminder_world
    _appointed(w, "待到岗甲")
    _appointed(w, "待到岗乙")
    client.force_login(w.receive_a)
    href, n = _todos(client.get(reverse("home")).content.decode())["arrivals"]
    assert n == 2 and href == reverse("dashboard:todo", args=["arrivals"])
    page = client.get(href)
    assert {r.cadre for r in page.context["rows"]} == {"待到岗甲", "待到岗乙"}
    assert all(
        r.url.rstrip("/").rsplit("/", 1)[0].endswith("/postings") for r in page.context["rows"]
    )  # each to its posting
    rows = list(
        load_workbook(io.BytesIO(client.get(href, {"format": "xlsx"}).content)).active.iter_rows(values_only=True)
    )
    assert len(rows) == 1 + 2 and rows[0][0] == "干部"


def test_zero_is_quiet_not_a_red_badge(client, reminder_world):
    client.force_login(reminder_world.receive_a)
    html = client.get(reverse("home")).content.decode()
    assert _todos(html)["arrivals"][1] == 0
    item = re.search(r'data-todo="arrivals".*?</a>', html, re.S).group(0)
    assert "text-bg-danger" not in item and "text-body-secondary" in item


def test_a_to_do_of_another_role_or_an_unknown_one_is_a_404(client, reminder_world):
    w = reminder_world
    client.force_login(w.receive_a)
    assert client.get(reverse("dashboard:todo", args=["nominations"])).status_code == 404
    assert client.get(reverse("dashboard:todo", args=["no-such-thing"])).status_code == 404
    client.force_login(w.cadre_user)
    assert client.get(reverse("dashboard:todo", args=["arrivals"])).status_code == 404


def test_outsiders_see_an_empty_list(client, reminder_world):
    w = reminder_world
    _appointed(w, "待到岗甲")
    client.force_login(make_user(roles=[("receive_contact", w.county_b)]))
    page = client.get(reverse("dashboard:todo", args=["arrivals"]))
    assert page.status_code == 200 and page.context["rows"] == []


def test_the_cadre_has_quick_actions_that_open_their_pages(client, reminder_world):
    w = reminder_world
    client.force_login(w.cadre_user)
    html = client.get(reverse("home")).content.decode()
    actions = dict(re.findall(r'href="([^"]+)" data-action="(\w+)"', html))
    by_action = {v: k for k, v in actions.items()}
    assert set(by_action) == {"report", "leave", "worklog"}
    assert by_action["leave"] == reverse("secondment:posting-leave", args=[w.posting.pk])
    assert by_action["worklog"] == reverse("secondment:posting-worklog", args=[w.posting.pk])
    for href in by_action.values():
        assert client.get(href).status_code == 200


def test_query_count_of_a_to_do_list_does_not_grow(client, reminder_world):
    w = reminder_world
    client.force_login(w.receive_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboard:todo", args=["arrivals"])).status_code == 200
        return len(ctx.captured_queries)

    _appointed(w, "待到岗0")
    one = count()
    for i in range(1, 6):
        _appointed(w, f"待到岗{i}")
    assert count() == one
