"""Audit history with values before and after (变更记录): every audited change stores, for each changed
field, its label and the value before and after; draft saves of work reports are recorded too; org staff
read a record's history on its page (posting, cadre, appraisal, batch), other roles do not."""

from datetime import date

from django.urls import reverse

from assessments.services.appraisals import appraisal_self_summary
from cadres.services import cadre_update
from core.models import AuditLog
from reports.services import work_reports as report_services
from secondment.services.batches import batch_update
from secondment.services.postings import posting_transition


def _last(action: str, target) -> AuditLog:
    return AuditLog.objects.filter(action=action, target_id=str(target.pk)).latest("id")


def _change(entry: AuditLog, field: str) -> tuple[str, str]:
    [change] = [c for c in entry.changes if c["field"] == field]
    return change["before"], change["after"]


def test_cadre_edit_through_the_page_stores_before_and_after(client, world):
    from tests.security.test_control_characters import _post

    client.force_login(world.org_city)
    data = _post(world, name=world.cadre_a.name, id_number=world.cadre_a.id_number, post="副科长")
    data["birth_date"] = f"{world.cadre_a.birth_date:%Y-%m-%d}"
    data["gender"] = world.cadre_a.gender
    response = client.post(reverse("cadres:cadre-edit", args=[world.cadre_a.pk]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    entry = _last("cadre.update", world.cadre_a)
    assert _change(entry, "post") == ("", "副科长")
    assert {c["label"] for c in entry.changes} >= {"现任职务"}
    assert "updated_at" not in {c["field"] for c in entry.changes}


def test_service_change_of_a_related_record_shows_names(world):
    cadre_update(cadre=world.cadre_a, acting_user=world.org_city, unit=world.unit_b, post="科员")
    entry = _last("cadre.update", world.cadre_a)
    assert _change(entry, "unit") == ("甲县农业农村局", "乙县教育局")


def test_posting_transition_stores_the_status_before_and_after(posting_world):
    w = posting_world
    posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=w.org_county_a,
        appointment_doc_no="甲组〔2026〕1号",
        appointment_date=date(2026, 11, 20),
    )
    entry = _last("posting.appoint", w.posting)
    assert _change(entry, "status") == ("拟派", "待到岗")
    assert _change(entry, "appointment_doc_no") == ("", "甲组〔2026〕1号")
    assert _change(entry, "appointment_date") == ("", "2026-11-20")


def test_batch_update_stores_before_and_after(batch_world):
    w = batch_world
    batch_update(batch=w.batch, acting_user=w.org_county_a, name="2026年甲县第二批下派挂职")
    entry = _last("batch.update", w.batch)
    assert _change(entry, "name") == ("2026年甲县干部下派挂职", "2026年甲县第二批下派挂职")


def test_report_draft_saves_are_recorded_with_the_text_before_and_after(reminder_world):
    w = reminder_world
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    report = report_services.work_report_save_draft(
        report=report, version=0, acting_user=w.cadre_user, main_work="走访农户"
    )
    report_services.work_report_save_draft(
        report=report, version=report.version, acting_user=w.cadre_user, main_work="走访农户三十户"
    )
    first, second = AuditLog.objects.filter(action="report.draft", target_id=str(report.pk)).order_by("id")
    assert _change(first, "main_work") == ("", "走访农户")
    assert _change(second, "main_work") == ("走访农户", "走访农户三十户")
    assert first.actor == w.cadre_user


def test_appraisal_step_stores_its_text_and_status(appraisal_world):
    w = appraisal_world
    appraisal_self_summary(appraisal=w.appraisal, text="一年来……", acting_user=w.cadre_user)
    entry = _last("appraisal.self_summary", w.appraisal)
    assert _change(entry, "self_summary") == ("", "一年来……")
    assert "self_summary_at" in {c["field"] for c in entry.changes}


def test_org_staff_read_the_history_on_each_record_page_and_others_do_not(client, appraisal_world):
    w = appraisal_world
    appraisal_self_summary(appraisal=w.appraisal, text="一年来……", acting_user=w.cadre_user)
    batch_update(batch=w.batch, acting_user=w.org_county_a, name="改过的批次名")
    pages = {
        reverse("secondment:posting-detail", args=[w.posting.pk]): "期满待鉴定",
        reverse("cadres:cadre-detail", args=[w.cadre_a.pk]): None,
        reverse("assessments:posting", args=[w.posting.pk]): "一年来……",
        reverse("secondment:batch-detail", args=[w.batch.pk]): "改过的批次名",
    }
    for user in (w.org_county_a, w.org_city, w.admin):
        client.force_login(user)
        for url, text in pages.items():
            html = client.get(url).content.decode()
            assert 'data-testid="audit-history"' in html and "变更记录" in html, (user, url)
            if text:
                history = html[html.index('data-testid="audit-history"') :]
                assert text in history, (user, url)
    for user in (w.cadre_user, w.receive_a, w.dispatch_a):
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert 'data-testid="audit-history"' not in response.content.decode(), (user, url)
