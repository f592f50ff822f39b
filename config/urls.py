from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import HomeView
from core import views as core_views

admin.site.site_header = _("挂职通 · 系统管理")
admin.site.site_title = _("挂职通")
admin.site.index_title = _("系统管理")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("cadres/", include("cadres.urls")),
    path("secondment/", include("secondment.urls")),
    path("assessments/", include("assessments.urls")),
    path("notifications/", include("core.urls_notifications")),
    path("reports/", include("reports.urls")),
    path("healthz/", core_views.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
