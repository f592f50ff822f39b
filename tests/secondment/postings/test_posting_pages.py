"""Posting pages: scope per role (404 outside), flags, query counts, export, actions through the page."""

import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("org_city", 200),
        ("org_county", 200),
        ("dispatch", 200),
        ("receive", 200),
        ("cadre", 200),
    ],
)
def test_every_party_of_the_posting_can_open_it(client, posting_world, role, status):
    client.force_login(posting_world.users_by_role()[role])
    assert client.get(reverse("secondment:posting-detail", args=[posting_world.posting.pk])).status_code == status


def test_outsiders_get_404(client, posting_world):
    w = posting_world
    outsiders = [
        make_user(roles=[("org_staff", w.county_b)]),
        make_user(roles=[("dispatch_contact", w.unit_b)]),
        make_user(roles=[("receive_contact", w.unit_b)]),
        make_user(cadre=w.cadre_b),
    ]
    for user in outsiders:
        client.force_login(user)
        assert client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).status_code == 404
        assert "甲干部" not in client.get(reverse("secondment:posting-list")).content.decode()
        rows = load_workbook(io.BytesIO(client.get(reverse("secondment:posting-export-xlsx")).content)).active
        assert rows.max_row == 1  # the header only


def test_receiving_contact_now_sees_the_seconded_cadre(client, posting_world):
    client.force_login(posting_world.receive_a)
    assert client.get(reverse("cadres:cadre-detail", args=[posting_world.cadre_a.pk])).status_code == 200
    assert client.get(reverse("cadres:cadre-detail", args=[posting_world.cadre_b.pk])).status_code == 404


def test_confirm_arrival_through_the_page(client, posting_world):
    w = posting_world
    today = timezone.localdate()
    posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=today - timedelta(days=2),
    )
    client.force_login(w.receive_a)
    page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    assert 'data-action="confirm_arrival"' in page and 'data-action="terminate"' not in page
    response = client.post(
        reverse("secondment:posting-transition", args=[w.posting.pk, "confirm_arrival"]),
        {"confirm_arrival-arrival_date": today.isoformat()},
    )
    assert response.status_code == 302
    w.posting.refresh_from_db()
    assert w.posting.status == "on_post"


def test_dispatch_contact_cannot_terminate_through_the_page(client, posting_world):
    w = posting_world
    client.force_login(w.dispatch_a)
    response = client.post(
        reverse("secondment:posting-transition", args=[w.posting.pk, "terminate"]),
        {"terminate-grounds": "other", "terminate-reason": "召回"},
    )
    assert response.status_code == 403
    w.posting.refresh_from_db()
    assert w.posting.status == "planned"


def test_overdue_arrival_is_flagged_in_the_list_and_the_page(client, posting_world):
    w = posting_world
    today = timezone.localdate()
    posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=today - timedelta(days=15),
    )
    client.force_login(w.org_county_a)
    assert 'data-flag="arrival-overdue"' in client.get(reverse("secondment:posting-list")).content.decode()
    assert (
        'data-flag="arrival-overdue"'
        in client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    )
    flagged = client.get(reverse("secondment:posting-list"), {"flag": "arrival_overdue"}).context["page"]
    assert [p.pk for p in flagged] == [w.posting.pk]


def test_deadline_day_itself_is_not_overdue(client, posting_world):
    w = posting_world
    posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=timezone.localdate() - timedelta(days=14),
    )
    client.force_login(w.org_county_a)
    assert 'data-flag="arrival-overdue"' not in client.get(reverse("secondment:posting-list")).content.decode()


def test_list_query_count_is_flat(client, posting_world):
    w = posting_world
    client.force_login(w.org_city)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("secondment:posting-list")).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(20):
        posting_create(
            batch=w.batch,
            cadre=make_cadre(w.unit_a, f"批量{i}"),
            receiving_unit=w.town_a,
            post="镇长助理",
            start_date=date(2026, 12, 1),
            acting_user=None,
        )
    assert count() == one


def test_export_has_the_filtered_rows(client, posting_world):
    client.force_login(posting_world.org_county_a)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("secondment:posting-export-xlsx"), {"status": "planned"}).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "身份证号", "批次") and rows[1][0] == "甲干部"
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("secondment:posting-export-xlsx"), {"status": "on_post"}).content)
    ).active
    assert sheet.max_row == 1


def test_cadre_timeline_and_unit_pages_show_the_posting(client, posting_world):
    w = posting_world
    client.force_login(w.org_county_a)
    timeline = client.get(reverse("cadres:cadre-detail", args=[w.cadre_a.pk])).context["timeline"]
    assert any(e.kind == "挂职" and "甲县石门镇 副镇长" in e.title for e in timeline)
    assert "甲干部" in client.get(reverse("cadres:unit-detail", args=[w.town_a.pk])).content.decode()
    dispatched = client.get(reverse("cadres:unit-detail", args=[w.unit_a.pk])).context["dispatched"]
    assert [p.pk for p in dispatched] == [w.posting.pk]


def test_cadre_list_filter_currently_seconded(client, posting_world):
    w = posting_world
    client.force_login(w.org_city)
    names = lambda params: {c.name for c in client.get(reverse("cadres:cadre-list"), params).context["page"]}  # noqa: E731
    assert "甲干部" not in names({"seconded": "true"})  # 拟派 is not yet on secondment
    posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=date(2026, 11, 1),
    )
    assert names({"seconded": "true"}) == {"甲干部"}
    assert "甲干部" not in names({"seconded": "false"}) and "乙干部" in names({"seconded": "false"})


@pytest.mark.parametrize("without_quotas", [False, True])
def test_the_posting_page_links_its_batch_only_for_whoever_may_open_it(client, posting_world, without_quotas):
    """A posting imported as under way, or of a batch without a quota or post for one's unit, is seen by
    its contacts while the batch is not: the page names the batch without a link that would answer 404."""
    from secondment.models import BatchOffer, BatchQuota

    w = posting_world
    if without_quotas:
        BatchQuota.objects.filter(batch_id=w.posting.batch_id).delete()
        BatchOffer.objects.filter(batch_id=w.posting.batch_id).delete()
    batch_url = reverse("secondment:batch-detail", args=[w.posting.batch_id])
    linked = {}
    for role, user in w.users_by_role().items():
        client.force_login(user)
        page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
        assert w.posting.batch.name in page
        linked[role] = f'href="{batch_url}"' in page
        assert linked[role] == (client.get(batch_url).status_code == 200), role
    if without_quotas:
        assert not linked["dispatch"] and not linked["receive"] and linked["admin"]
