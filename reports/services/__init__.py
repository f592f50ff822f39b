"""Write services of the reports app: the schedule (`schedule`) and the reports themselves
(`work_reports`), re-exported here so `from reports import services; services.work_report_submit`
and `from reports.services import report_periods` read as before."""

from ..workflow import EDITABLE
from .schedule import (
    MIN_PERIOD_DAYS,
    SCHEDULED_STATUSES,
    cycles_for,
    report_periods,
    report_schedule_stop,
    report_schedule_sync,
)
from .work_reports import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    REQUIRED_SECTIONS,
    ReportConflict,
    period_open,
    work_report_accept,
    work_report_attach,
    work_report_return,
    work_report_roles,
    work_report_save_draft,
    work_report_submit,
    work_report_transition,
)

__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_TYPES",
    "EDITABLE",
    "MIN_PERIOD_DAYS",
    "REQUIRED_SECTIONS",
    "SCHEDULED_STATUSES",
    "ReportConflict",
    "cycles_for",
    "period_open",
    "report_periods",
    "report_schedule_stop",
    "report_schedule_sync",
    "work_report_accept",
    "work_report_attach",
    "work_report_return",
    "work_report_roles",
    "work_report_save_draft",
    "work_report_submit",
    "work_report_transition",
]
