from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("文书与档案")

    def ready(self) -> None:
        from . import pages, receivers, reminders  # noqa: F401  -- page extras, archive finalized appraisals, reminders
