from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/export.xlsx", views.DashboardExportView.as_view(), name="dashboard-export"),
    path("appraisals/<int:pk>/form.pdf", views.AppraisalFormPdfView.as_view(), name="appraisal-pdf"),
    path("appraisals/<int:pk>/transfer/", views.TransferView.as_view(), name="transfer"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("batches/<int:batch_pk>/summary.pdf", views.BatchSummaryPdfView.as_view(), name="batch-summary-pdf"),
    path("batches/<int:batch_pk>/print/", views.PrintJobCreateView.as_view(), name="print-job-create"),
    path("jobs/<int:pk>/", views.PrintJobView.as_view(), name="print-job"),
    path("jobs/<int:pk>/download/", views.PrintJobDownloadView.as_view(), name="print-job-download"),
    path("calendar/", views.CalendarSettingsView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
]
