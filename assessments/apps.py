from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("考核鉴定")

    def ready(self) -> None:
        from . import demo, exports, extension_results, labels, pages, ranking_demo, receivers, reminders, timeline  # noqa: F401  -- registrations
