from django.urls import path

from . import views as v

app_name = "reports"

urlpatterns = [
    path("postings/<int:pk>/", v.PostingReportsView.as_view(), name="posting"),
    path("review/", v.ReviewQueueView.as_view(), name="queue"),
    path("compliance/", v.ComplianceView.as_view(), name="compliance"),
    path("export.xlsx", v.ReportExportView.as_view(), name="export-xlsx"),
    path("<int:pk>/", v.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/attach/", v.ReportAttachView.as_view(), name="attach"),
    path("<int:pk>/review/<slug:decision>/", v.ReportReviewView.as_view(), name="review"),
    path("<int:pk>/print/", v.ReportPrintView.as_view(), name="print"),
]
