"""The hand-off to the personnel file (档案材料转递): a record with errors comes back with the materials
ticked and the recipient typed, the message by the field, nothing written; recording asks first."""

from django.urls import reverse

from documents.models import FileTransfer
from tests.documents.test_documents import _finalized
from tests.form_errors import field_block, field_error


def test_a_hand_off_without_materials_keeps_the_recipient_and_asks_first(client, appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    client.force_login(w.org_county_a)
    url = reverse("documents:transfer", args=[a.pk])
    page = client.get(url).content.decode()
    assert 'data-confirm="确认转递后，这次转递（材料、日期、接收人）记入档案，不能修改或删除。确定记录转递？"' in page
    response = client.post(
        url, {"transferred_on": "2026-03-20", "recipient": "县委组织部干部档案室", "notes": "附光盘一张"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "materials")
    assert 'value="县委组织部干部档案室"' in field_block(page, "recipient")
    assert "附光盘一张" in page
    assert not FileTransfer.objects.exists()


def test_a_hand_off_keeps_the_materials_ticked_when_the_recipient_is_missing(client, appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    client.force_login(w.org_county_a)
    url = reverse("documents:transfer", args=[a.pk])
    response = client.post(url, {"materials": ["form", "summary"], "transferred_on": "2026-03-20", "recipient": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "recipient")
    assert field_block(page, "materials").count("checked") == 2
    assert not FileTransfer.objects.exists()
