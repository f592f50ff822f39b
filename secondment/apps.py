from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondmentConfig(AppConfig):
    name = "secondment"
    verbose_name = _("挂职管理")

    def ready(self) -> None:
        from . import (  # noqa: F401  -- registrations (demo, events, reminders, timeline)
            access,
            access_support,
            demo,
            reminders,
            reminders_termination,
            timeline,
        )
