"""/healthz/ tells anonymous callers only whether the site is ok; the details are for staff."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from config.celery import app as celery_app


def test_anonymous_health_says_only_ok(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_logged_in_non_staff_sees_no_details(client, world):
    client.force_login(world.org_city)
    assert client.get(reverse("health")).json() == {"status": "ok"}


def test_admin_sees_the_details(client, world):
    client.force_login(world.admin)
    body = client.get(reverse("health")).json()
    assert body["database"]["ok"] is True and "worker" in body


@pytest.fixture
def unreachable_broker():
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    celery_app.conf.broker_url = saved


def test_anonymous_health_failure_names_nothing(client, db, unreachable_broker):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


def test_health_command_prints_the_details(db, capsys):
    call_command("health")
    body = json.loads(capsys.readouterr().out)
    assert body["status"] == "ok" and body["database"]["ok"] is True
