"""The work reports the user sees as .xlsx (reports.exports: the rows; core.exports: at once or as a job)."""

from django.views.generic import View

from core.exports import export_response


class ReportExportView(View):
    """One row per report, for a batch and a period (报送期限 between from and to)."""

    def get(self, request):
        return export_response(request, "reports")
