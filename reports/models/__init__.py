"""Work reports (工作汇报), re-exported from their module so `from reports.models import WorkReport`
reads as before. `_attachment_path` stays importable here: migration 0003 refers to it as
`reports.models._attachment_path`."""

from .work_reports import (
    ReportCycle,
    WorkReport,
    WorkReportAttachment,
    WorkReportQuerySet,
    WorkReportRound,
    _attachment_path,
)

__all__ = [
    "ReportCycle",
    "WorkReport",
    "WorkReportAttachment",
    "WorkReportQuerySet",
    "WorkReportRound",
    "_attachment_path",
]
