from django.urls import path

from . import views

app_name = "cadres"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("", views.CadreListView.as_view(), name="cadre-list"),
    path("<int:pk>/", views.CadreDetailView.as_view(), name="cadre-detail"),
]
