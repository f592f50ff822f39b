from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("工作汇报")

    def ready(self) -> None:
        from core.files import protect_files

        from . import demo, exports, labels, receivers, reminders, timeline  # noqa: F401  -- registrations (demo, events, exports, reminders, timeline)
        from .access import work_report_attachments_visible_to
        from .models import WorkReportAttachment

        # a report's attachments: whoever sees the report
        protect_files(
            WorkReportAttachment, "file", visible_to=work_report_attachments_visible_to, filename=lambda a: a.name
        )
