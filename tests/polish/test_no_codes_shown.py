"""No stored code reaches a reader: the admin's change lists and each role's pages show audit actions,
reminder kinds, delivery channels, history actions, states and periodic tasks by their Chinese names.
The deny-list is every such code the product knows (core.labels and the models' choices)."""

import re

from django.contrib import admin
from django.urls import reverse

from core.labels import ACTION_LABELS, IMPORT_KIND_LABELS, REMINDER_KIND_LABELS
from core.models import Delivery
from secondment.models import NominationEvent, Posting, PostingStatusChange
from tests.core.reminders.test_notification_pages import _deliver_all

OLD_TASK_NAMES = {"worker-heartbeat", "reminders-scan", "print-jobs-cleanup", "postings-end-terms"}


def deny_list() -> set[str]:
    import cadres.views.imports  # noqa: F401  -- the import flows name their kinds
    import secondment.views.imports  # noqa: F401

    return (
        set(ACTION_LABELS)
        | set(REMINDER_KIND_LABELS)
        | set(Delivery.Channel.values)
        | set(PostingStatusChange.ACTION_LABELS)
        | set(NominationEvent.ACTION_LABELS)
        | set(Posting.Status.values)
        | set(IMPORT_KIND_LABELS)
        | OLD_TASK_NAMES
    )


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|template)[^>]*>.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


def codes_shown(html: str, codes: set[str]) -> list[str]:
    text = visible_text(html)
    return sorted(c for c in codes if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w])", text))


def _periodic_tasks():
    from django_celery_beat.schedulers import ModelEntry

    from config.celery import app

    for name, entry in app.conf.beat_schedule.items():
        ModelEntry.from_entry(name, app=app, **entry)


def _an_upload(user):
    from core.models import ImportUpload

    ImportUpload.objects.create(kind="cadres", uploaded_by=user, original_name="名册.xlsx")


def test_admin_change_lists_show_no_codes(client, reminder_world):
    w = reminder_world
    _deliver_all(w)  # reminders, their deliveries on each channel, notifications, audit rows
    _periodic_tasks()
    _an_upload(w.org_county_a)
    codes = deny_list()
    client.force_login(w.admin)
    shown = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        if found := codes_shown(response.content.decode(), codes):
            shown[url] = found
    assert shown == {}


def test_each_roles_pages_show_no_codes(client, reminder_world):
    w = reminder_world
    _deliver_all(w)
    codes = deny_list()
    pages = {
        w.org_county_a: [
            reverse("home"),
            reverse("notifications:log"),
            reverse("notifications:list"),
            reverse("secondment:posting-detail", args=[w.posting.pk]),
            reverse("secondment:batch-detail", args=[w.batch.pk]),
            reverse("cadres:cadre-detail", args=[w.cadre_a.pk]),
        ],
        w.cadre_user: [reverse("home"), reverse("notifications:list")],
        w.receive_a: [reverse("home"), reverse("secondment:posting-detail", args=[w.posting.pk])],
        w.dispatch_a: [reverse("home"), reverse("secondment:posting-detail", args=[w.posting.pk])],
        w.admin: [reverse("home"), reverse("notifications:log")],
    }
    shown = {}
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            if found := codes_shown(response.content.decode(), codes):
                shown[(user.username, url)] = found
    assert shown == {}


def test_the_reminder_log_names_each_channel(client, reminder_world):
    w = reminder_world
    _deliver_all(w)
    client.force_login(w.org_county_a)
    html = client.get(reverse("notifications:log")).content.decode()
    assert "站内消息：" in html and "邮件：" in html
    assert codes_shown(html, set(Delivery.Channel.values)) == []
