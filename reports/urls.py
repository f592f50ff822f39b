from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/export.xlsx", views.DashboardExportView.as_view(), name="dashboard-export"),
    path("appraisals/<int:pk>/form.pdf", views.AppraisalFormPdfView.as_view(), name="appraisal-pdf"),
    path("calendar/", views.CalendarSettingsView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
]
