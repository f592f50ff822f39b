"""Races answer with a Chinese message, never a 500. The losing request of a double "create postings" or a
double roster confirm is told what happened; the data stays right (one posting, one cadre)."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import RequestFactory
from django.urls import reverse

from cadres import roster_import as roster_module
from cadres.models import Cadre
from core.middleware import ConflictMiddleware
from core.models import ImportUpload
from secondment.models import Posting
from secondment.services import nominations as ns
from secondment.services.postings import batch_create_postings
from tests.cadres.imports.test_roster_import import _row, _xlsx
from tests.factories import make_cadre


@pytest.fixture
def selected_world(batch_world):
    w = batch_world
    n = ns.nomination_create(batch=w.batch, cadre=w.cadre_a, method="org", reason="x", acting_user=w.dispatch_a)
    ns.nomination_record_inspection(nomination=n, result="passed", notes="", acting_user=w.org_county_a)
    ns.nomination_decide(nomination=n, selected=True, reason="x", offer=w.offer, acting_user=w.org_county_a)
    return w


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_second_create_postings_is_refused_in_words(selected_world):
    w = selected_world
    stale = w.batch  # the page the second person still had open
    batch_create_postings(batch=w.batch, start_date=None, acting_user=w.org_county_a)
    with pytest.raises(ValidationError, match="本批次已经建立过挂职"):
        batch_create_postings(batch=stale, start_date=None, acting_user=w.org_county_a)
    assert Posting.objects.filter(batch=w.batch).count() == 1


def test_double_click_on_create_postings_gets_a_message(client, selected_world):
    w = selected_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-create-postings", args=[w.batch.pk])
    assert client.post(url).status_code == 302
    second = client.post(url)
    assert second.status_code == 302
    assert any("已经建立过挂职" in m for m in _messages(second))
    assert Posting.objects.filter(batch=w.batch).count() == 1


def test_create_postings_losing_at_the_unique_constraint_gets_a_message(client, selected_world, monkeypatch):
    """Between the checks and the insert, another request makes an active posting of the same cadre:
    the database refuses ours (IntegrityError); the user reads a message and nothing half-done stays."""
    w = selected_world
    original_save = Posting.save

    def racing_save(self, *args, **kwargs):
        if self.pk is None and not getattr(racing_save, "done", False):
            racing_save.done = True
            rival = Posting(
                **{f.attname: getattr(self, f.attname) for f in Posting._meta.concrete_fields if f.attname != "id"}
            )
            rival.nomination_id = None
            original_save(rival)
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Posting, "save", racing_save)
    client.force_login(w.org_county_a)
    response = client.post(reverse("secondment:batch-create-postings", args=[w.batch.pk]))
    assert response.status_code == 302
    assert any("有人同时" in m for m in _messages(response))
    w.batch.refresh_from_db()
    assert w.batch.status != "decided"
    assert not Posting.objects.filter(batch=w.batch, nomination__isnull=False).exists()


def _upload(client, rows):
    upload = _xlsx(rows)
    upload.name = "名册.xlsx"
    return client.post(reverse("cadres:import-start"), {"file": upload})["Location"]


def test_double_roster_confirm_imports_once_and_says_so(client, world):
    client.force_login(world.dispatch_a)
    location = _upload(client, [_row("赵一", "甲县农业农村局")])
    assert client.post(location).status_code == 302
    second = client.post(location)
    assert second.status_code == 302
    assert any("已经导入过" in m for m in _messages(second))
    assert Cadre.objects.filter(name="赵一").count() == 1


def test_roster_confirm_losing_at_the_unique_constraint_gets_a_message(client, world, monkeypatch):
    """Another import (or a person) creates the same cadre between our evaluation and our insert."""
    client.force_login(world.dispatch_a)
    row = _row("赵一", "甲县农业农村局")
    location = _upload(client, [row])
    original_evaluate = roster_module._evaluate

    def racing_evaluate(workbook, user):
        outcomes = original_evaluate(workbook, user)
        if not Cadre.objects.filter(id_number=row[4]).exists():
            make_cadre(world.unit_a, "赵一", id_number=row[4], birth=date(1986, 4, 9))
        return outcomes

    monkeypatch.setattr(roster_module, "_evaluate", racing_evaluate)
    response = client.post(location)
    assert response.status_code == 302
    assert any("有人同时导入或修改了相同的记录" in m for m in _messages(response))
    # (here the rival insert shared our rolled-back transaction; in a real race it is committed elsewhere)
    assert ImportUpload.objects.get().status == ImportUpload.Status.UPLOADED  # nothing recorded as applied


def test_any_other_lost_race_is_a_message_not_a_500(world):
    factory = RequestFactory()
    middleware = ConflictMiddleware(lambda request: None)
    get = factory.get("/secondment/postings/")
    get.user = world.org_city
    page = middleware.process_exception(get, IntegrityError("duplicate key"))
    assert page.status_code == 409 and "同时处理" in page.content.decode()
    assert middleware.process_exception(get, ValueError("other")) is None
