"""A batch's appraisals ranked by composite score, on a page and in Excel (organizing department only)."""

from django.shortcuts import render
from django.views.generic import View

from core.import_views import xlsx_response

from ..access import ranking_batch_get_for_user
from ..ranking import batch_appraisal_ranking, ranking_xlsx


class BatchRankingView(View):
    def get(self, request, pk: int):
        batch = ranking_batch_get_for_user(user=request.user, pk=pk)
        rows = batch_appraisal_ranking(batch=batch)
        return render(request, "assessments/batch_ranking.html", {"batch": batch, "rows": rows})


class BatchRankingExportView(View):
    def get(self, request, pk: int):
        batch = ranking_batch_get_for_user(user=request.user, pk=pk)
        return xlsx_response(ranking_xlsx(batch_appraisal_ranking(batch=batch)), f"appraisal-ranking-{batch.pk}.xlsx")
