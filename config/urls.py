from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views
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
    path("documents/", include("documents.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("notifications/", include("dashboard.urls_notifications")),
    # calendar feeds subscribed to before the feed moved under /dashboard/ keep working
    path("reports/calendar/<str:token>.ics", CalendarFeedView.as_view(), name="legacy-calendar-feed"),
    path("healthz/", core_views.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
