"""Admin changelists at a province's size (issue 18): no full count, the action filter without a
DISTINCT over every audit row, an estimated count on PostgreSQL only past the threshold."""

from django.test import Client

from core.models import AuditLog
from core.paginator import estimated_count


def test_audit_admin_lists_and_filters_actions(world):
    actions = sorted(set(AuditLog.objects.values_list("action", flat=True)))
    assert actions, "the world fixture's services write audit rows"
    client = Client()
    client.force_login(world.admin)
    page = client.get("/admin/core/auditlog/").content.decode()
    for action in actions:
        assert f"?action={action}" in page
    one = actions[0]
    filtered = client.get("/admin/core/auditlog/", {"action": one})
    assert filtered.status_code == 200
    shown = filtered.context["cl"].result_list
    assert shown and all(row.action == one for row in shown)


def test_estimated_count_is_exact_on_small_tables(world):
    assert estimated_count(AuditLog.objects.all()) == AuditLog.objects.count()


def test_labelled_filters_offer_the_registry_without_reading_the_table(world):
    """The 操作 / 新状态 / 类型 filters of the history tables list the registry's codes by their Chinese
    names; they never run a DISTINCT over the table (issue 18)."""
    from django.contrib.admin.sites import site
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from core.models import Reminder
    from secondment.models import Posting, PostingStatusChange

    request = RequestFactory().get("/")
    request.user = world.admin
    for model, parameter, expected in (
        (PostingStatusChange, "action", PostingStatusChange.ACTION_LABELS),
        (PostingStatusChange, "to_status", dict(Posting.Status.choices)),
    ):
        model_admin = site._registry[model]
        (filter_class,) = [f for f in model_admin.list_filter if getattr(f, "parameter_name", None) == parameter]
        with CaptureQueriesContext(connection) as ctx:
            lookups = filter_class(request, {}, model, model_admin).lookups(request, model_admin)
        assert not ctx.captured_queries
        assert dict(lookups) == {code: str(name) for code, name in expected.items()}
    reminder_admin = site._registry[Reminder]
    kind_filter = reminder_admin.list_filter[0]
    assert dict(kind_filter(request, {}, Reminder, reminder_admin).lookups(request, reminder_admin))


def test_admin_searches_find_by_the_cadres_name(client, posting_world):
    """Admin's searches over the big tables look at the cadre's name (and 身份证号), newest first."""
    w = posting_world
    client.force_login(w.admin)
    name = w.posting.cadre.name
    for url, cadre_of in (
        ("/admin/secondment/posting/", lambda row: row.cadre),
        ("/admin/secondment/postingstatuschange/", lambda row: row.posting.cadre),
    ):
        found = client.get(url, {"q": name[1:]}).context["cl"].result_list
        assert found and {cadre_of(row).name for row in found} == {name}, url
        assert not client.get(url, {"q": "没有这个人"}).context["cl"].result_list
    by_id = client.get("/admin/secondment/posting/", {"q": w.posting.cadre.id_number[:6]}).context["cl"].result_list
    assert w.posting in list(by_id)
    history = client.get("/admin/secondment/postingstatuschange/").context["cl"].result_list
    assert [row.pk for row in history] == sorted((row.pk for row in history), reverse=True)
