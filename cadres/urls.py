from django.urls import path

from .views import cadres, imports, lrmx, units

app_name = "cadres"

urlpatterns = [
    path("units/", units.UnitListView.as_view(), name="unit-list"),
    path("units/create/", units.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit-detail"),
    path("units/pick/<slug:pick>/", units.UnitPickView.as_view(), name="unit-pick"),
    path("units/<int:pk>/edit/", units.UnitUpdateView.as_view(), name="unit-edit"),
    path("", cadres.CadreListView.as_view(), name="cadre-list"),
    path("create/", cadres.CadreCreateView.as_view(), name="cadre-create"),
    path("import/", imports.RosterUploadView.as_view(), name="import-start"),
    path("import/template.xlsx", imports.RosterTemplateView.as_view(), name="import-template"),
    path("import/<int:pk>/", imports.RosterPreviewView.as_view(), name="import-preview"),
    path("import/lrmx/", lrmx.LrmxUploadView.as_view(), name="lrmx-import-start"),
    path("import/lrmx/<int:pk>/", lrmx.LrmxPreviewView.as_view(), name="lrmx-import-preview"),
    path("export.xlsx", cadres.CadreExportView.as_view(), name="cadre-export-xlsx"),
    path("<int:pk>/", cadres.CadreDetailView.as_view(), name="cadre-detail"),
    path("<int:pk>/lrmx/", lrmx.CadreLrmxView.as_view(), name="cadre-lrmx"),
    path("<int:pk>/edit/", cadres.CadreUpdateView.as_view(), name="cadre-edit"),
    path("<int:pk>/trainings/add/", cadres.TrainingRecordCreateView.as_view(), name="training-add"),
    path("<int:pk>/rewards/add/", cadres.RewardPunishmentCreateView.as_view(), name="reward-add"),
    path("rewards/<int:pk>/", cadres.RewardPunishmentUpdateView.as_view(), name="reward-edit"),
    path("<int:pk>/particulars/", cadres.CadreParticularsUpdateView.as_view(), name="particulars-edit"),
    path("<int:pk>/resume/add/", cadres.ResumeEntryCreateView.as_view(), name="resume-add"),
    path("resume/<int:pk>/", cadres.ResumeEntryUpdateView.as_view(), name="resume-edit"),
    path("<int:pk>/family/add/", cadres.FamilyMemberCreateView.as_view(), name="family-add"),
    path("family/<int:pk>/", cadres.FamilyMemberUpdateView.as_view(), name="family-edit"),
]
