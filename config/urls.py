from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views
from core.exports import ExportJobDownloadView, ExportJobView
from core.file_views import StoredFileView
from dashboard.views.home import HomeView
from dashboard.views.statistics import CalendarFeedView

admin.site.site_header = _("挂职通 · 系统管理")
admin.site.site_title = _("挂职通")
admin.site.index_title = _("系统管理")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("cadres/", include("cadres.urls")),
    path("secondment/", include("secondment.urls")),
    path("assessments/", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    # 民主测评（扫码）: the voters' public pages (no account; the code on the slip is the key)
    path("v/", include("assessments.urls_voting")),
    path("documents/", include("documents.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("notifications/", include("dashboard.urls_notifications")),
    # calendar feeds subscribed to before the feed moved under /dashboard/ keep working
    path("reports/calendar/<str:token>.ics", CalendarFeedView.as_view(), name="legacy-calendar-feed"),
    path("exports/<int:pk>/", ExportJobView.as_view(), name="export-job"),
    path("exports/<int:pk>/download/", ExportJobDownloadView.as_view(), name="export-job-download"),
    path("healthz/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # every stored file, behind the scope of the record that owns it (never MEDIA_ROOT served as is)
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", StoredFileView.as_view(), name="stored-file"),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
