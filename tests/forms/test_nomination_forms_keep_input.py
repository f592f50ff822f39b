"""Nominations: the nominate form, scores, 组织考察, withdrawal: errors come back with what was typed and
the message by the field, nothing written; 撤回 asks first and says what follows."""

from django.urls import reverse

from secondment.models import Nomination
from secondment.services import nominations as services
from tests.factories import make_cadre
from tests.form_errors import field_block, field_error, form_html


def _nominate(w, cadre):
    return services.nomination_create(
        batch=w.batch, cadre=cadre, method="org", reason="表现突出", acting_user=w.dispatch_a
    )


def test_nominating_over_the_quota_keeps_the_reason_typed(client, batch_world):
    w = batch_world
    _nominate(w, w.cadre_a)
    _nominate(w, make_cadre(w.unit_a))
    third = make_cadre(w.unit_a, "丙干部")
    client.force_login(w.dispatch_a)
    url = reverse("secondment:nominate", args=[w.batch.pk])
    response = client.post(url, {"cadre": third.pk, "method": "org", "reason": "群众基础好，熟悉农业"})
    page = response.content.decode()
    assert response.status_code == 200 and "群众基础好，熟悉农业" in page
    assert "名额已经用完" in page
    assert not Nomination.objects.filter(cadre=third).exists()


def test_a_score_over_100_is_marked_at_the_field_and_the_other_score_stays(client, batch_world):
    w = batch_world
    nomination = _nominate(w, w.cadre_a)
    client.force_login(w.org_county_a)
    url = reverse("secondment:nomination-scores", args=[nomination.pk])
    response = client.post(url, {"written_score": "150", "interview_score": "86.5"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "100" in field_error(page, "written_score")
    assert 'value="86.5"' in field_block(page, "interview_score")
    nomination.refresh_from_db()
    assert nomination.written_score is None and nomination.interview_score is None


def test_withdrawing_without_a_reason_is_marked_at_the_field_and_asks_first(client, batch_world):
    w = batch_world
    nomination = _nominate(w, w.cadre_a)
    client.force_login(w.dispatch_a)
    url = reverse("secondment:nomination-withdraw", args=[nomination.pk])
    page = client.get(reverse("secondment:nomination-detail", args=[nomination.pk])).content.decode()
    assert "撤回后甲干部不再是本批次的推荐人选，不能恢复" in form_html(page, url)
    response = client.post(url, {"reason": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "reason")
    nomination.refresh_from_db()
    assert nomination.status == "nominated"
