"""A print job is a transition table (documents.workflow) performed by one service
(documents.services.print_job_transition): wrong state and wrong role are refused in Chinese, each
move leaves an audit row (the job's history), and nothing else writes PrintJob.status."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditLog
from documents import services, workflow
from documents.models import PrintJob
from tests.status_writes import writes_outside

PERFORMING = {("documents/services/__init__.py", "print_job_transition")}


@pytest.fixture
def job(appraisal_world):
    w = appraisal_world
    return PrintJob.objects.create(owner=w.org_county_a, batch=w.batch, total=1)


def _history(job):
    return list(
        AuditLog.objects.filter(target_id=str(job.pk), action__startswith="print.")
        .order_by("id")
        .values_list("action", "data")
    )


def test_table():
    assert workflow.allowed_actions("queued", {"system"}) == ["start"]
    assert workflow.allowed_actions("running", {"org_staff"}) == []


def test_refuses_wrong_state_and_wrong_role(appraisal_world, job):
    with pytest.raises(ValidationError, match="打印任务当前为“排队中”，不能完成"):
        services.print_job_transition(job=job, action="finish")
    with pytest.raises(PermissionDenied, match="您无权对该打印任务执行“开始生成”"):
        services.print_job_transition(job=job, action="start", acting_user=appraisal_world.org_county_a)


def test_a_failed_run_is_recorded_and_may_start_over(appraisal_world, job, monkeypatch):
    def broken(appraisal):
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(services, "appraisal_form_pdf", broken)
    with pytest.raises(RuntimeError):
        services.print_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "字体缺失")
    assert _history(job) == [
        ("print.start", {"from": "queued", "to": "running"}),
        ("print.fail", {"from": "running", "to": "failed", "error": "字体缺失"}),
    ]
    assert services.print_job_transition(job=job, action="start").status == "running"


def test_only_the_performing_service_writes_print_job_status():
    stray = [s for s in writes_outside(PERFORMING) if s.module.startswith("documents/")]
    assert stray == [], [(s.module, s.line, s.function) for s in stray]
