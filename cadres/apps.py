from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "cadres"
    verbose_name = _("单位与干部")

    def ready(self) -> None:
        from . import demo  # noqa: F401  -- registers the registry's demo seeder
