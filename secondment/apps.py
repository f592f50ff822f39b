from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondmentConfig(AppConfig):
    name = "secondment"
    verbose_name = _("挂职管理")

    def ready(self) -> None:
        from . import reminders, timeline  # noqa: F401  -- register scan rules and timeline sources
