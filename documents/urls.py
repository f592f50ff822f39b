from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("appraisals/<int:pk>/form.pdf", views.AppraisalFormPdfView.as_view(), name="appraisal-pdf"),
    path("appraisals/<int:pk>/transfer/", views.TransferView.as_view(), name="transfer"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("batches/<int:batch_pk>/summary.pdf", views.BatchSummaryPdfView.as_view(), name="batch-summary-pdf"),
    path("batches/<int:batch_pk>/print/", views.PrintJobCreateView.as_view(), name="print-job-create"),
    path("jobs/<int:pk>/", views.PrintJobView.as_view(), name="print-job"),
    path("jobs/<int:pk>/download/", views.PrintJobDownloadView.as_view(), name="print-job-download"),
    path("nominations/<int:pk>/registration.pdf", views.RegistrationFormPdfView.as_view(), name="registration-pdf"),
    path("work-reports/<int:pk>.pdf", views.WorkReportPdfView.as_view(), name="work-report-pdf"),
]
