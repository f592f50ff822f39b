from django.urls import path

from .views import batches as b
from .views import conduct as c
from .views import imports as imp
from .views import lrmx as lrmx
from .views import nominations as n
from .views import postings as p
from .views import support as s
from .views import termination as t

app_name = "secondment"

urlpatterns = [
    path("batches/", b.BatchListView.as_view(), name="batch-list"),
    path("batches/create/", b.BatchCreateView.as_view(), name="batch-create"),
    path("batches/<int:pk>/", b.BatchDetailView.as_view(), name="batch-detail"),
    path("batches/<int:pk>/edit/", b.BatchUpdateView.as_view(), name="batch-edit"),
    path("batches/<int:pk>/status/", b.BatchStatusView.as_view(), name="batch-status"),
    path("batches/<int:pk>/quotas/", b.BatchQuotaView.as_view(), name="batch-quota"),
    path("batches/<int:pk>/offers/", b.BatchOfferView.as_view(), name="batch-offer"),
    path("batches/<int:pk>/offers/<int:offer_pk>/delete/", b.BatchOfferDeleteView.as_view(), name="batch-offer-delete"),
    path("batches/<int:pk>/ceilings/", b.BatchAgeCeilingView.as_view(), name="batch-ceiling"),
    path("batches/<int:pk>/ranking/", b.BatchRankingView.as_view(), name="batch-ranking"),
    path("batches/<int:pk>/lrmx.zip", lrmx.BatchLrmxZipView.as_view(), name="batch-lrmx-zip"),
    path("batches/<int:pk>/nominate/", n.NominateView.as_view(), name="nominate"),
    path("batches/<int:batch_pk>/import/nominees/", imp.NomineeUploadView.as_view(), name="import-nominees"),
    path(
        "batches/<int:batch_pk>/import/nominees/<int:pk>/",
        imp.NomineePreviewView.as_view(),
        name="import-nominees-preview",
    ),
    path(
        "batches/<int:batch_pk>/import/nominees/template.xlsx",
        imp.NomineeTemplateView.as_view(),
        name="import-nominees-template",
    ),
    path("batches/<int:batch_pk>/import/scores/", imp.ScoreUploadView.as_view(), name="import-scores"),
    path(
        "batches/<int:batch_pk>/import/scores/<int:pk>/", imp.ScorePreviewView.as_view(), name="import-scores-preview"
    ),
    path(
        "batches/<int:batch_pk>/import/scores/template.xlsx",
        imp.ScoreTemplateView.as_view(),
        name="import-scores-template",
    ),
    path("batches/<int:pk>/create-postings/", p.BatchCreatePostingsView.as_view(), name="batch-create-postings"),
    path("postings/", p.PostingListView.as_view(), name="posting-list"),
    path("postings/export.xlsx", p.PostingExportView.as_view(), name="posting-export-xlsx"),
    path("postings/<int:pk>/", p.PostingDetailView.as_view(), name="posting-detail"),
    path("postings/<int:pk>/do/<slug:action>/", p.PostingTransitionView.as_view(), name="posting-transition"),
    path("postings/<int:pk>/filing/", p.PostingFilingView.as_view(), name="posting-filing"),
    path("postings/<int:pk>/plan/", p.PostingPlanView.as_view(), name="posting-plan"),
    path("postings/<int:pk>/extension/", p.ExtensionRequestView.as_view(), name="posting-extension"),
    path(
        "postings/<int:pk>/extension/<int:request_pk>/decide/",
        p.ExtensionDecisionView.as_view(),
        name="posting-extension-decide",
    ),
    path("postings/<int:pk>/termination/", t.TerminationProposeView.as_view(), name="posting-termination"),
    path(
        "postings/<int:pk>/termination/<int:proposal_pk>/decide/",
        t.TerminationDecideView.as_view(),
        name="posting-termination-decide",
    ),
    path(
        "postings/<int:pk>/termination/<int:proposal_pk>/attachment/",
        t.TerminationAttachmentView.as_view(),
        name="posting-termination-attachment",
    ),
    path("postings/<int:pk>/formalities/", t.FormalityView.as_view(), name="posting-formality"),
    path(
        "postings/<int:pk>/formalities/<int:formality_pk>/attachment/",
        t.FormalityAttachmentView.as_view(),
        name="posting-formality-attachment",
    ),
    path("terminations/", t.TerminationQueueView.as_view(), name="termination-queue"),
    path(
        "postings/<int:pk>/extension/<int:request_pk>/consent/",
        p.ExtensionConsentView.as_view(),
        name="posting-extension-consent",
    ),
    path("postings/<int:pk>/leave/", c.PostingLeaveView.as_view(), name="posting-leave"),
    path("postings/<int:pk>/inspections/", c.PostingInspectionsView.as_view(), name="posting-inspections"),
    path("postings/<int:pk>/worklog/", c.PostingWorkLogView.as_view(), name="posting-worklog"),
    path("batches/<int:batch_pk>/import/postings/", imp.PostingUploadView.as_view(), name="import-postings"),
    path(
        "batches/<int:batch_pk>/import/postings/<int:pk>/",
        imp.PostingPreviewView.as_view(),
        name="import-postings-preview",
    ),
    path(
        "batches/<int:batch_pk>/import/postings/template.xlsx",
        imp.PostingTemplateView.as_view(),
        name="import-postings-template",
    ),
    path("nominations/<int:pk>/", n.NominationDetailView.as_view(), name="nomination-detail"),
    path("nominations/<int:pk>/scores/", n.NominationScoresView.as_view(), name="nomination-scores"),
    path("nominations/<int:pk>/inspection/", n.NominationInspectionView.as_view(), name="nomination-inspection"),
    path("nominations/<int:pk>/decision/", n.NominationDecisionView.as_view(), name="nomination-decision"),
    path("nominations/<int:pk>/withdraw/", n.NominationWithdrawView.as_view(), name="nomination-withdraw"),
    path("nominations/<int:pk>/registration/", n.RegistrationFormView.as_view(), name="nomination-registration"),
    # support records (issue 15): 座谈会, 情况反馈, 轮岗, 生活保障, 结对
    path("symposiums/", s.SymposiumListView.as_view(), name="symposium-list"),
    path("symposiums/export.xlsx", s.SymposiumExportView.as_view(), name="symposium-export-xlsx"),
    path("symposiums/create/", s.SymposiumCreateView.as_view(), name="symposium-create"),
    path("symposiums/<int:pk>/", s.SymposiumDetailView.as_view(), name="symposium-detail"),
    path("symposiums/<int:pk>/edit/", s.SymposiumUpdateView.as_view(), name="symposium-edit"),
    path(
        "symposiums/<int:pk>/attachments/<int:attachment_pk>/",
        s.SymposiumAttachmentView.as_view(),
        name="symposium-attachment",
    ),
    path("feedback/", s.FeedbackListView.as_view(), name="feedback-list"),
    path("feedback/export.xlsx", s.FeedbackExportView.as_view(), name="feedback-export-xlsx"),
    path("feedback/<int:pk>/acknowledge/", s.FeedbackAcknowledgeView.as_view(), name="feedback-acknowledge"),
    path("rotations/", s.RotationListView.as_view(), name="rotation-list"),
    path("rotations/export.xlsx", s.RotationExportView.as_view(), name="rotation-export-xlsx"),
    path("living-support/", s.LivingSupportListView.as_view(), name="living-support-list"),
    path("living-support/export.xlsx", s.LivingSupportExportView.as_view(), name="living-support-export-xlsx"),
    path("postings/<int:pk>/support/", s.PostingSupportView.as_view(), name="posting-support"),
    path("batches/<int:pk>/pairings/", s.BatchPairingView.as_view(), name="batch-pairings"),
    path(
        "batches/<int:pk>/pairings/export.xlsx", s.BatchPairingExportView.as_view(), name="batch-pairings-export-xlsx"
    ),
]
