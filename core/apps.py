from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("系统核心")

    def ready(self) -> None:
        from django.db.models.signals import post_init

        from .audit import remember_loaded_values

        # every product model remembers what it was loaded with: audit rows store before and after
        post_init.connect(remember_loaded_values, dispatch_uid="core.audit.remember_loaded_values")
