from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("系统核心")

    def ready(self) -> None:
        from . import lookups  # noqa: F401 — registers CharField's chars_contain (admin's name searches)
        from .access import import_uploads_visible_to
        from .files import protect_files
        from .models import ImportUpload

        # an uploaded workbook: its uploader's only
        protect_files(
            ImportUpload,
            "file",
            visible_to=lambda user: import_uploads_visible_to(user).defer("parsed"),  # the kept rows can be large
            filename=lambda u: u.original_name,
        )
        from .exports import export_job_files_visible_to
        from .models import ExportJob

        # an export job's workbook: its owner's only, once done
        protect_files(ExportJob, "file", visible_to=export_job_files_visible_to, filename=lambda j: j.filename)
        from django.db.models.signals import post_init, post_migrate

        from .permissions import rename_permissions

        # Django names permissions in English at migrate time; admin shows them in Chinese
        post_migrate.connect(rename_permissions, dispatch_uid="core.permissions.rename_permissions")

        from .audit import remember_loaded_values

        # every product model remembers what it was loaded with: audit rows store before and after
        post_init.connect(remember_loaded_values, dispatch_uid="core.audit.remember_loaded_values")

        from django.db.backends.signals import connection_created

        from .stats_cache import install, renew_after_migrate

        # every write through Django's cursor replaces the data version the statistics are cached under,
        # and so does a migrate (new code, maybe new numbers)
        connection_created.connect(install, dispatch_uid="core.stats_cache.install")
        post_migrate.connect(renew_after_migrate, dispatch_uid="core.stats_cache.renew")
