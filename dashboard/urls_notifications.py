from django.urls import path

from .views import notifications as v

app_name = "notifications"

urlpatterns = [
    path("", v.NotificationListView.as_view(), name="list"),
    path("<int:pk>/read/", v.NotificationReadView.as_view(), name="read"),
    path("read-all/", v.NotificationReadAllView.as_view(), name="read-all"),
    path("email/", v.EmailPreferenceView.as_view(), name="email"),
    path("log/", v.ReminderLogView.as_view(), name="log"),
]
