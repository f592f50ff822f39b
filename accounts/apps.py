from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("用户与权限")

    def ready(self):
        # django-axes names its app "Axes"; the admin and the audit trail's object types show it in Chinese
        from django.apps import apps

        from . import labels  # noqa: F401  -- names of the audit codes (core.labels)

        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("登录限制")
