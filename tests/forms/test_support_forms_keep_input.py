"""The posting's 联络保障 tab (轮岗, 生活保障, 情况反馈): a form with errors comes back as the tab again with
what was typed and the message by the field, the other forms fresh, nothing written."""

from django.urls import reverse

from tests.form_errors import field_block, field_error


def test_feedback_without_content_keeps_the_period(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-support", args=[w.posting.pk])
    response = client.post(
        url, {"what": "feedback", "period_start": "2026-01-01", "period_end": "2026-06-30", "content": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "content")
    assert 'value="2026-06-30"' in field_block(page, "period_end")
    assert not w.posting.feedback.exists()


def test_a_rotation_without_a_post_keeps_the_duties(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-support", args=[w.posting.pk])
    response = client.post(
        url, {"what": "rotation", "post": "", "duties": "分管文化旅游和招商引资", "start_date": "2025-09-01"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "分管文化旅游和招商引资" in page
    assert "这个字段是必填项" in field_error(page, "post")
    assert not w.posting.rotations.exists()


def test_a_pairing_made_twice_keeps_the_units_and_notes_and_unpairing_asks_first(client, paired_world):
    from secondment.models import UnitPairing
    from secondment.services import support as services

    w = paired_world
    services.pairing_add(
        batch=w.batch, dispatching_unit=w.unit_a, receiving_unit=w.town_b, notes="", acting_user=w.org_county_a
    )
    client.force_login(w.org_county_a)
    url = reverse("secondment:batch-pairings", args=[w.batch.pk])
    assert "不再结对，推荐和决定时不再据此提示" in client.get(url).content.decode()
    response = client.post(url, {"dispatching_unit": w.unit_a.pk, "receiving_unit": w.town_b.pk, "notes": "教育帮扶"})
    page = response.content.decode()
    assert response.status_code == 200 and "教育帮扶" in page
    assert "这两个单位已经结对" in field_error(page, "receiving_unit")
    assert f'<option value="{w.town_b.pk}" selected' in field_block(page, "receiving_unit")
    assert UnitPairing.objects.filter(batch=w.batch).count() == 1
