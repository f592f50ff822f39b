from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("文书与档案")

    def ready(self) -> None:
        from core.files import protect_files

        from . import labels, pages, receivers, reminders  # noqa: F401  -- audit code names, page extras, archive finalized appraisals, reminders
        from .access import archived_forms_visible_to, print_job_files_visible_to
        from .models import ArchivedForm, PrintJob

        # an archived appraisal form: whoever sees the appraisal; a print zip: its owner
        protect_files(
            ArchivedForm,
            "file",
            visible_to=archived_forms_visible_to,
            filename=lambda f: f"appraisal-{f.appraisal_id}-archived.pdf",
        )
        protect_files(
            PrintJob,
            "file",
            visible_to=print_job_files_visible_to,
            filename=lambda j: f"appraisals-batch-{j.batch_id}.zip",
        )
