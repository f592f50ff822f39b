from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("postings/<int:pk>/", views.PostingAssessmentView.as_view(), name="posting"),
    path("postings/<int:pk>/open/", views.AppraisalOpenView.as_view(), name="open"),
    path("postings/<int:pk>/annual/<slug:step>/", views.AnnualView.as_view(), name="annual"),
    path("postings/<int:pk>/after/", views.AfterSecondmentView.as_view(), name="after"),
    path("appraisals/<int:pk>/step/<slug:step>/", views.AppraisalStepView.as_view(), name="step"),
    path("appraisals/<int:pk>/finalize/", views.AppraisalFinalizeView.as_view(), name="finalize"),
    path("appraisals/<int:pk>/correct/", views.AppraisalCorrectView.as_view(), name="correct"),
    path("annual/export.xlsx", views.AnnualExportView.as_view(), name="annual-export"),
]
