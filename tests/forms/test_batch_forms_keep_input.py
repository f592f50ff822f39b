"""The batch page's forms (名额, 挂职岗位, 分职级年龄上限): errors come back as the page again with what was
chosen and typed, messages by the fields, nothing written; deleting a post on offer asks first."""

from django.urls import reverse

from cadres.models import Rank
from secondment.models import BatchOffer
from tests.form_errors import field_block, field_error, form_html


def test_a_negative_quota_is_marked_at_the_field_and_the_unit_stays_chosen(client, batch_world):
    w = batch_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-quota", args=[w.batch.pk])
    response = client.post(url, {"dispatching_unit": w.unit_a.pk, "quota": "-3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "quota") and 'value="-3"' in field_block(page, "quota")
    assert f'<option value="{w.unit_a.pk}" selected' in field_block(page, "dispatching_unit")
    assert w.batch.quotas.get(dispatching_unit=w.unit_a).quota == 2


def test_an_age_ceiling_over_70_keeps_the_ranks_chosen(client, batch_world):
    w = batch_world
    ranks = list(Rank.objects.all()[:2])
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-ceiling", args=[w.batch.pk])
    response = client.post(url, {"rank_from": ranks[0].pk, "rank_to": ranks[1].pk, "max_age": "90"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "70" in field_error(page, "max_age")
    assert f'<option value="{ranks[1].pk}" selected' in field_block(page, "rank_to")
    assert not w.batch.age_ceilings.exists()


def test_an_offer_without_a_post_title_keeps_the_unit_and_count(client, batch_world):
    w = batch_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-offer", args=[w.batch.pk])
    response = client.post(url, {"receiving_unit": w.town_a.pk, "count": "3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "post_title")
    assert 'value="3"' in field_block(page, "count")
    assert BatchOffer.objects.filter(batch=w.batch).count() == 1


def test_deleting_a_post_on_offer_asks_first(client, batch_world):
    w = batch_world
    client.force_login(w.org_county_a)
    page = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
    form = form_html(page, reverse("secondment:batch-offer-delete", args=[w.batch.pk, w.offer.pk]))
    assert "data-confirm=" in form and "不再列为本批次的挂职岗位，不能恢复" in form
