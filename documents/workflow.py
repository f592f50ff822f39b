"""A batch print job as a transition table, in the shape of secondment.workflow:

    排队中 queued → 生成中 running → 已完成 done
                                  → 失败 failed (a failed job, or one whose worker died while
                                                 running, starts over when the task runs again)

Only the Celery worker moves a job (the system role); the org department's staff only create it.
`services.print_job_transition` is the one place that changes PrintJob.status, with an audit row
as the job's history.
"""

from core.workflow import SYSTEM, Transition, allowed

from .models import PrintJob

S = PrintJob.Status

TRANSITIONS: dict[str, Transition] = {
    "start": Transition("开始生成", (S.QUEUED, S.RUNNING, S.FAILED), S.RUNNING, frozenset({SYSTEM})),
    "finish": Transition("完成", (S.RUNNING,), S.DONE, frozenset({SYSTEM})),
    "fail": Transition("标记失败", (S.RUNNING,), S.FAILED, frozenset({SYSTEM})),
}


def allowed_actions(status: str, roles: set[str]) -> list[str]:
    return allowed(TRANSITIONS, status, roles)
