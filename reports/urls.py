from django.urls import path

from .views import compliance, detail, export, missing, postings, queue

app_name = "reports"

urlpatterns = [
    path("postings/<int:pk>/", postings.PostingReportsView.as_view(), name="posting"),
    path("review/", queue.ReviewQueueView.as_view(), name="queue"),
    path("compliance/", compliance.ComplianceView.as_view(), name="compliance"),
    path("missing/", missing.MissingReportsView.as_view(), name="missing"),
    path("export.xlsx", export.ReportExportView.as_view(), name="export-xlsx"),
    path("<int:pk>/", detail.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/attach/", detail.ReportAttachView.as_view(), name="attach"),
    path("<int:pk>/review/<slug:decision>/", detail.ReportReviewView.as_view(), name="review"),
    path("<int:pk>/print/", detail.ReportPrintView.as_view(), name="print"),
]
