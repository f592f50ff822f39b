from django.urls import path

from .views import archive, pdf, print_jobs

app_name = "documents"

urlpatterns = [
    path("appraisals/<int:pk>/form.pdf", pdf.AppraisalFormPdfView.as_view(), name="appraisal-pdf"),
    path("appraisals/<int:pk>/democratic.pdf", pdf.DemocraticTallyPdfView.as_view(), name="democratic-tally-pdf"),
    path("appraisals/<int:pk>/ballots.pdf", pdf.BallotsPdfView.as_view(), name="democratic-ballot-pdf"),
    path("votes/<int:pk>/slips.pdf", pdf.VoteSlipsPdfView.as_view(), name="vote-slips"),
    path("appraisals/<int:pk>/transfer/materials.pdf", archive.TransferPackageView.as_view(), name="transfer-pdf"),
    path("appraisals/<int:pk>/transfer/", archive.TransferView.as_view(), name="transfer"),
    path("verify/", archive.VerifyView.as_view(), name="verify"),
    path("batches/<int:batch_pk>/summary.pdf", pdf.BatchSummaryPdfView.as_view(), name="batch-summary-pdf"),
    path("batches/<int:batch_pk>/print/", print_jobs.PrintJobCreateView.as_view(), name="print-job-create"),
    path(
        "batches/<int:batch_pk>/appointment-forms/",
        print_jobs.BatchAppointmentFormsView.as_view(),
        name="batch-rmb-zip",
    ),
    path("jobs/<int:pk>/", print_jobs.PrintJobView.as_view(), name="print-job"),
    path("jobs/<int:pk>/download/", print_jobs.PrintJobDownloadView.as_view(), name="print-job-download"),
    path("cadres/<int:pk>/appointment.pdf", pdf.CadreAppointmentFormPdfView.as_view(), name="cadre-rmb"),
    path("nominations/<int:pk>/registration.pdf", pdf.RegistrationFormPdfView.as_view(), name="registration-pdf"),
    path("work-reports/<int:pk>.pdf", pdf.WorkReportPdfView.as_view(), name="work-report-pdf"),
]
