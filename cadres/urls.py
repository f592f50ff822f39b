from django.urls import path

from . import import_views, views

app_name = "cadres"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/create/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit-edit"),
    path("", views.CadreListView.as_view(), name="cadre-list"),
    path("create/", views.CadreCreateView.as_view(), name="cadre-create"),
    path("import/", import_views.RosterUploadView.as_view(), name="import-start"),
    path("import/template.xlsx", import_views.RosterTemplateView.as_view(), name="import-template"),
    path("import/<int:pk>/", import_views.RosterPreviewView.as_view(), name="import-preview"),
    path("export.xlsx", views.CadreExportView.as_view(), name="cadre-export-xlsx"),
    path("<int:pk>/", views.CadreDetailView.as_view(), name="cadre-detail"),
    path("<int:pk>/edit/", views.CadreUpdateView.as_view(), name="cadre-edit"),
    path("<int:pk>/trainings/add/", views.TrainingRecordCreateView.as_view(), name="training-add"),
]
