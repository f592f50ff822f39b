from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("工作汇报")

    def ready(self) -> None:
        from . import demo, receivers, reminders, timeline  # noqa: F401  -- registrations (demo, events, reminders, timeline)
