from django.urls import path

from .views import annual, appraisals, outcomes, posting, ranking, votes

app_name = "assessments"

urlpatterns = [
    path("postings/<int:pk>/", posting.PostingAssessmentView.as_view(), name="posting"),
    path("postings/<int:pk>/open/", appraisals.AppraisalOpenView.as_view(), name="open"),
    path("postings/<int:pk>/annual/<slug:step>/", annual.AnnualView.as_view(), name="annual"),
    path("postings/<int:pk>/after/", outcomes.AfterSecondmentView.as_view(), name="after"),
    path("appraisals/<int:pk>/step/<slug:step>/", appraisals.AppraisalStepView.as_view(), name="step"),
    path("appraisals/<int:pk>/finalize/", appraisals.AppraisalFinalizeView.as_view(), name="finalize"),
    path("appraisals/<int:pk>/correct/", appraisals.AppraisalCorrectView.as_view(), name="correct"),
    path("appraisals/<int:pk>/vote/open/", votes.VoteOpenView.as_view(), name="vote-open"),
    path("votes/<int:pk>/close/", votes.VoteCloseView.as_view(), name="vote-close"),
    path("votes/<int:pk>/reopen/", votes.VoteReopenView.as_view(), name="vote-reopen"),
    path("votes/<int:pk>/count/", votes.VoteCountView.as_view(), name="vote-count"),
    path("annual/export.xlsx", annual.AnnualExportView.as_view(), name="annual-export"),
    path("batches/<int:pk>/ranking/", ranking.BatchRankingView.as_view(), name="batch-ranking"),
    path("batches/<int:pk>/ranking.xlsx", ranking.BatchRankingExportView.as_view(), name="batch-ranking-xlsx"),
]
