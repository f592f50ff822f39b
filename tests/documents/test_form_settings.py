"""The appraisal form's title is a setting per jurisdiction (issue 14): the nearest jurisdiction above
the batch's organizer decides, else 《挂职锻炼总结鉴定表》 (seed 004). Set in admin, with an audit row."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import AuditLog
from documents.appraisal_form import appraisal_form_pdf
from documents.models import DocumentSettings
from documents.selectors import appraisal_form_title


@pytest.fixture
def appraisal(appraisal_world):
    from tests.assessments.test_appraisal_services import _complete

    return _complete(appraisal_world)


def _first_page(appraisal) -> str:
    return PdfReader(io.BytesIO(appraisal_form_pdf(appraisal))).pages[0].extract_text()


def test_without_settings_the_form_is_titled_as_the_notice_names_it(appraisal):
    text = _first_page(appraisal)
    assert "挂职锻炼总结鉴定表" in text
    assert "考核鉴定表" not in text


def test_a_countys_own_title_wins_for_its_batches(appraisal, appraisal_world):
    w = appraisal_world
    assert w.batch.organizer == w.county_a
    DocumentSettings.objects.create(jurisdiction=None, appraisal_form_title="全省统一鉴定表")
    DocumentSettings.objects.create(jurisdiction=w.city, appraisal_form_title="全市挂职干部鉴定表")
    DocumentSettings.objects.create(jurisdiction=w.county_a, appraisal_form_title="甲县挂职干部考核鉴定表")
    text = _first_page(appraisal)
    assert "甲县挂职干部考核鉴定表" in text
    assert "全市" not in text and "全省" not in text


def test_another_countys_title_leaves_the_default(appraisal, appraisal_world):
    DocumentSettings.objects.create(jurisdiction=appraisal_world.county_b, appraisal_form_title="乙县挂职干部鉴定表")
    text = _first_page(appraisal)
    assert "挂职锻炼总结鉴定表" in text and "乙县" not in text


def test_the_nearest_jurisdiction_above_decides(batch_world):
    w = batch_world
    assert appraisal_form_title(batch=w.batch) == "挂职锻炼总结鉴定表"
    DocumentSettings.objects.create(jurisdiction=None, appraisal_form_title="通用鉴定表")
    assert appraisal_form_title(batch=w.batch) == "通用鉴定表"
    DocumentSettings.objects.create(jurisdiction=w.city, appraisal_form_title="市鉴定表")
    assert appraisal_form_title(batch=w.batch) == "市鉴定表"
    DocumentSettings.objects.create(jurisdiction=w.town_a, appraisal_form_title="镇鉴定表")  # below the organizer
    assert appraisal_form_title(batch=w.batch) == "市鉴定表"


def test_settings_are_kept_in_admin_in_chinese_with_audit(client, world):
    client.force_login(world.admin)
    changelist = reverse("admin:documents_documentsettings_changelist")
    add = reverse("admin:documents_documentsettings_add")
    response = client.post(add, {"jurisdiction": world.county_a.pk, "appraisal_form_title": "甲县鉴定表"})
    assert response.status_code == 302, response.content.decode()[:2000]
    settings = DocumentSettings.objects.get(jurisdiction=world.county_a)
    assert AuditLog.objects.filter(
        action="document_settings.create", target_id=str(settings.pk), actor=world.admin
    ).exists()

    page = client.get(changelist, {"q": "甲县"}).content.decode()
    assert "文书设置" in page and "筛选" in page and "甲县鉴定表" in page

    again = client.post(add, {"jurisdiction": world.county_a.pk, "appraisal_form_title": "另一个"})
    assert again.status_code == 200 and "该管辖范围已有文书设置" in again.content.decode()
    client.post(add, {"jurisdiction": "", "appraisal_form_title": "通用"})
    everywhere_again = client.post(add, {"jurisdiction": "", "appraisal_form_title": "再一个通用"})
    assert "该管辖范围已有文书设置" in everywhere_again.content.decode()
    assert DocumentSettings.objects.count() == 2

    delete = reverse("admin:documents_documentsettings_delete", args=[settings.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert AuditLog.objects.filter(action="document_settings.delete", target_id=str(settings.pk)).exists()
