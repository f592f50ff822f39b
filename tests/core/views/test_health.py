import pytest
from django.urls import reverse

from config.celery import app as celery_app


@pytest.fixture
def client(client, django_user_model):
    """The details are for staff: anonymous callers learn only ok or not (tests/security)."""
    client.force_login(django_user_model.objects.create_user("ops", is_staff=True))
    return client


def test_health_reports_database_and_broker(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["worker"] == {"ok": False, "last_seen": "never"}


@pytest.fixture
def unreachable_broker():
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    yield
    celery_app.conf.broker_url = saved


def test_health_is_503_when_the_broker_is_down(client, db, unreachable_broker):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False
    assert response.json()["database"]["ok"] is True


def test_health_shows_a_recent_worker_heartbeat(client, db):
    from core.tasks import record_worker_heartbeat

    record_worker_heartbeat.apply()  # run the task body in-process
    body = client.get(reverse("health")).json()
    assert body["worker"]["ok"] is True
