"""Each home page shows only in-scope items."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_unit, make_user


def test_org_home_counts_what_needs_a_decision(client, reminder_world):
    w = reminder_world
    p = posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a),
        receiving_unit=w.town_a,
        post="x",
        start_date=date(2026, 3, 1),
        acting_user=None,
    )
    posting_transition(
        posting=p,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=timezone.localdate() - timedelta(days=20),
    )
    client.force_login(w.org_county_a)
    assert client.get(reverse("home")).context["org_todo"]["arrivals_overdue"] == 1
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.get(reverse("home")).context["org_todo"]["arrivals_overdue"] == 0


def test_receiving_home_lists_its_own_cadres_only(client, reminder_world):
    w = reminder_world
    other_town = make_unit("甲县桃源乡", parent=w.county_a)
    posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a, "别处的人"),
        receiving_unit=other_town,
        post="x",
        start_date=date(2026, 3, 1),
        acting_user=None,
    )
    client.force_login(w.receive_a)
    todo = client.get(reverse("home")).context["receiving_todo"]
    assert [p.cadre.name for p in todo["cadres"]] == ["甲干部"]


def test_dispatching_and_cadre_homes(client, reminder_world):
    w = reminder_world
    client.force_login(w.dispatch_a)
    assert [p.cadre.name for p in client.get(reverse("home")).context["dispatching_todo"]["cadres"]] == ["甲干部"]
    client.force_login(w.cadre_user)
    todo = client.get(reverse("home")).context["cadre_todo"]
    assert todo["days_left"] == (w.posting.end_date - timezone.localdate()).days
