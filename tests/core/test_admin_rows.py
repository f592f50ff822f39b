"""`{% fast_result_list %}` (core.templatetags.admin_rows) writes every row of the big tables'
changelists exactly as Django's `items_for_result` does: the same cells, classes, links (with the
search kept in them), labels, dates and empty marks (issue 18)."""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.test import RequestFactory

from core.admin import RowLinksMixin
from core.templatetags.admin_rows import fast_results


def _compare(model_admin, user, params) -> int:
    request = RequestFactory().get("/", params)
    request.user = user
    cl = model_admin.get_changelist_instance(request)
    cl.formset = None  # as changelist_view leaves a list without editable columns
    rows = fast_results(cl)
    assert len(rows) == len(cl.result_list)
    for row, result in zip(rows, cl.result_list, strict=True):
        assert list(row) == ["".join(items_for_result(cl, result, None))], (model_admin, result.pk)
    return len(rows)


def test_every_big_admins_rows_read_as_djangos(client, reminder_world):
    w = reminder_world
    name = w.posting.cadre.name
    client.force_login(w.admin)
    client.get(f"/admin/secondment/posting/{w.posting.pk}/change/")  # a page view or two in the audit trail
    compared = {}
    big = [a for a in admin.site._registry.values() if isinstance(a, RowLinksMixin)]
    assert len(big) >= 15
    for model_admin in big:
        label = model_admin.model._meta.label
        compared[label] = _compare(model_admin, w.admin, {})
        compared[label] += _compare(model_admin, w.admin, {"q": name[:1]})  # the search in the row links
    for label in ("secondment.Posting", "secondment.PostingStatusChange", "cadres.Cadre", "reports.WorkReport"):
        assert compared[label] > 0, label


def test_the_changelist_page_uses_them(client, reminder_world):
    w = reminder_world
    client.force_login(w.admin)
    response = client.get("/admin/secondment/posting/", {"q": w.posting.cadre.name})
    assert "admin/fast_change_list.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<th class="field-' in html and f"/admin/secondment/posting/{w.posting.pk}/change/" in html


def test_the_demos_rows_read_as_djangos_in_every_big_admin(db, settings):
    """The demo city holds every kind of record (reminders and deliveries, nominations and their events,
    leave, attendance, inspections, assessments, appraisals): each admin's first page, plain and
    searched, against Django's rows."""
    from django.core.management import call_command

    from accounts.models import User

    settings.DEBUG = True  # seed_demo's guard
    call_command("seed_demo")
    user = User.objects.get(username="admin")
    empty = []
    for model_admin in (a for a in admin.site._registry.values() if isinstance(a, RowLinksMixin)):
        shown = _compare(model_admin, user, {}) + _compare(model_admin, user, {"q": "林"})
        if not shown:
            empty.append(model_admin.model._meta.label)
    assert empty == []
