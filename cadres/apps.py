from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "cadres"
    verbose_name = _("单位与干部")

    def ready(self) -> None:
        from core.files import protect_files

        from . import demo, exports, labels  # noqa: F401  -- registers the demo seeder, the export, names of the audit codes
        from .access import cadres_visible_to
        from .models import Cadre

        # a cadre's photo: whoever sees the cadre
        protect_files(Cadre, "photo", visible_to=cadres_visible_to)
