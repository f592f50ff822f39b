from django.urls import path

from .views import statistics, todo

app_name = "dashboard"

urlpatterns = [
    path("", statistics.DashboardView.as_view(), name="index"),
    path("export.xlsx", statistics.DashboardExportView.as_view(), name="export"),
    path("todo/<slug:key>/", todo.TodoListView.as_view(), name="todo"),
    path("calendar/", statistics.CalendarSettingsView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", statistics.CalendarFeedView.as_view(), name="calendar-feed"),
]
