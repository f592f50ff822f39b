"""Selection (issue 15): a cadre on an active posting (正在挂职) whose term lasts into the new batch is
marked in the nomination lists and refused at nomination, inspection and selection; a posting ending
before the new batch starts does not stand in the way; eligibility is shown while nominating."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secondment.models import BatchKind, Nomination
from secondment.services.batches import batch_create
from secondment.services.nominations import nomination_create, nomination_decide, nomination_record_inspection
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre


def _posting_elsewhere(w, cadre, start: date):
    """An on-post posting of `cadre` in another batch (one-year term from `start`)."""
    other = batch_create(
        acting_user=None,
        name=f"{start.year}年另一批次",
        kind=BatchKind.objects.get(name="下派"),
        year=start.year,
        organizer=w.city,
        planned_start=start,
        nomination_deadline=start,
    )
    p = posting_create(
        batch=other, cadre=cadre, receiving_unit=w.town_a, post="镇长助理", start_date=start, acting_user=None
    )
    posting_transition(posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=start)
    return posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=start, today=date(2026, 12, 31)
    )


def _nominate(w, cadre, user=None, **extra):
    return nomination_create(
        batch=w.batch, cadre=cadre, method="org", reason="表现突出", acting_user=user or w.dispatch_a, **extra
    )


def test_a_cadre_on_post_is_refused_at_nomination_even_with_an_override(batch_world):
    w = batch_world
    _posting_elsewhere(w, w.cadre_a, date(2026, 3, 2))  # until 2027-03-01, past the batch's start
    with pytest.raises(ValidationError, match="正在挂职") as error:
        _nominate(w, w.cadre_a)
    assert "cadre" in error.value.message_dict
    with pytest.raises(ValidationError, match="正在挂职"):
        _nominate(w, w.cadre_a, user=w.org_county_a, override_reason="工作需要")
    assert not Nomination.objects.filter(cadre=w.cadre_a).exists()


def test_a_posting_ending_before_the_batch_starts_does_not_refuse(batch_world):
    w = batch_world
    ending = _posting_elsewhere(w, w.cadre_a, date(2025, 3, 1))  # on post until 2026-02-28
    assert ending.status == "on_post" and ending.end_date < w.batch.planned_start
    assert _nominate(w, w.cadre_a).status == "nominated"


def test_inspection_and_selection_refuse_a_cadre_who_went_on_secondment(batch_world):
    w = batch_world
    inspected = _nominate(w, w.cadre_a)
    nomination_record_inspection(nomination=inspected, result="passed", notes="", acting_user=w.org_county_a)
    later = _nominate(w, make_cadre(w.unit_a, "冯娜", female=True))
    _posting_elsewhere(w, w.cadre_a, date(2026, 3, 2))
    _posting_elsewhere(w, later.cadre, date(2026, 3, 2))
    with pytest.raises(ValidationError, match="冯娜正在挂职"):
        nomination_record_inspection(nomination=later, result="passed", notes="", acting_user=w.org_county_a)
    with pytest.raises(ValidationError, match="正在挂职"):
        nomination_decide(nomination=inspected, selected=True, reason="择优", offer=w.offer, acting_user=w.org_county_a)
    # recording a failed inspection or not selecting stays possible
    nomination_record_inspection(nomination=later, result="failed", notes="正在挂职", acting_user=w.org_county_a)
    nomination_decide(nomination=inspected, selected=False, reason="正在挂职", acting_user=w.org_county_a)


def test_nomination_lists_mark_a_cadre_on_secondment(client, batch_world):
    w = batch_world
    on_post = _nominate(w, w.cadre_a)
    free = _nominate(w, make_cadre(w.unit_a, "空闲干部"))
    _posting_elsewhere(w, w.cadre_a, date(2026, 3, 2))
    client.force_login(w.org_county_a)
    page = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
    assert page.count('data-flag="on-secondment"') == 1
    assert (
        'data-flag="on-secondment"'
        in client.get(reverse("secondment:nomination-detail", args=[on_post.pk])).content.decode()
    )
    assert (
        'data-flag="on-secondment"'
        not in client.get(reverse("secondment:nomination-detail", args=[free.pk])).content.decode()
    )


def test_the_cadre_picker_shows_eligibility_while_nominating(client, batch_world):
    w = batch_world
    _posting_elsewhere(w, w.cadre_a, date(2026, 3, 2))
    make_cadre(w.unit_a, "年轻干部", birth=date(1990, 1, 1))
    make_cadre(w.unit_a, "年长干部", birth=date(1970, 1, 1))
    client.force_login(w.dispatch_a)
    url = reverse("secondment:nominate", args=[w.batch.pk])
    page = client.get(url).content.decode()
    assert "甲干部（甲县农业农村局 ） · 正在挂职，至2027-03-01，不可推荐" in page
    assert "年轻干部（甲县农业农村局 ） · 符合条件" in page
    assert "年长干部（甲县农业农村局 ） · 不符合：年龄" in page
    response = client.post(url, {"cadre": w.cadre_a.pk, "method": "org", "reason": "表现突出"})
    assert response.status_code == 200 and "甲干部正在挂职" in response.content.decode()


def test_the_nominee_import_refuses_a_cadre_on_secondment(batch_world):
    import io

    from openpyxl import Workbook

    from secondment.io.nomination_import import nominee_import

    w = batch_world
    _posting_elsewhere(w, w.cadre_a, date(2026, 3, 2))
    workbook = Workbook()
    workbook.active.append(["身份证号", "姓名", "推荐方式", "推荐理由"])
    workbook.active.append([w.cadre_a.id_number, "甲干部", "组织推荐", "表现突出"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = nominee_import(fileobj=buffer, user=w.dispatch_a, batch=w.batch, apply=True)
    assert not result.applied and any("正在挂职" in m for _, m in result.rows[0].errors)
    assert not Nomination.objects.filter(cadre=w.cadre_a).exists()
